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

TEST_F(AuthTest, ATokenWorksUntilItExpires) {
  const TimePoint now = system_clock().now();
  auto issued = create_token(*db_, "u-ther-1", "test", now + std::chrono::hours(1));
  ASSERT_TRUE(issued.ok());
  EXPECT_EQ(issued->expires_at, format_timestamp(now + std::chrono::hours(1)));
  EXPECT_TRUE(authenticate(*db_, issued->secret, now).ok());
  EXPECT_TRUE(authenticate(*db_, issued->secret, now + std::chrono::minutes(59)).ok());
  auto late = authenticate(*db_, issued->secret, now + std::chrono::hours(1));
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kUnauthenticated);
  // Expired, revoked and unknown tokens are refused in the same words.
  EXPECT_EQ(late.error().detail, authenticate(*db_, "dsr_wrong").error().detail);

  auto forever = create_token(*db_, "u-ther-1", "demo");
  ASSERT_TRUE(forever.ok());
  EXPECT_EQ(forever->expires_at, std::nullopt);
  EXPECT_TRUE(authenticate(*db_, forever->secret, now + std::chrono::hours(24 * 3650)).ok());
}

TEST_F(AuthTest, ARevokedTokenIsRefusedAtOnce) {
  auto kept = create_token(*db_, "u-ther-1", "kept");
  auto revoked = create_token(*db_, "u-ther-1", "revoked");
  ASSERT_TRUE(kept.ok() && revoked.ok());
  const TimePoint first = system_clock().now();
  ASSERT_TRUE(revoke_token(*db_, revoked->id, first).ok());
  EXPECT_EQ(authenticate(*db_, revoked->secret).error().code, ErrorCode::kUnauthenticated);
  EXPECT_TRUE(authenticate(*db_, kept->secret).ok());
  // A second revocation keeps the first one's time.
  ASSERT_TRUE(revoke_token(*db_, revoked->id, first + std::chrono::hours(1)).ok());
  auto row = db_->query_one("SELECT revoked_at FROM api_tokens WHERE id = ?", {revoked->id});
  EXPECT_EQ((*row)["revoked_at"], format_timestamp(first));
  EXPECT_EQ(revoke_token(*db_, "0190f0e2-7c1a-7abc-8def-000000000000").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(revoke_token(*db_, "../etc").error().code, ErrorCode::kNotFound);
}

TEST_F(AuthTest, RevokingAUsersTokensLeavesOthersAlone) {
  auto a = create_token(*db_, "u-ther-1", "a");
  auto b = create_token(*db_, "u-ther-1", "b");
  auto other = create_token(*db_, "u-ther-2", "other");
  ASSERT_TRUE(a.ok() && b.ok() && other.ok());
  ASSERT_TRUE(revoke_token(*db_, a->id).ok());
  auto revoked = revoke_user_tokens(*db_, "u-ther-1");
  ASSERT_TRUE(revoked.ok());
  EXPECT_EQ(*revoked, 1);  // b; a was revoked already
  EXPECT_FALSE(authenticate(*db_, b->secret).ok());
  EXPECT_TRUE(authenticate(*db_, other->secret).ok());
  EXPECT_EQ(*revoke_user_tokens(*db_, "u-nobody"), 0);
}

TEST_F(AuthTest, TheListShowsTokensButNeverTheirHashes) {
  std::vector<std::string> ids;
  for (const char* label : {"one", "two", "three"}) {
    auto t = create_token(*db_, label == std::string("two") ? "u-ther-2" : "u-ther-1", label,
                          system_clock().now() + std::chrono::hours(24));
    ASSERT_TRUE(t.ok());
    ids.push_back(t->id);
  }
  auto page = list_tokens(*db_, {.user_id = std::nullopt, .limit = 2, .cursor = std::nullopt});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ((*page)["tokens"].size(), 2u);
  EXPECT_EQ((*page)["tokens"][0]["id"], ids[2]);
  EXPECT_EQ((*page)["tokens"][1]["id"], ids[1]);
  EXPECT_EQ((*page)["next_cursor"], ids[1]);
  for (const Json& t : (*page)["tokens"]) {
    EXPECT_FALSE(t.contains("token_hash"));
    EXPECT_TRUE(t["expires_at"].is_string());
    EXPECT_TRUE(t["revoked_at"].is_null());
  }
  auto rest = list_tokens(*db_, {.user_id = std::nullopt, .limit = 2, .cursor = ids[1]});
  ASSERT_EQ((*rest)["tokens"].size(), 1u);
  EXPECT_EQ((*rest)["tokens"][0]["label"], "one");
  EXPECT_TRUE((*rest)["next_cursor"].is_null());
  auto mine = list_tokens(*db_, {.user_id = "u-ther-2", .limit = 50, .cursor = std::nullopt});
  ASSERT_EQ((*mine)["tokens"].size(), 1u);
  EXPECT_EQ((*mine)["tokens"][0]["user_id"], "u-ther-2");
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
