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

// Written in pieces and read back in pieces of another size: the same bytes, in order.
TEST_F(LocalBlobStoreTest, StreamsInAndOut) {
  auto store = make_local_blob_store(root_.string());
  std::string expected;
  auto writer = store->open_writer("big.pdf");
  ASSERT_TRUE(writer.ok());
  for (int i = 0; i < 300; ++i) {
    const std::string piece(1 + i * 37 % 5000, static_cast<char>('a' + i % 26));
    expected += piece;
    ASSERT_TRUE((*writer)->write(piece).ok());
  }
  EXPECT_EQ(store->open_reader("big.pdf").error().code, ErrorCode::kNotFound)
      << "nothing is visible before commit";
  ASSERT_TRUE((*writer)->commit().ok());
  EXPECT_FALSE((*writer)->write("late").ok());
  auto reader = store->open_reader("big.pdf");
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->size(), static_cast<int64_t>(expected.size()));
  std::string got;
  char buffer[4093];
  for (;;) {
    auto n = (*reader)->read(buffer, sizeof buffer);
    ASSERT_TRUE(n.ok());
    if (*n == 0) break;
    got.append(buffer, *n);
  }
  EXPECT_EQ(got, expected);
}

TEST_F(LocalBlobStoreTest, AWriterAbandonedBeforeCommitLeavesNothing) {
  auto store = make_local_blob_store(root_.string());
  ASSERT_TRUE(store->put("kept.json", "old").ok());
  {
    auto writer = store->open_writer("kept.json");
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->write("half of the new").ok());
  }
  EXPECT_EQ(*store->get("kept.json"), "old");
  int files = 0;
  for (const auto& entry : fs::directory_iterator(root_)) files += entry.is_regular_file();
  EXPECT_EQ(files, 1) << "the temporary file is gone";
}

TEST_F(LocalBlobStoreTest, RefusesKeysThatLeaveTheRoot) {
  auto store = make_local_blob_store(root_.string());
  EXPECT_FALSE(store->put("../escape", "x").ok());
  EXPECT_FALSE(store->put("a/b", "x").ok());
  EXPECT_EQ(store->get("../../etc/passwd").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace dossier::storage
