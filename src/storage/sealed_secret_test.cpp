#include "storage/sealed_secret.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/ids.h"
#include "storage/blob_store.h"

namespace dossier::storage {
namespace {

namespace fs = std::filesystem;

class SealedSecretTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dossier-sealed-" + new_uuid());
    auto opened = KeyRing::open(dir_.string());
    ASSERT_TRUE(opened.ok());
    keys_ = *opened;
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  std::shared_ptr<KeyRing> keys_;
};

TEST_F(SealedSecretTest, OpensForItsOwnContextOnlyAndHidesTheSecret) {
  auto sealed = seal_secret(*keys_, "schedule-1", "correct horse battery");
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->find("correct"), std::string::npos);
  EXPECT_EQ(*open_secret(*keys_, "schedule-1", *sealed), "correct horse battery");
  EXPECT_TRUE(is_integrity_failure(open_secret(*keys_, "schedule-2", *sealed).error()));
  // Two seals of one secret differ (a fresh nonce each time).
  EXPECT_NE(*seal_secret(*keys_, "schedule-1", "correct horse battery"), *sealed);
}

TEST_F(SealedSecretTest, AlteredOrMalformedTextIsAnIntegrityFailure) {
  const std::string sealed = *seal_secret(*keys_, "c", "secret");
  // Alter the first character of the ciphertext: all six of its bits are data, whereas the
  // last character before padding carries bits the decoder ignores.
  std::string altered = sealed;
  const auto box = sealed.rfind('.') + 1;
  altered[box] = altered[box] == 'A' ? 'B' : 'A';
  for (const std::string& bad :
       {altered, std::string("v2") + sealed.substr(2), std::string("secret"), std::string(""),
        std::string("v1.../x.AAAA.AAAA"), sealed + ".more"}) {
    auto opened = open_secret(*keys_, "c", bad);
    ASSERT_FALSE(opened.ok()) << bad;
    EXPECT_TRUE(is_integrity_failure(opened.error())) << bad;
  }
}

TEST_F(SealedSecretTest, ASecretSealedBeforeARotationStillOpens) {
  const std::string sealed = *seal_secret(*keys_, "c", "before");
  ASSERT_TRUE(keys_->add_key().ok());
  EXPECT_EQ(*open_secret(*keys_, "c", sealed), "before");
  EXPECT_NE(seal_secret(*keys_, "c", "after")->substr(0, 40), sealed.substr(0, 40));
}

}  // namespace
}  // namespace dossier::storage
