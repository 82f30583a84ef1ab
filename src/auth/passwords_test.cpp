#include "auth/passwords.h"

#include <gtest/gtest.h>

#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"

namespace dossier::auth {
namespace {

TEST(PasswordsTest, HashesVerifyOnlyTheirOwnPassword) {
  auto hash = hash_password("correct horse battery");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password("correct horse battery", *hash));
  EXPECT_FALSE(verify_password("correct horse batterY", *hash));
  EXPECT_FALSE(verify_password("", *hash));
  // Salted: the same password hashes differently each time.
  EXPECT_NE(*hash, hash_password("correct horse battery").value());
}

TEST(PasswordsTest, MalformedHashesNeverVerify) {
  EXPECT_FALSE(verify_password("anything at all", ""));
  EXPECT_FALSE(verify_password("anything at all", "$argon2id$v=19$garbage"));
  EXPECT_FALSE(verify_password("anything at all", std::string(500, 'x')));
  EXPECT_FALSE(verify_against_nothing("anything at all"));
}

TEST(PasswordsTest, ShortAndHugePasswordsAreRefused) {
  auto short_one = hash_password("elevenchars");
  ASSERT_FALSE(short_one.ok());
  EXPECT_EQ(short_one.error().fields.at(0).path, "password");
  EXPECT_TRUE(hash_password("twelve chars").ok());
  EXPECT_FALSE(hash_password(std::string(kMaxPasswordLength + 1, 'a')).ok());
}

TEST(PasswordsTest, UsernamesAreCaseInsensitiveAndPlain) {
  EXPECT_EQ(normalize_username("Dana.Okafor"), "dana.okafor");
  EXPECT_EQ(normalize_username("a_b-c9"), "a_b-c9");
  EXPECT_EQ(normalize_username(""), "");
  EXPECT_EQ(normalize_username("has space"), "");
  EXPECT_EQ(normalize_username("naïve"), "");
  EXPECT_EQ(normalize_username(std::string(65, 'a')), "");
}

class CredentialsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(db::SqliteDatabase::open(":memory:")).value();
    ASSERT_TRUE(db::migrate(*db_).ok());
    for (const char* id : {"u-1", "u-2"}) {
      ASSERT_TRUE(db_->execute("INSERT INTO users (id, role, given_name, family_name, created_at, "
                               "updated_at) VALUES (?, 'therapist', 'T', 'U', '2026-01-01T00:00:"
                               "00.000Z', '2026-01-01T00:00:00.000Z')",
                               {id})
                      .ok());
    }
  }
  std::unique_ptr<db::SqliteDatabase> db_;
};

TEST_F(CredentialsTest, SetPasswordThenFindByAnyCase) {
  ASSERT_TRUE(set_username(*db_, "u-1", "Robin").ok());
  auto before = find_credentials(*db_, "robin");
  ASSERT_TRUE(before.ok() && before->has_value());
  EXPECT_FALSE((*before)->password_hash.has_value());
  ASSERT_TRUE(set_password(*db_, "ROBIN", "a long enough password").ok());
  auto found = find_credentials(*db_, "robin");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->user_id, "u-1");
  EXPECT_EQ((*found)->role, "therapist");
  EXPECT_TRUE(verify_password("a long enough password", *(*found)->password_hash));
}

TEST_F(CredentialsTest, UsernamesAreUniqueAndPasswordsNeedAUser) {
  ASSERT_TRUE(set_username(*db_, "u-1", "robin").ok());
  EXPECT_TRUE(set_username(*db_, "u-1", "robin").ok());  // again: no change
  EXPECT_EQ(set_username(*db_, "u-2", "Robin").error().code, ErrorCode::kConflict);
  EXPECT_EQ(set_username(*db_, "nobody", "sam").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(set_password(*db_, "sam", "a long enough password").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(set_password(*db_, "robin", "short").error().code, ErrorCode::kValidation);
}

TEST_F(CredentialsTest, InactiveUsersHaveNoCredentials) {
  ASSERT_TRUE(set_username(*db_, "u-2", "sam").ok());
  ASSERT_TRUE(db_->execute("UPDATE users SET is_active = 0 WHERE id = 'u-2'").ok());
  auto found = find_credentials(*db_, "sam");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
}

}  // namespace
}  // namespace dossier::auth
