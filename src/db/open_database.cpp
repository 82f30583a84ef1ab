#include "db/open_database.h"

#include "db/postgres/postgres_database.h"
#include "db/sqlite/sqlite_database.h"

namespace dossier::db {
namespace {

bool starts_with(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

template <typename T>
Result<std::unique_ptr<Database>> upcast(Result<std::unique_ptr<T>> opened) {
  if (!opened.ok()) return std::move(opened).error();
  return std::unique_ptr<Database>(std::move(opened).value());
}

}  // namespace

Result<std::unique_ptr<Database>> open_database(const OpenOptions& options) {
  const std::string& url = options.url;
  if (url.empty()) return upcast(SqliteDatabase::open(options.sqlite_path));
  if (starts_with(url, "sqlite:")) {
    const std::string path = url.substr(7);
    if (path.empty()) return Error::validation("DOSSIER_DATABASE_URL", "sqlite: needs a file path");
    return upcast(SqliteDatabase::open(path));
  }
  if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) {
    return upcast(PostgresDatabase::open(url, options.pool_size));
  }
  return Error::validation("DOSSIER_DATABASE_URL",
                           "must start with postgresql:// (or sqlite: for an embedded file)");
}

std::string redact_url(const std::string& url) {
  const auto scheme = url.find("://");
  const auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + ":***" + url.substr(at);
}

}  // namespace dossier::db
