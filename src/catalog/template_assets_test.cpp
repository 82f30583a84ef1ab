// Template assets on a real (in-memory) SQLite database. All data is synthetic.
#include "catalog/template_assets.h"

#include <gtest/gtest.h>

#include "catalog/template_store.h"
#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"

namespace dossier::catalog {
namespace {

constexpr const char* kOwner = "01900000-0000-7000-8000-00000000a001";
constexpr const char* kOther = "01900000-0000-7000-8000-00000000a002";
constexpr const char* kAdmin = "01900000-0000-7000-8000-00000000a003";

std::string png(size_t size = 64) {
  std::string bytes = "\x89PNG\r\n\x1a\n";
  bytes.resize(size, 'x');
  return bytes;
}
const std::string kJpeg = "\xFF\xD8\xFF\xE0 rest of a jpeg";
const std::string kSvg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>";

class TemplateAssetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(db::SqliteDatabase::open(":memory:")).value();
    ASSERT_TRUE(db::migrate(*db_).ok());
    ASSERT_TRUE(install_system_templates(*db_).ok());
    for (auto [id, role] : {std::pair{kOwner, "therapist"}, std::pair{kOther, "therapist"},
                            std::pair{kAdmin, "admin"}}) {
      ASSERT_TRUE(db_->execute("INSERT INTO users (id, role, given_name, family_name, created_at, "
                               "updated_at) VALUES (?, ?, 'Sam', 'Sample', ?, ?)",
                               {id, role, "2024-01-01T00:00:00.000Z", "2024-01-01T00:00:00.000Z"})
                      .ok());
    }
    owner_ = {kOwner, auth::Role::kTherapist, "", ""};
    other_ = {kOther, auth::Role::kTherapist, "", ""};
    admin_ = {kAdmin, auth::Role::kAdmin, "", ""};
    auto t = create_template(*db_, owner_,
                             {{"name", "Letterhead"},
                              {"export_type", "progress_report"},
                              {"format", "pdf"},
                              {"template_content", "<img src=\"logo.png\">"}});
    ASSERT_TRUE(t.ok());
    id_ = (*t)["id"];
  }

  Result<StoredAsset> put(const std::string& name, std::string_view type, std::string bytes,
                          const auth::Caller* who = nullptr) {
    return put_template_asset(*db_, who ? *who : owner_, id_, name, type, std::move(bytes));
  }

  std::unique_ptr<db::SqliteDatabase> db_;
  auth::Caller owner_, other_, admin_;
  std::string id_;
};

void expect_field(const Error& e, ErrorCode code, const std::string& path) {
  EXPECT_EQ(e.code, code);
  ASSERT_EQ(e.fields.size(), 1u);
  EXPECT_EQ(e.fields[0].path, path);
}

TEST(AssetNameTest, PlainFileNamesOnly) {
  EXPECT_TRUE(is_valid_asset_name("logo.png"));
  EXPECT_TRUE(is_valid_asset_name("Signature_2-final.JPEG"));
  EXPECT_TRUE(is_valid_asset_name(std::string(100, 'a')));
  EXPECT_FALSE(is_valid_asset_name(""));
  EXPECT_FALSE(is_valid_asset_name(std::string(101, 'a')));
  EXPECT_FALSE(is_valid_asset_name(".hidden"));
  EXPECT_FALSE(is_valid_asset_name(".."));
  EXPECT_FALSE(is_valid_asset_name("../x"));
  EXPECT_FALSE(is_valid_asset_name("a/b.png"));
  EXPECT_FALSE(is_valid_asset_name("a\\b.png"));
  EXPECT_FALSE(is_valid_asset_name("logo png"));
  EXPECT_FALSE(is_valid_asset_name("https:logo.png"));
  EXPECT_FALSE(is_valid_asset_name("logo\xC3\xA9.png"));
}

TEST(AssetSniffTest, RecognisesTheThreeFormats) {
  EXPECT_EQ(sniff_asset_type(png()), "image/png");
  EXPECT_EQ(sniff_asset_type(kJpeg), "image/jpeg");
  EXPECT_EQ(sniff_asset_type(kSvg), "image/svg+xml");
  EXPECT_EQ(sniff_asset_type("\xEF\xBB\xBF  <svg/>"), "image/svg+xml");
  EXPECT_EQ(sniff_asset_type("GIF89a"), "");
  EXPECT_EQ(sniff_asset_type("<html><body>no image</body></html>"), "");
  EXPECT_EQ(sniff_asset_type(""), "");
}

