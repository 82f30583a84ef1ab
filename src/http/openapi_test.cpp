#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"
#include "http/app.h"
#include "http/openapi.h"

namespace dossier::http {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// The OpenAPI document is written by hand; this keeps it and the router in step both ways.
TEST(OpenApiTest, DocumentsEveryRouteAndNothingElse) {
  auto db = std::move(db::SqliteDatabase::open(":memory:")).value();
  auto files = storage::make_local_blob_store(std::filesystem::temp_directory_path() /
                                              "dossier-openapi-test");
  const audit::ChainKey audit_key(std::string(32, 'a'));
  jobs::JobStore jobs(*db, system_clock(), audit_key);
  const auth::LinkSigner links(std::string(32, 'k'));
  App app{*db, *files, jobs, links, audit_key, std::chrono::hours(24), {}};
  Router router(*db);
  add_all_routes(router, app);

  const Json& doc = openapi_document();
  ASSERT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  std::set<std::pair<std::string, std::string>> routed;
  for (const auto& r : router.routes()) {
    routed.insert({lower(r.method), r.pattern});
    ASSERT_TRUE(doc["paths"].contains(r.pattern)) << "missing path " << r.pattern;
    const Json& op = doc["paths"][r.pattern];
    ASSERT_TRUE(op.contains(lower(r.method))) << "missing " << r.method << " " << r.pattern;
    EXPECT_FALSE(op[lower(r.method)]["responses"].empty()) << r.pattern;
    if (r.method == "POST" || r.method == "PATCH") {
      EXPECT_TRUE(op[lower(r.method)].contains("requestBody")) << r.pattern;
    }
  }
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      if (method == "parameters") continue;
      EXPECT_TRUE(routed.count({method, path}))
          << "documented but not routed: " << method << " " << path;
    }
  }
}

}  // namespace
}  // namespace dossier::http
