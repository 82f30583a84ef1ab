#include <gtest/gtest.h>

#include "auth/tokens.h"
#include "auth/visibility.h"
#include "core/clock.h"
#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"

namespace dossier::auth {
namespace {

class AuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(db::SqliteDatabase::open(":memory:")).value();
    ASSERT_TRUE(db::migrate(*db_).ok());
    const std::string now = now_timestamp();
    for (const char* id : {"u-ther-1", "u-ther-2", "u-admin"}) {
      const std::string role = std::string(id) == "u-admin" ? "admin" : "therapist";
      ASSERT_TRUE(db_->execute("INSERT INTO users (id, role, given_name, family_name, created_at, "
                               "updated_at) VALUES (?, ?, 'Test', 'User', ?, ?)",
                               {id, role, now, now})
                      .ok());
    }
    ASSERT_TRUE(db_->execute("INSERT INTO patients (id, mrn, given_name, family_name, birth_date, "
                             "sex, created_at, updated_at) VALUES (?, 'MRN1', 'A', 'B', "
                             "'1990-01-01', 'female', ?, ?)",
                             {kPatient, now, now})
                    .ok());
    ASSERT_TRUE(db_->execute("INSERT INTO care_team (patient_id, user_id, assigned_at) VALUES (?, "
                             "'u-ther-1', ?)",
                             {kPatient, now})
                    .ok());
  }
  static constexpr const char* kPatient = "0190f0e2-7c1a-7abc-8def-0123456789ab";
  std::unique_ptr<db::SqliteDatabase> db_;
};

TEST_F(AuthTest, IssuedTokenAuthenticatesAndIsStoredHashed) {
  auto token = issue_token(*db_, "u-ther-1", "test");
  ASSERT_TRUE(token.ok());
  auto caller = authenticate(*db_, *token);
  ASSERT_TRUE(caller.ok());
  EXPECT_EQ(caller->user_id, "u-ther-1");
  EXPECT_EQ(caller->role, Role::kTherapist);
  auto stored = db_->query_one("SELECT token_hash FROM api_tokens");
  EXPECT_NE((*stored)["token_hash"], *token);
  EXPECT_FALSE(authenticate(*db_, "dsr_wrong").ok());
  EXPECT_EQ(authenticate(*db_, "").error().code, ErrorCode::kUnauthenticated);
}

TEST_F(AuthTest, TherapistSeesOnlyCareTeamPatients) {
  Caller mine{"u-ther-1", Role::kTherapist, {}, {}};
  Caller other{"u-ther-2", Role::kTherapist, {}, {}};
  Caller admin{"u-admin", Role::kAdmin, {}, {}};
  EXPECT_TRUE(require_patient_visible(*db_, mine, kPatient).ok());
  EXPECT_EQ(require_patient_visible(*db_, other, kPatient).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(require_patient_visible(*db_, admin, kPatient).ok());
  EXPECT_EQ(
      require_patient_visible(*db_, admin, "0190f0e2-7c1a-7abc-8def-000000000000").error().code,
      ErrorCode::kNotFound);
}

}  // namespace
}  // namespace dossier::auth
