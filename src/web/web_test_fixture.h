// A demo practice in SQLite in memory with a Site over it and a clock the test moves: for the
// web library's tests. The admin's password is kAdminPassword; other users have none.
#pragma once

#include <gtest/gtest.h>

#include <optional>

#include "auth/passwords.h"
#include "core/log.h"
#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"
#include "demo/demo.h"
#include "web/page.h"

namespace dossier::web::testing {

class MovableClock final : public Clock {
 public:
  TimePoint now() const override { return now_; }
  void advance(std::chrono::seconds by) { now_ += by; }

 private:
  TimePoint now_ = std::chrono::system_clock::now();
};

class WebTest : public ::testing::Test {
 protected:
  static constexpr const char* kAdminPassword = "admin password for tests";

  void SetUp() override {
    log::set_quiet(true);
    db_ = std::move(db::SqliteDatabase::open(":memory:")).value();
    ASSERT_TRUE(db::migrate(*db_).ok());
    demo::DemoOptions o;
    o.patients = 30;
    tokens_ = demo::populate(*db_, o).value();
    ASSERT_TRUE(auth::set_password(*db_, "admin", kAdminPassword).ok());
    site_.emplace(Site{.db = *db_, .audit_key = key_, .clock = clock_});
  }

  std::unique_ptr<db::SqliteDatabase> db_;
  demo::DemoTokens tokens_;
  const audit::ChainKey key_{std::string(32, 'k')};
  MovableClock clock_;
  std::optional<Site> site_;
};

}  // namespace dossier::web::testing
