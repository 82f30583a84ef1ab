// The generator's contract: what it creates, that it repeats itself per seed, and what it
// refuses. The rules individual rows must follow are in demo_data_test.cpp.
#include "demo/demo.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "auth/passwords.h"
#include "auth/tokens.h"
#include "core/log.h"
#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"
#include "record/schema.h"

namespace dossier::demo {
namespace {

std::unique_ptr<db::SqliteDatabase> fresh_db() {
  log::set_quiet(true);
  auto db = std::move(db::SqliteDatabase::open(":memory:")).value();
  EXPECT_TRUE(db::migrate(*db).ok());
  return db;
}

DemoOptions pinned(uint64_t seed, int patients = 20) {
  DemoOptions o;
  o.seed = seed;
  o.patients = patients;
  o.today = "2025-06-15";
  return o;
}

int64_t count(db::Database& db, const std::string& sql) {
  auto row = db.query_one(sql);
  EXPECT_TRUE(row.ok());
  return (*row)["n"].get<int64_t>();
}

// Every clinical table's rows in insertion order, except api_tokens (random by design).
std::map<std::string, db::Rows> dump(db::Database& db) {
  std::map<std::string, db::Rows> out;
  for (const auto& t : record::clinical_tables()) {
    if (t.name == "api_tokens") continue;
    out[t.name] = db.query("SELECT * FROM " + t.name + " ORDER BY rowid").value();
  }
  return out;
}

TEST(DemoTest, CreatesThePracticeStaffAndPatients) {
  auto db = fresh_db();
  auto doc = generate(*db, pinned(1));
  ASSERT_TRUE(doc.ok()) << doc.error().detail;
  EXPECT_EQ(count(*db, "SELECT COUNT(*) AS n FROM practice"), 1);
  EXPECT_EQ(count(*db, "SELECT COUNT(*) AS n FROM patients"), 20);
  EXPECT_EQ(count(*db, "SELECT COUNT(*) AS n FROM users WHERE role = 'therapist'"), 3);
  EXPECT_EQ(count(*db, "SELECT COUNT(*) AS n FROM users WHERE role = 'admin'"), 1);
  EXPECT_EQ(count(*db, "SELECT COUNT(*) AS n FROM users WHERE role = 'biller'"), 1);
  // Each patient on exactly one therapist's care team, as primary.
  EXPECT_EQ(count(*db,
                  "SELECT COUNT(*) AS n FROM care_team c JOIN users u ON u.id = c.user_id "
                  "WHERE c.role = 'primary' AND u.role = 'therapist'"),
            20);
  EXPECT_EQ(count(*db, "SELECT COUNT(DISTINCT patient_id) AS n FROM care_team"), 20);
  for (const char* table :
       {"coverage", "diagnoses", "treatment_plans", "goals", "goal_measurements", "sessions",
        "session_notes", "assessments", "attachments"}) {
    EXPECT_GT(count(*db, std::string("SELECT COUNT(*) AS n FROM ") + table), 0) << table;
  }
  auto fk = db->query("PRAGMA foreign_key_check");
  ASSERT_TRUE(fk.ok());
  EXPECT_TRUE(fk->empty());
}

TEST(DemoTest, TokensDocumentHasTheAgreedShapeAndTheTokensWork) {
  auto db = fresh_db();
  auto doc = generate(*db, pinned(1));
  ASSERT_TRUE(doc.ok());
  const Json& d = *doc;
  ASSERT_EQ(d.size(), 3u);
  // Each user's username and password sign them in to the web pages.
  const auto signs_in = [&db](const Json& entry) {
    auto found = auth::find_credentials(*db, entry["username"].get<std::string>());
    return found.ok() && found->has_value() && (*found)->user_id == entry["user_id"] &&
           (*found)->password_hash &&
           auth::verify_password(entry["password"].get<std::string>(), *(*found)->password_hash);
  };
  for (const char* who : {"admin", "biller"}) {
    ASSERT_TRUE(d[who].is_object()) << who;
    EXPECT_EQ(d[who].size(), 4u);
    EXPECT_EQ(d[who]["username"], who);
    EXPECT_TRUE(signs_in(d[who])) << who;
    auto caller = auth::authenticate(*db, d[who]["token"].get<std::string>());
    ASSERT_TRUE(caller.ok()) << who;
    EXPECT_EQ(caller->user_id, d[who]["user_id"]);
  }
  ASSERT_EQ(d["therapists"].size(), 3u);
  std::set<std::string> patients;
  for (const Json& t : d["therapists"]) {
    EXPECT_EQ(t.size(), 6u);
    EXPECT_FALSE(t["name"].get<std::string>().empty());
    EXPECT_TRUE(signs_in(t)) << t["username"];
    auto caller = auth::authenticate(*db, t["token"].get<std::string>());
    ASSERT_TRUE(caller.ok());
    EXPECT_EQ(caller->user_id, t["user_id"]);
    EXPECT_EQ(caller->role, auth::Role::kTherapist);
    for (const Json& id : t["patient_ids"]) {
      patients.insert(id.get<std::string>());
      EXPECT_EQ(count(*db, "SELECT COUNT(*) AS n FROM care_team WHERE patient_id = '" +
                               id.get<std::string>() + "' AND user_id = '" +
                               t["user_id"].get<std::string>() + "'"),
                1);
    }
  }
  EXPECT_EQ(patients.size(), 20u);
}

TEST(DemoTest, SameSeedAndDayGiveTheSameRows) {
  auto a = fresh_db();
  auto b = fresh_db();
  ASSERT_TRUE(generate(*a, pinned(7)).ok());
  ASSERT_TRUE(generate(*b, pinned(7)).ok());
  const auto rows_a = dump(*a);
  const auto rows_b = dump(*b);
  for (const auto& [table, rows] : rows_a) {
    EXPECT_EQ(rows, rows_b.at(table)) << table;
  }
}

TEST(DemoTest, DifferentSeedsGiveDifferentPractices) {
  auto a = fresh_db();
  auto b = fresh_db();
  ASSERT_TRUE(generate(*a, pinned(7)).ok());
  ASSERT_TRUE(generate(*b, pinned(8)).ok());
  const auto rows_a = dump(*a);
  const auto rows_b = dump(*b);
  for (const char* table : {"practice", "patients", "sessions", "session_notes"}) {
    EXPECT_NE(rows_a.at(table), rows_b.at(table)) << table;
  }
}

// A patient's rows depend on the seed and its index only, not on how many follow it.
TEST(DemoTest, EarlierPatientsDoNotDependOnThePatientCount) {
  auto a = fresh_db();
  auto b = fresh_db();
  ASSERT_TRUE(generate(*a, pinned(3, 5)).ok());
  ASSERT_TRUE(generate(*b, pinned(3, 8)).ok());
  const char* sql = "SELECT * FROM patients ORDER BY mrn LIMIT 5";
  EXPECT_EQ(a->query(sql).value(), b->query(sql).value());
}

TEST(DemoTest, RefusesADatabaseThatAlreadyHasAPractice) {
  auto db = fresh_db();
  ASSERT_TRUE(generate(*db, pinned(1, 3)).ok());
  const int64_t sessions = count(*db, "SELECT COUNT(*) AS n FROM sessions");
  auto again = generate(*db, pinned(2, 3));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(count(*db, "SELECT COUNT(*) AS n FROM practice"), 1);
  EXPECT_EQ(count(*db, "SELECT COUNT(*) AS n FROM sessions"), sessions);
}

TEST(DemoTest, RejectsOptionsOutOfRange) {
  auto db = fresh_db();
  DemoOptions bad_day = pinned(1);
  bad_day.today = "2025-02-30";
  DemoOptions no_therapists = pinned(1);
  no_therapists.therapists = 0;
  for (const DemoOptions& o : {bad_day, no_therapists, pinned(1, -1), pinned(1, 100001)}) {
    auto r = generate(*db, o);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kValidation);
  }
  EXPECT_EQ(count(*db, "SELECT COUNT(*) AS n FROM practice"), 0);
}

TEST(DemoTest, DefaultTodayIsTheCurrentUtcDate) {
  const DemoOptions o;
  ASSERT_EQ(o.today.size(), 10u);
  EXPECT_EQ(o.today, current_utc_date());
}

TEST(DemoTest, OtherTherapistCountsShareThePatients) {
  auto db = fresh_db();
  DemoOptions o = pinned(5, 11);
  o.therapists = 5;
  auto doc = generate(*db, o);
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ((*doc)["therapists"].size(), 5u);
  size_t total = 0;
  for (const Json& t : (*doc)["therapists"]) {
    EXPECT_FALSE(t["patient_ids"].empty());
    total += t["patient_ids"].size();
  }
  EXPECT_EQ(total, 11u);
}

TEST(DemoTest, EdgeSizes) {
  auto empty = fresh_db();
  auto doc = generate(*empty, pinned(1, 0));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(count(*empty, "SELECT COUNT(*) AS n FROM patients"), 0);
  EXPECT_TRUE((*doc)["therapists"][0]["patient_ids"].empty());
  auto large_staff = fresh_db();
  DemoOptions o = pinned(1, 2);
  o.therapists = 50;
  ASSERT_TRUE(generate(*large_staff, o).ok());
  EXPECT_EQ(count(*large_staff, "SELECT COUNT(DISTINCT family_name) AS n FROM users"), 52);
}

double generate_and_check(int patients) {
  auto db = fresh_db();
  const auto started = std::chrono::steady_clock::now();
  auto doc = generate(*db, pinned(11, patients));
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
  EXPECT_TRUE(doc.ok()) << doc.error().detail;
  EXPECT_EQ(count(*db, "SELECT COUNT(*) AS n FROM patients"), patients);
  EXPECT_EQ(count(*db, "SELECT COUNT(DISTINCT mrn) AS n FROM patients"), patients);
  EXPECT_GT(count(*db, "SELECT COUNT(*) AS n FROM sessions"), 20 * patients);
  return seconds.count();
}

// `dossier demo --patients 1000` must stay quick: one transaction, batched inserts. A
// Debug build spends ~1 s on 200 patients; the bound only catches a pathological slowdown.
TEST(DemoTest, ManyPatients) {
  const double seconds = generate_and_check(200);
  EXPECT_LT(seconds, 30.0);
  std::printf("generated 200 patients in %.2f s\n", seconds);
}

// The full 1000 patients take ~5 s of CPU in a Debug build (~165,000 rows), too slow for
// every run: set DOSSIER_SLOW_TESTS=1 to include it.
TEST(DemoTest, ThousandPatients) {
  if (std::getenv("DOSSIER_SLOW_TESTS") == nullptr) GTEST_SKIP() << "set DOSSIER_SLOW_TESTS=1";
  const double seconds = generate_and_check(1000);
  EXPECT_LT(seconds, 120.0);
  std::printf("generated 1000 patients in %.2f s\n", seconds);
}

}  // namespace
}  // namespace dossier::demo
