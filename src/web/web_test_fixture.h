// A demo practice in SQLite in memory with a Site over it and a clock the test moves: for the
// web library's tests. The admin's password is kAdminPassword; other users have none.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <regex>
#include <string>

#include "auth/passwords.h"
#include "core/log.h"
#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"
#include "demo/demo.h"
#include "http/router.h"
#include "web/page.h"

namespace dossier::web::testing {

//! A page's answer as a test reads it.
struct Answer {
  int status = 0;
  std::string body;
  std::multimap<std::string, std::string> headers;

  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

inline Answer answer_of(const http::Response& out) {
  Answer a{out.status, out.body, {}};
  for (const auto& [k, v] : out.headers) a.headers.emplace(k, v);
  return a;
}

//! The value of the first cookie the answer sets.
inline std::string first_cookie_value(const Answer& a) {
  const std::string set = a.header("Set-Cookie");
  const size_t eq = set.find('='), semi = set.find(';');
  return set.substr(eq + 1, semi - eq - 1);
}

//! The CSRF token of the first form in `html`.
inline std::string csrf_of(const std::string& html) {
  std::smatch m;
  static const std::regex re("name=\"csrf_token\" value=\"([^\"]*)\"");
  return std::regex_search(html, m, re) ? m[1].str() : "";
}

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
