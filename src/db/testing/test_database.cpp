#include "db/testing/test_database.h"

#include <cstdlib>

#include "core/ids.h"
#include "db/open_database.h"

namespace dossier::db::testing {
namespace {

const char* admin_url() {
  const char* url = std::getenv("DOSSIER_TEST_POSTGRES_URL");
  return url && *url ? url : nullptr;
}

// The admin URL with its database name (the last path segment) replaced by `name`.
std::string with_database(const std::string& url, const std::string& name) {
  const auto query = url.find('?');
  const std::string base = url.substr(0, query);
  const std::string rest = query == std::string::npos ? "" : url.substr(query);
  const auto slash = base.rfind('/');
  return base.substr(0, slash + 1) + name + rest;
}

Status admin_execute(const std::string& url, const std::string& sql) {
  DOSSIER_ASSIGN_OR_RETURN(auto admin, open_database({.url = url, .pool_size = 1}));
  return admin->execute(sql).ok() ? Status{} : Error::internal("admin statement failed");
}

}  // namespace

bool have_postgres() {
  return admin_url() != nullptr;
}

std::string backend_name(Backend backend) {
  return backend == Backend::kSqlite ? "sqlite" : "postgres";
}

Result<std::unique_ptr<TestDatabase>> TestDatabase::create(Backend backend, int pool_size) {
  std::unique_ptr<TestDatabase> owner(new TestDatabase());
  TestDatabase& t = *owner;
  if (backend == Backend::kSqlite) {
    DOSSIER_ASSIGN_OR_RETURN(t.db_, open_database({.url = "", .sqlite_path = ":memory:"}));
    return owner;
  }
  if (!admin_url()) return Error::make(ErrorCode::kUnavailable, "no PostgreSQL test server");
  t.admin_url_ = admin_url();
  std::string suffix = new_uuid();
  std::erase(suffix, '-');
  t.name_ = "dossier_test_" + suffix;
  DOSSIER_TRY(admin_execute(t.admin_url_, "CREATE DATABASE " + t.name_));
  t.url_ = with_database(t.admin_url_, t.name_);
  DOSSIER_ASSIGN_OR_RETURN(t.db_, open_database({.url = t.url_, .pool_size = pool_size}));
  return owner;
}

TestDatabase::~TestDatabase() {
  db_.reset();
  if (!name_.empty()) {
    (void)admin_execute(admin_url_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
}

}  // namespace dossier::db::testing
