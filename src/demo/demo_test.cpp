#include "demo/demo.h"

#include <gtest/gtest.h>

#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"

namespace dossier::demo {
namespace {
TEST(DemoTest, Smoke) {
  auto db = std::move(db::SqliteDatabase::open(":memory:")).value();
  ASSERT_TRUE(db::migrate(*db).ok());
  DemoOptions o;
  o.today = "2025-06-15";
  auto r = generate(*db, o);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  for (auto t : {"practice", "users", "patients", "coverage", "diagnoses", "treatment_plans", "goals",
                 "goal_measurements", "sessions", "session_notes", "assessments", "attachments"}) {
    auto n = db->query_one(std::string("SELECT COUNT(*) AS n FROM ") + t);
    std::cout << t << " " << (*n)["n"] << "\n";
  }
  std::cout << r->dump(2).substr(0, 800) << "\n";
}
}  // namespace
}  // namespace dossier::demo
