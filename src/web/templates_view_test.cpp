#include "web/templates_view.h"

#include <set>

#include "catalog/template_store.h"
#include "pipeline/producer.h"
#include "web/web_test_fixture.h"

namespace dossier::web {
namespace {

class TemplatesViewTest : public testing::WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    ASSERT_TRUE(catalog::install_system_templates(*db_).ok());
  }

  auth::Caller therapist(size_t i) const {
    return {tokens_.therapists.at(i).user_id, auth::Role::kTherapist, {}, {}};
  }
  auth::Caller admin() const { return {tokens_.admin.user_id, auth::Role::kAdmin, {}, {}}; }

  // A custom copy of the progress report's system template, made by `caller`.
  std::string copy_for(const auth::Caller& caller) {
    const std::string system = catalog::system_template_id("progress_report");
    return catalog::create_template(*db_, caller, {{"copy_of", system}, {"name", "Ours"}})
        .value()["id"];
  }

  // Whether `caller` sees template `id` as editable in the list.
  bool listed_editable(const auth::Caller& caller, const std::string& id) {
    const Json listed = list_template_groups(*db_, caller).value();
    for (const Json& g : listed["groups"]) {
      for (const Json& t : g["templates"]) {
        if (t["id"] == id) return t["editable"];
      }
    }
    ADD_FAILURE() << "template not listed";
    return false;
  }
};

TEST_F(TemplatesViewTest, GroupsByExportTypeWithSystemTemplatesFirst) {
  const std::string custom = copy_for(therapist(0));
  const Json listed = list_template_groups(*db_, therapist(0)).value();
  ASSERT_FALSE(listed["groups"].empty());
  bool found = false;
  for (const Json& g : listed["groups"]) {
    ASSERT_FALSE(g["templates"].empty()) << g["export_type"];
    EXPECT_TRUE(g["templates"][0]["is_system"].get<bool>()) << g["export_type"];
    for (const Json& t : g["templates"]) {
      if (t["is_system"].get<bool>()) {
        EXPECT_FALSE(t["editable"].get<bool>());
      }
      if (t["id"] == custom) {
        found = true;
        EXPECT_EQ(g["export_type"], "progress_report");
        EXPECT_EQ(g["label"], "Progress report");
        EXPECT_EQ(t["name"], "Ours");
      }
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(TemplatesViewTest, OnlyTheAuthorAndAdminsMayEdit) {
  const std::string custom = copy_for(therapist(0));
  EXPECT_TRUE(listed_editable(therapist(0), custom));
  EXPECT_TRUE(listed_editable(admin(), custom));
  EXPECT_FALSE(listed_editable(therapist(1), custom));
  EXPECT_FALSE(template_editor(*db_, therapist(1), custom).value()["editable"].get<bool>());
  EXPECT_TRUE(template_editor(*db_, therapist(0), custom).value()["editable"].get<bool>());
}

TEST_F(TemplatesViewTest, EditorOffersOnlyClientsTheCallerMaySee) {
  const std::string id = catalog::system_template_id("progress_report");
  const Json editor = template_editor(*db_, therapist(0), id).value();
  std::set<std::string> offered;
  for (const Json& c : editor["clients"]) offered.insert(c["id"].get<std::string>());
  std::set<std::string> care_team;
  auto rows = db_->query("SELECT patient_id FROM care_team WHERE user_id = ?",
                         {tokens_.therapists.at(0).user_id});
  ASSERT_TRUE(rows.ok());
  for (size_t r = 0; r < rows->size(); ++r) {
    care_team.insert((*rows)[r]["patient_id"].get<std::string>());
  }
  EXPECT_EQ(offered, care_team);
  EXPECT_FALSE(editor["template"]["template_content"].get<std::string>().empty());
  EXPECT_TRUE(editor["assets"].is_array());
}

TEST_F(TemplatesViewTest, UnknownTemplateIsNotFound) {
  EXPECT_EQ(template_editor(*db_, admin(), "not-an-id").error().code, ErrorCode::kNotFound);
}

TEST_F(TemplatesViewTest, ErrorPositionIsTheLineAndColumnOnly) {
  EXPECT_EQ(template_error_position("line 3, column 7: unexpected 'endfor'"), "line 3, column 7");
  EXPECT_EQ(template_error_position("in 'header', line 12, column 1: x"), "line 12, column 1");
  EXPECT_EQ(template_error_position("unknown time zone"), "");
}

TEST_F(TemplatesViewTest, DraftPreviewRendersTheDraftForItsEditorsOnly) {
  const std::string custom = copy_for(therapist(0));
  const std::string patient = tokens_.therapists.at(0).patient_ids.at(0);
  const Json body = {{"patient_id", patient}, {"format", "html"}};
  const std::string draft = "<p>Draft marker {{ 6 * 7 }}</p>";
  auto shown = pipeline::preview_template(*db_, key_, therapist(0), custom, body, draft);
  ASSERT_TRUE(shown.ok()) << shown.error().detail;
  EXPECT_NE(shown->bytes.find("Draft marker 42"), std::string::npos);
  // The stored template is unchanged by a preview.
  EXPECT_EQ(catalog::get_template(*db_, custom)
                .value()["template_content"]
                .get<std::string>()
                .find("Draft marker"),
            std::string::npos);
  // Someone who may not change the template may not preview drafts of it.
  EXPECT_EQ(pipeline::preview_template(*db_, key_, admin(), custom, body, draft).ok(), true);
  EXPECT_EQ(pipeline::preview_template(*db_, key_, therapist(1), custom, body, draft).error().code,
            ErrorCode::kForbidden);
}

}  // namespace
}  // namespace dossier::web
