#include <gtest/gtest.h>

#include <filesystem>

#include "core/ids.h"
#include "storage/blob_store.h"

namespace dossier::storage {
namespace {

namespace fs = std::filesystem;

class LocalBlobStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { root_ = fs::temp_directory_path() / ("dossier-blob-" + new_uuid()); }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

TEST_F(LocalBlobStoreTest, PutGetRemove) {
  auto store = make_local_blob_store(root_.string());
  ASSERT_TRUE(store->put("job.json", "{\"a\":1}").ok());
  auto got = store->get("job.json");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, "{\"a\":1}");
  ASSERT_TRUE(store->put("job.json", "second").ok());
  EXPECT_EQ(*store->get("job.json"), "second");
  ASSERT_TRUE(store->remove("job.json").ok());
  EXPECT_EQ(store->get("job.json").error().code, ErrorCode::kNotFound);
}

TEST_F(LocalBlobStoreTest, LeavesNoTemporaryFilesAndPrivateMode) {
  auto store = make_local_blob_store(root_.string());
  ASSERT_TRUE(store->put("a.json", std::string(100000, 'x')).ok());
  int files = 0;
  for (const auto& entry : fs::directory_iterator(root_)) {
    ++files;
    EXPECT_EQ(entry.path().filename(), "a.json");
    EXPECT_EQ(fs::status(entry).permissions() & fs::perms::group_all, fs::perms::none);
  }
  EXPECT_EQ(files, 1);
}

TEST_F(LocalBlobStoreTest, RefusesKeysThatLeaveTheRoot) {
  auto store = make_local_blob_store(root_.string());
  EXPECT_FALSE(store->put("../escape", "x").ok());
  EXPECT_FALSE(store->put("a/b", "x").ok());
  EXPECT_EQ(store->get("../../etc/passwd").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace dossier::storage
