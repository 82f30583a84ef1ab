#include "storage/encrypted_blob_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/ids.h"
#include "storage/aead.h"

namespace dossier::storage {
namespace {

namespace fs = std::filesystem;

constexpr size_t kSegment = 64 * 1024;

class EncryptedBlobStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("dossier-enc-" + new_uuid());
    keys_ = *KeyRing::open((root_ / "keys").string());
    store_ = make_encrypted_blob_store(make_local_blob_store((root_ / "files").string()), keys_);
    raw_ = make_local_blob_store((root_ / "files").string());
  }
  void TearDown() override { fs::remove_all(root_); }

  // What the disk holds under `key`.
  std::string on_disk(const std::string& key) {
    std::ifstream in(root_ / "files" / key, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  void put_on_disk(const std::string& key, const std::string& bytes) {
    ASSERT_TRUE(raw_->put(key, bytes).ok());
  }

  // Reads `key` through the store in pieces of `piece` bytes.
  Result<std::string> read_all(const std::string& key, size_t piece = 4093) {
    DOSSIER_ASSIGN_OR_RETURN(auto reader, store_->open_reader(key));
    std::string out;
    std::string buffer(piece, '\0');
    for (;;) {
      DOSSIER_ASSIGN_OR_RETURN(size_t n, reader->read(buffer.data(), piece));
      if (n == 0) break;
      out.append(buffer.data(), n);
    }
    if (reader->size() != static_cast<int64_t>(out.size())) return Error::internal("size");
    return out;
  }

  static std::string content(size_t n) {
    std::string s = aead::random_bytes(n);
    const std::string marker = "Marisol Quintanilla-Vega";  // a generated name, planted
    if (n >= marker.size()) s.replace(n / 2 - marker.size() / 2, marker.size(), marker);
    return s;
  }

  static void expect_integrity_failure(const Result<std::string>& r) {
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(is_integrity_failure(r.error())) << r.error().detail;
  }

  fs::path root_;
  std::shared_ptr<KeyRing> keys_;
  std::unique_ptr<BlobStore> store_;
  std::unique_ptr<BlobStore> raw_;
};

TEST_F(EncryptedBlobStoreTest, RoundTripsEverySizeAroundTheSegments) {
  for (size_t n : {size_t{0}, size_t{1}, kSegment - 1, kSegment, kSegment + 1, 3 * kSegment,
                   3 * kSegment + 17, size_t{1} << 20}) {
    const std::string plain = content(n);
    auto writer = store_->open_writer("f.pdf");
    ASSERT_TRUE(writer.ok());
    for (size_t at = 0; at < n; at += 7001) {
      ASSERT_TRUE((*writer)->write(std::string_view(plain).substr(at, 7001)).ok());
    }
    ASSERT_TRUE((*writer)->commit().ok());
    auto back = read_all("f.pdf");
    ASSERT_TRUE(back.ok()) << n << ": " << back.error().detail;
    EXPECT_EQ(*back, plain) << n;
  }
}

TEST_F(EncryptedBlobStoreTest, OnlyCiphertextReachesTheDisk) {
  const std::string plain = content(200000);
  ASSERT_TRUE(store_->put("note.json", plain).ok());
  const std::string disk = on_disk("note.json");
  EXPECT_TRUE(disk.starts_with("DSRENC01"));
  EXPECT_EQ(disk.find("Marisol"), std::string::npos);
  EXPECT_EQ(disk.find(plain.substr(1000, 32)), std::string::npos);
  // Same content, same key: a fresh data key and nonces make other bytes.
  ASSERT_TRUE(store_->put("note.json", plain).ok());
  EXPECT_NE(on_disk("note.json"), disk);
}

TEST_F(EncryptedBlobStoreTest, AnyAlteredByteFailsTheIntegrityCheck) {
  const std::string plain = content(3 * kSegment + 100);
  ASSERT_TRUE(store_->put("r.pdf", plain).ok());
  const std::string good = on_disk("r.pdf");
  const size_t header = good.size() - (plain.size() + 4 * aead::kTagBytes);
  // Magic, key id, wrapped key, nonce prefix, a middle segment, the last tag.
  for (size_t at :
       {size_t{2}, size_t{12}, size_t{70}, header - 6, header + kSegment + 500, good.size() - 1}) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x01);
    put_on_disk("r.pdf", bad);
    expect_integrity_failure(read_all("r.pdf"));
  }
  put_on_disk("r.pdf", good);
  EXPECT_EQ(*read_all("r.pdf"), plain);
}

