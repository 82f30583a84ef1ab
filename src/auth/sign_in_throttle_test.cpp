#include "auth/sign_in_throttle.h"

#include <gtest/gtest.h>

#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"

namespace dossier::auth {
namespace {

using std::chrono::minutes;

class ThrottleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(db::SqliteDatabase::open(":memory:")).value();
    ASSERT_TRUE(db::migrate(*db_).ok());
  }
  bool throttled(std::string_view name, const std::string& addr, TimePoint at) {
    return sign_in_throttled(*db_, name, addr, limits_, at).value();
  }
  void fail(std::string_view name, const std::string& addr, TimePoint at) {
    ASSERT_TRUE(record_sign_in_attempt(*db_, name, addr, false, at).ok());
  }

  std::unique_ptr<db::SqliteDatabase> db_;
  ThrottleLimits limits_{.per_username = 3, .per_address = 5, .window = minutes(15)};
  TimePoint t0_ = TimePoint(std::chrono::seconds(1'800'000'000));
};

TEST_F(ThrottleTest, AUsernameIsRefusedAfterItsFailuresUntilTheWindowPasses) {
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(throttled("robin", "10.0.0.1", t0_)) << i;
    fail(i % 2 ? "ROBIN" : "robin", "10.0.0." + std::to_string(i), t0_ + minutes(i));
  }
  EXPECT_TRUE(throttled("Robin", "10.0.0.9", t0_ + minutes(3)));
  EXPECT_FALSE(throttled("sam", "10.0.0.9", t0_ + minutes(3)));
  // The first failure leaves the window at t0 + 15 min.
  EXPECT_FALSE(throttled("robin", "10.0.0.9", t0_ + minutes(15)));
}

TEST_F(ThrottleTest, ASuccessClearsTheUsernameButNotTheAddress) {
  for (int i = 0; i < 2; ++i) fail("robin", "10.0.0.1", t0_);
  ASSERT_TRUE(record_sign_in_attempt(*db_, "robin", "10.0.0.1", true, t0_ + minutes(1)).ok());
  fail("robin", "10.0.0.1", t0_ + minutes(2));
  fail("robin", "10.0.0.1", t0_ + minutes(2));
  EXPECT_FALSE(throttled("robin", "10.0.0.2", t0_ + minutes(3)));
  fail("robin", "10.0.0.1", t0_ + minutes(3));
  EXPECT_TRUE(throttled("robin", "10.0.0.2", t0_ + minutes(4)));
}

TEST_F(ThrottleTest, AnAddressGuessingManyUsernamesIsRefused) {
  for (int i = 0; i < 5; ++i) fail("user" + std::to_string(i), "10.0.0.7", t0_);
  EXPECT_TRUE(throttled("someone-new", "10.0.0.7", t0_ + minutes(1)));
  EXPECT_FALSE(throttled("someone-new", "10.0.0.8", t0_ + minutes(1)));
}

TEST_F(ThrottleTest, UsernamesAreStoredOnlyAsHashes) {
  fail("my secret password", "10.0.0.1", t0_);
  auto row = db_->query_one("SELECT * FROM sign_in_attempts").value();
  EXPECT_EQ(row.dump().find("secret"), std::string::npos);
}

TEST_F(ThrottleTest, OldAttemptsAreForgotten) {
  fail("robin", "10.0.0.1", t0_);
  fail("robin", "10.0.0.1", t0_ + minutes(10));
  EXPECT_EQ(delete_sign_in_attempts_before(*db_, t0_ + minutes(5)).value(), 1);
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) AS n FROM sign_in_attempts").value()["n"], 1);
}

}  // namespace
}  // namespace dossier::auth