TEST_F(TemplateAssetsTest, PutListGetReplaceDelete) {
  auto first = put("logo.png", "image/png", png(64));
  ASSERT_TRUE(first.ok()) << first.error().detail;
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->info, Json({{"name", "logo.png"}, {"content_type", "image/png"}, {"size", 64}}));
  ASSERT_TRUE(put("sig.svg", "image/svg+xml; charset=utf-8", kSvg).ok());

  auto list = list_template_assets(*db_, id_);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ((*list)["assets"].size(), 2u);
  EXPECT_EQ((*list)["assets"][0]["name"], "logo.png");
  EXPECT_EQ((*list)["assets"][0]["size"], 64);
  EXPECT_TRUE((*list)["assets"][0]["created_at"].is_string());
  EXPECT_EQ((*list)["assets"][1]["name"], "sig.svg");
  EXPECT_EQ((*list)["assets"][1]["content_type"], "image/svg+xml");

  auto replaced = put("logo.png", "image/jpeg", kJpeg);
  ASSERT_TRUE(replaced.ok());
  EXPECT_FALSE(replaced->created);
  auto got = get_template_asset(*db_, id_, "logo.png");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->content_type, "image/jpeg");
  EXPECT_EQ(got->bytes, kJpeg);

  ASSERT_TRUE(delete_template_asset(*db_, owner_, id_, "logo.png").ok());
  EXPECT_EQ(get_template_asset(*db_, id_, "logo.png").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(delete_template_asset(*db_, owner_, id_, "logo.png").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ((*list_template_assets(*db_, id_))["assets"].size(), 1u);
}

TEST_F(TemplateAssetsTest, RefusesBadNamesSizesAndTypes) {
  expect_field(put("../x", "image/png", png()).error(), ErrorCode::kValidation, "name");
  expect_field(put(".logo.png", "image/png", png()).error(), ErrorCode::kValidation, "name");
  EXPECT_TRUE(put("big.png", "image/png", png(kMaxAssetBytes)).ok());
  expect_field(put("bigger.png", "image/png", png(kMaxAssetBytes + 1)).error(),
               ErrorCode::kTooLarge, "body");
  expect_field(put("a.gif", "image/gif", "GIF89a....").error(), ErrorCode::kUnprocessable,
               "content_type");
  expect_field(put("a.png", "", png()).error(), ErrorCode::kUnprocessable, "content_type");
  // The declared type must be what the bytes are.
  expect_field(put("a.png", "image/png", kJpeg).error(), ErrorCode::kUnprocessable, "content_type");
  expect_field(put("a.svg", "image/svg+xml", "<html>not svg</html>").error(),
               ErrorCode::kUnprocessable, "content_type");
  auto list = list_template_assets(*db_, id_);
  ASSERT_EQ((*list)["assets"].size(), 1u);
  EXPECT_EQ((*list)["assets"][0]["name"], "big.png");
}

TEST_F(TemplateAssetsTest, AtMostTwentyPerTemplateButReplacingIsFine) {
  for (int i = 0; i < kMaxAssetsPerTemplate; ++i) {
    ASSERT_TRUE(put("a" + std::to_string(i) + ".png", "image/png", png()).ok());
  }
  EXPECT_EQ(put("one-more.png", "image/png", png()).error().code, ErrorCode::kConflict);
  EXPECT_TRUE(put("a3.png", "image/png", png(80)).ok());
}

TEST_F(TemplateAssetsTest, OnlyEditorsOfCustomTemplatesChangeAssets) {
  EXPECT_EQ(put("logo.png", "image/png", png(), &other_).error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(put("logo.png", "image/png", png(), &admin_).ok());
  EXPECT_EQ(delete_template_asset(*db_, other_, id_, "logo.png").error().code,
            ErrorCode::kForbidden);
  const std::string system = system_template_id("progress_report");
  EXPECT_EQ(put_template_asset(*db_, admin_, system, "logo.png", "image/png", png()).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ((*list_template_assets(*db_, system))["assets"].size(), 0u);
  const std::string unknown = "01900000-0000-7000-8000-0000000000ff";
  EXPECT_EQ(put_template_asset(*db_, admin_, unknown, "logo.png", "image/png", png()).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(list_template_assets(*db_, unknown).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(get_template_asset(*db_, "not-a-uuid", "logo.png").error().code, ErrorCode::kNotFound);
}

TEST_F(TemplateAssetsTest, CopiesBringAssetsAndDeletingTheTemplateDropsThem) {
  ASSERT_TRUE(put("logo.png", "image/png", png(99)).ok());
  auto copy = create_template(*db_, other_, {{"copy_of", id_}});
  ASSERT_TRUE(copy.ok());
  const std::string copy_id = (*copy)["id"];
  auto got = get_template_asset(*db_, copy_id, "logo.png");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->bytes, png(99));
  // The copy's assets are its own: changing one leaves the other alone.
  ASSERT_TRUE(delete_template_asset(*db_, other_, copy_id, "logo.png").ok());
  EXPECT_TRUE(get_template_asset(*db_, id_, "logo.png").ok());

  ASSERT_TRUE(delete_template(*db_, owner_, id_).ok());
  auto left =
      db_->query_one("SELECT COUNT(*) AS n FROM template_assets WHERE template_id = ?", {id_});
  EXPECT_EQ((*left)["n"], 0);
}

TEST_F(TemplateAssetsTest, TheResolverReadsOnlyThatTemplatesAssets) {
  ASSERT_TRUE(put("logo.png", "image/png", png(70)).ok());
  auto other = create_template(*db_, owner_,
                               {{"name", "Plain"},
                                {"export_type", "progress_report"},
                                {"format", "pdf"},
                                {"template_content", "<p>plain</p>"}});
  ASSERT_TRUE(other.ok());
  auto mine = template_asset_resolver(*db_, id_);
  auto theirs = template_asset_resolver(*db_, (*other)["id"]);
  EXPECT_EQ(mine("logo.png"), png(70));
  EXPECT_EQ(mine("missing.png"), std::nullopt);
  EXPECT_EQ(mine("../logo.png"), std::nullopt);
  EXPECT_EQ(theirs("logo.png"), std::nullopt);
}

}  // namespace
}  // namespace dossier::catalog