TEST_F(EncryptedBlobStoreTest, CutShortExtendedOrMovedFilesFail) {
  const std::string plain = content(2 * kSegment + 10);
  ASSERT_TRUE(store_->put("a.pdf", plain).ok());
  const std::string good = on_disk("a.pdf");
  const size_t last = 10 + aead::kTagBytes;
  put_on_disk("a.pdf", good.substr(0, good.size() - last));  // at a segment boundary
  expect_integrity_failure(read_all("a.pdf"));
  put_on_disk("a.pdf", good + std::string(kSegment + aead::kTagBytes, 'x'));
  expect_integrity_failure(read_all("a.pdf"));
  put_on_disk("b.pdf", good);  // another job's file, copied over
  expect_integrity_failure(read_all("b.pdf"));
  put_on_disk("c.pdf", "%PDF-1.7 a file written before encryption");
  expect_integrity_failure(read_all("c.pdf"));
}

TEST_F(EncryptedBlobStoreTest, AFileFromAnotherPracticesKeysCannotBeRead) {
  ASSERT_TRUE(store_->put("x.json", "{}").ok());
  auto other_keys = *KeyRing::open((root_ / "other-keys").string());
  auto other =
      make_encrypted_blob_store(make_local_blob_store((root_ / "files").string()), other_keys);
  auto reader = other->open_reader("x.json");
  ASSERT_FALSE(reader.ok());
  EXPECT_TRUE(is_integrity_failure(reader.error()));
}

TEST_F(EncryptedBlobStoreTest, RotationRewrapsSoTheOldKeyCanGo) {
  const std::string plain = content(kSegment + 5);
  ASSERT_TRUE(store_->put("old.pdf", plain).ok());
  const std::string old_id = keys_->current()->id;
  const std::string before = on_disk("old.pdf");
  auto new_id = keys_->add_key();
  ASSERT_TRUE(new_id.ok());
  EXPECT_TRUE(*rewrap(*raw_, *keys_, "old.pdf"));
  EXPECT_FALSE(*rewrap(*raw_, *keys_, "old.pdf")) << "already under the current key";
  const std::string after = on_disk("old.pdf");
  EXPECT_NE(after.find(*new_id), std::string::npos);
  EXPECT_EQ(after.find(old_id), std::string::npos);
  EXPECT_EQ(after.substr(after.size() - kSegment), before.substr(before.size() - kSegment))
      << "the content segments are kept as they were";
  fs::remove(root_ / "keys" / (old_id + ".key"));
  auto fresh = *KeyRing::open((root_ / "keys").string());
  store_ = make_encrypted_blob_store(make_local_blob_store((root_ / "files").string()), fresh);
  EXPECT_EQ(*read_all("old.pdf"), plain);
}

TEST_F(EncryptedBlobStoreTest, AnAbandonedWriterLeavesNothing) {
  {
    auto writer = store_->open_writer("gone.pdf");
    ASSERT_TRUE((*writer)->write(content(3 * kSegment)).ok());
  }
  EXPECT_EQ(store_->open_reader("gone.pdf").error().code, ErrorCode::kNotFound);
  int files = 0;
  for (const auto& e : fs::directory_iterator(root_ / "files")) files += e.is_regular_file();
  EXPECT_EQ(files, 0);
}

TEST_F(EncryptedBlobStoreTest, KeysArePrivateAndSurviveAReopen) {
  EXPECT_EQ(
      fs::status(root_ / "keys").permissions() & (fs::perms::group_all | fs::perms::others_all),
      fs::perms::none);
  const std::string id = keys_->current()->id;
  const fs::path key_file = root_ / "keys" / (id + ".key");
  EXPECT_EQ(fs::status(key_file).permissions(), fs::perms::owner_read | fs::perms::owner_write);
  auto again = KeyRing::open((root_ / "keys").string());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->current()->id, id);
  EXPECT_EQ((*again)->current()->bytes, keys_->current()->bytes);
}

}  // namespace
}  // namespace dossier::storage
