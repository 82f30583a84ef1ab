#include "auth/web_sessions.h"

#include <gtest/gtest.h>

#include "core/crypto.h"
#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"

namespace dossier::auth {
namespace {

using std::chrono::minutes;

class WebSessionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(db::SqliteDatabase::open(":memory:")).value();
    ASSERT_TRUE(db::migrate(*db_).ok());
    ASSERT_TRUE(db_->execute("INSERT INTO users (id, role, given_name, family_name, created_at, "
                             "updated_at) VALUES ('u-1', 'biller', 'T', 'U', '2026-01-01T00:00:"
                             "00.000Z', '2026-01-01T00:00:00.000Z')")
                    .ok());
  }
  NewSession start() { return create_session(*db_, "u-1", policy_, t0_).value(); }

  std::unique_ptr<db::SqliteDatabase> db_;
  SessionPolicy policy_{.idle = minutes(15), .absolute = minutes(60)};
  TimePoint t0_ = TimePoint(std::chrono::seconds(1'800'000'000));
};

TEST_F(WebSessionsTest, ResumesAsItsUserWithItsCsrfToken) {
  NewSession s = start();
  auto resumed = resume_session(*db_, s.secret, policy_, t0_ + minutes(1));
  ASSERT_TRUE(resumed.ok());
  EXPECT_EQ(resumed->caller.user_id, "u-1");
  EXPECT_EQ(resumed->caller.role, Role::kBiller);
  EXPECT_EQ(resumed->csrf_token, s.csrf_token);
  EXPECT_NE(s.secret, s.csrf_token);
}

TEST_F(WebSessionsTest, StoresOnlyAHashOfTheSecret) {
  NewSession s = start();
  auto row = db_->query_one("SELECT token_hash FROM web_sessions").value();
  EXPECT_EQ(row["token_hash"], crypto::sha256_hex(s.secret));
  EXPECT_FALSE(resume_session(*db_, row["token_hash"].get<std::string>(), policy_, t0_).ok());
}

TEST_F(WebSessionsTest, IdleTimeoutEndsItUnlessUsed) {
  NewSession s = start();
  // Used every 14 minutes, it lives on past the 15-minute idle timeout.
  for (int i = 1; i <= 3; ++i) {
    EXPECT_TRUE(resume_session(*db_, s.secret, policy_, t0_ + minutes(14 * i)).ok()) << i;
  }
  auto late = resume_session(*db_, s.secret, policy_, t0_ + minutes(42 + 15));
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kUnauthenticated);
  // Ended sessions are deleted: not even the right time brings it back.
  EXPECT_FALSE(resume_session(*db_, s.secret, policy_, t0_ + minutes(43)).ok());
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) AS n FROM web_sessions").value()["n"], 0);
}

TEST_F(WebSessionsTest, AbsoluteLifetimeEndsItHoweverBusy) {
  NewSession s = start();
  for (int m = 10; m < 60; m += 10) {
    EXPECT_TRUE(resume_session(*db_, s.secret, policy_, t0_ + minutes(m)).ok()) << m;
  }
  EXPECT_FALSE(resume_session(*db_, s.secret, policy_, t0_ + minutes(60)).ok());
}

TEST_F(WebSessionsTest, SignOutAndDeactivationEndIt) {
  NewSession a = start();
  NewSession b = start();
  ASSERT_TRUE(end_session(*db_, a.secret).ok());
  EXPECT_FALSE(resume_session(*db_, a.secret, policy_, t0_).ok());
  EXPECT_TRUE(resume_session(*db_, b.secret, policy_, t0_).ok());
  ASSERT_TRUE(db_->execute("UPDATE users SET is_active = 0").ok());
  EXPECT_FALSE(resume_session(*db_, b.secret, policy_, t0_).ok());
  EXPECT_TRUE(end_session(*db_, "no such session").ok());
  EXPECT_FALSE(resume_session(*db_, "", policy_, t0_).ok());
}

TEST_F(WebSessionsTest, EndedSessionsAreDeletedByTheCleanupPass) {
  NewSession old_one = start();
  NewSession newer = create_session(*db_, "u-1", policy_, t0_ + minutes(30)).value();
  EXPECT_EQ(delete_ended_sessions(*db_, t0_ + minutes(59)).value(), 0);
  EXPECT_EQ(delete_ended_sessions(*db_, t0_ + minutes(60)).value(), 1);
  EXPECT_FALSE(resume_session(*db_, old_one.secret, policy_, t0_ + minutes(31)).ok());
  EXPECT_TRUE(resume_session(*db_, newer.secret, policy_, t0_ + minutes(31)).ok());
}

}  // namespace
}  // namespace dossier::auth
