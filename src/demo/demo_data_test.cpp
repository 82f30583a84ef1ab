// Rules every generated row follows: codes agree with durations, scores with their items
// and bands, notes with their sessions, identifiers with their check digits.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/crypto.h"
#include "core/dates.h"
#include "core/log.h"
#include "core/time_zone.h"
#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"
#include "demo/demo.h"
#include "demo/identifiers.h"
#include "demo/instruments.h"
#include "demo/rng.h"

namespace dossier::demo {
namespace {

constexpr const char* kToday = "2025-06-15";

std::unique_ptr<db::SqliteDatabase> generated(uint64_t seed, int patients) {
  log::set_quiet(true);
  auto db = std::move(db::SqliteDatabase::open(":memory:")).value();
  EXPECT_TRUE(db::migrate(*db).ok());
  DemoOptions o;
  o.seed = seed;
  o.patients = patients;
  o.today = kToday;
  EXPECT_TRUE(generate(*db, o).ok());
  return db;
}

class DemoDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { db_ = generated(1, 40).release(); }
  static void TearDownTestSuite() {
    delete db_;
    db_ = nullptr;
  }
  static db::Rows rows(const std::string& sql) { return db_->query(sql).value(); }
  static db::SqliteDatabase* db_;
};
db::SqliteDatabase* DemoDataTest::db_ = nullptr;

std::string text(const Json& v) {
  return v.get<std::string>();
}

// Oracle written from DOMAIN.md, independent of the generator's own function.
std::string expected_band(const std::string& instrument, int total) {
  if (total < 5) return "minimal";
  if (total < 10) return "mild";
  if (total < 15) return "moderate";
  if (instrument == "PHQ-9" && total < 20) return "moderately_severe";
  return "severe";
}

bool has_non_latin_letter(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    uint32_t cp = c;
    size_t n = 1;
    if (c >= 0xf0) {
      cp = c & 0x07u, n = 4;
    } else if (c >= 0xe0) {
      cp = c & 0x0fu, n = 3;
    } else if (c >= 0xc0) {
      cp = c & 0x1fu, n = 2;
    }
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3fu);
    // Latin blocks: Basic, Latin-1, Extended-A/B, and Extended Additional (Vietnamese).
    if (cp >= 0x0370 && !(cp >= 0x1e00 && cp <= 0x1eff)) return true;
    i += n;
  }
  return false;
}

TEST_F(DemoDataTest, SessionDurationsAgreeWithTheirCptCodes) {
  for (const auto& s : rows("SELECT * FROM sessions")) {
    const std::string cpt = text(s["cpt_code"]);
    const int minutes = s["duration_minutes"].get<int>();
    if (cpt == "90791") {
      EXPECT_EQ(minutes, 60);
    } else if (cpt == "90832") {
      EXPECT_TRUE(minutes >= 16 && minutes <= 37) << minutes;
    } else if (cpt == "90834") {
      EXPECT_TRUE(minutes >= 38 && minutes <= 52) << minutes;
    } else {
      ASSERT_EQ(cpt, "90837");
      EXPECT_GE(minutes, 53);
    }
    const auto start = parse_timestamp(text(s["start_time"]));
    const auto end = parse_timestamp(text(s["end_time"]));
    ASSERT_TRUE(start && end);
    EXPECT_EQ(std::chrono::duration_cast<std::chrono::minutes>(*end - *start).count(), minutes);
    EXPECT_EQ(text(s["start_time"]).size(), 24u);
    EXPECT_EQ(text(s["start_time"]).substr(19), ".000Z");
    EXPECT_LT(text(s["end_time"]).substr(0, 10), std::string(kToday));
  }
}

TEST_F(DemoDataTest, TelehealthSessionsCarryPlaceOfServiceAndModifier) {
  int telehealth = 0, total = 0;
  for (const auto& s : rows("SELECT * FROM sessions")) {
    ++total;
    const std::string pos = text(s["place_of_service"]);
    if (s["telehealth"] == 1) {
      ++telehealth;
      EXPECT_TRUE(pos == "10" || pos == "02") << pos;
      EXPECT_EQ(text(s["modifiers"]), "[\"95\"]");
    } else {
      EXPECT_EQ(pos, "11");
      EXPECT_EQ(text(s["modifiers"]), "[]");
    }
  }
  EXPECT_GT(telehealth, total / 20);
  EXPECT_LT(telehealth, total / 2);
}

TEST_F(DemoDataTest, EveryPatientStartsWithAnIntakeAndHasMissedSessions) {
  for (const auto& p : rows("SELECT id FROM patients")) {
    auto first = db_->query_one(
        "SELECT cpt_code, status FROM sessions WHERE patient_id = ? "
        "ORDER BY start_time LIMIT 1",
        {p["id"]});
    EXPECT_EQ((*first)["cpt_code"], "90791");
    EXPECT_EQ((*first)["status"], "kept");
  }
  auto statuses = rows(
      "SELECT status, COUNT(*) AS n, SUM(fee_cents) AS fees FROM sessions "
      "GROUP BY status ORDER BY status");
  ASSERT_EQ(statuses.size(), 3u);  // cancelled, kept, no_show
  EXPECT_EQ(statuses[0]["fees"], 0);
}

TEST_F(DemoDataTest, NotesBelongToKeptSessionsAndFollowTheirFormat) {
  const std::map<std::string, std::set<std::string>> keys = {
      {"soap", {"subjective", "objective", "assessment", "plan"}},
      {"dap", {"data", "assessment", "plan"}},
      {"birp", {"behavior", "intervention", "response", "plan"}},
      {"free", {"text"}}};
  for (const auto& n : rows("SELECT n.*, s.status AS session_status, s.end_time, "
                            "s.therapist_id FROM session_notes n JOIN sessions s ON "
                            "s.id = n.session_id")) {
    EXPECT_EQ(n["session_status"], "kept");
    const Json sections = Json::parse(text(n["sections"]));
    std::set<std::string> got;
    for (const auto& [k, v] : sections.items()) {
      got.insert(k);
      EXPECT_FALSE(v.get<std::string>().empty());
    }
    EXPECT_EQ(got, keys.at(text(n["format"])));
    EXPECT_EQ(text(n["kind"]) == "psychotherapy_note", text(n["format"]) == "free");
    EXPECT_TRUE(Json::parse(text(n["action_items"])).is_array());
    EXPECT_EQ(n["author_id"], n["therapist_id"]);
    if (!n["signed_at"].is_null()) {
      EXPECT_EQ(n["signed_by"], n["therapist_id"]);
      EXPECT_GT(text(n["signed_at"]), text(n["end_time"]));
    }
  }
  EXPECT_EQ(rows("SELECT COUNT(*) AS n FROM sessions s WHERE status = 'kept' AND (SELECT COUNT(*) "
                 "FROM session_notes n WHERE n.session_id = s.id AND kind = 'progress_note') "
                 "!= 1")[0]["n"],
            0);
  EXPECT_GT(rows("SELECT COUNT(*) AS n FROM session_notes WHERE ai_drafted = 1 AND transcript "
                 "IS NOT NULL")[0]["n"],
            0);
}

TEST_F(DemoDataTest, OnlyTheNewestNotesOfCurrentClientsAreUnsigned) {
  for (const auto& p : rows("SELECT id, status FROM patients")) {
    auto notes = db_->query(
                        "SELECT n.signed_at FROM session_notes n JOIN sessions s ON s.id = "
                        "n.session_id WHERE n.patient_id = ? AND n.kind = 'progress_note' "
                        "ORDER BY s.start_time DESC",
                        {p["id"]})
                     .value();
    size_t unsigned_count = 0;
    while (unsigned_count < notes.size() && notes[unsigned_count]["signed_at"].is_null()) {
      ++unsigned_count;
    }
    if (p["status"] == "discharged") {
      EXPECT_EQ(unsigned_count, 0u);
    } else {
      EXPECT_TRUE(unsigned_count == 1 || unsigned_count == 2) << unsigned_count;
    }
    for (size_t i = unsigned_count; i < notes.size(); ++i)
      EXPECT_FALSE(notes[i]["signed_at"].is_null());
  }
}

TEST_F(DemoDataTest, AssessmentTotalsAndSeveritiesAreConsistent) {
  for (const auto& a : rows("SELECT a.*, s.start_time, s.patient_id AS session_patient FROM "
                            "assessments a JOIN sessions s ON s.id = a.session_id")) {
    const std::string instrument = text(a["instrument"]);
    const Json items = Json::parse(text(a["item_answers"]));
    ASSERT_EQ(items.size(), instrument == "PHQ-9" ? 9u : 7u);
    int sum = 0;
    for (const Json& item : items) {
      ASSERT_TRUE(item.is_number_integer());
      EXPECT_TRUE(item.get<int>() >= 0 && item.get<int>() <= 3);
      sum += item.get<int>();
    }
    EXPECT_EQ(a["total_score"].get<int>(), sum);
    EXPECT_EQ(text(a["severity"]), expected_band(instrument, sum));
    EXPECT_EQ(text(a["administered_on"]), text(a["start_time"]).substr(0, 10));
    EXPECT_EQ(a["patient_id"], a["session_patient"]);
  }
}

TEST_F(DemoDataTest, PlansGoalsAndDiagnosesAreComplete) {
  for (const auto& p : rows("SELECT id FROM patients")) {
    auto dx = db_->query("SELECT * FROM diagnoses WHERE patient_id = ?", {p["id"]}).value();
    EXPECT_TRUE(dx.size() >= 1 && dx.size() <= 3);
    int primary = 0;
    for (const auto& d : dx) primary += d["is_primary"].get<int>();
    EXPECT_EQ(primary, 1);
    auto plans = db_->query(
                        "SELECT * FROM treatment_plans WHERE patient_id = ? ORDER BY "
                        "start_date",
                        {p["id"]})
                     .value();
    ASSERT_TRUE(plans.size() == 1 || plans.size() == 2);
    if (plans.size() == 2) {
      EXPECT_EQ(plans[0]["status"], "completed");
    }
    for (const auto& plan : plans) {
      const Json interventions = Json::parse(text(plan["interventions"]));
      EXPECT_GE(interventions.size(), 3u);
      for (const Json& i : interventions) EXPECT_TRUE(i.is_string());
      auto goals = db_->query_one("SELECT COUNT(*) AS n FROM goals WHERE treatment_plan_id = ?",
                                  {plan["id"]});
      EXPECT_TRUE((*goals)["n"] >= 2 && (*goals)["n"] <= 5);
    }
  }
  EXPECT_EQ(rows("SELECT description FROM diagnoses WHERE icd10_code = 'F41.1' LIMIT 1")
                .at(0)["description"],
            "Generalized anxiety disorder");
  EXPECT_GT(rows("SELECT COUNT(*) AS n FROM goal_measurements")[0]["n"], 0);
}

TEST_F(DemoDataTest, NamesSpanScriptsAndStaffIdentifiersValidate) {
  bool non_latin = false, accented = false;
  for (const auto& p : rows("SELECT given_name, family_name FROM patients")) {
    const std::string name = text(p["given_name"]) + text(p["family_name"]);
    non_latin = non_latin || has_non_latin_letter(name);
    accented = accented || (!has_non_latin_letter(name) &&
                            std::any_of(name.begin(), name.end(), [](char c) { return c < 0; }));
  }
  EXPECT_TRUE(non_latin);
  EXPECT_TRUE(accented);
  const auto practice = rows("SELECT npi, tax_id FROM practice").at(0);
  EXPECT_TRUE(detail::is_valid_npi(text(practice["npi"])));
  EXPECT_EQ(text(practice["tax_id"]).size(), 9u);
  for (const auto& t : rows("SELECT * FROM users WHERE role = 'therapist'")) {
    EXPECT_TRUE(detail::is_valid_npi(text(t["npi"])));
    EXPECT_FALSE(text(t["license_number"]).empty());
    EXPECT_EQ(text(t["taxonomy"]).size(), 10u);
  }
  for (const auto& p : rows("SELECT phone, email FROM patients")) {
    EXPECT_NE(text(p["phone"]).find("-555-01"), std::string::npos);
    EXPECT_TRUE(text(p["email"]).ends_with("@example.org"));
  }
}

// The practice's zone is its city's: local office hours (8:00–17:30 standard time, an hour
// later in summer, as schedules are kept in standard time) hold for every session.
TEST_F(DemoDataTest, SessionsFallInOfficeHoursOfThePracticeZone) {
  const std::string zone = text(rows("SELECT time_zone FROM practice").at(0)["time_zone"]);
  EXPECT_TRUE(zone.starts_with("America/")) << zone;
  for (const auto& s : rows("SELECT start_time FROM sessions")) {
    const auto start = parse_timestamp(text(s["start_time"]));
    ASSERT_TRUE(start);
    const auto local = to_local_time(*start, zone);
    ASSERT_TRUE(local.ok());
    EXPECT_GE(local->hour, 8) << text(s["start_time"]);
    EXPECT_LE(local->hour, 18) << text(s["start_time"]);
  }
}

// Notes are signed after they are written, the evening of the session at the latest.
TEST_F(DemoDataTest, NotesAreSignedTheSameDayAfterTheyAreWritten) {
  const std::string zone = text(rows("SELECT time_zone FROM practice").at(0)["time_zone"]);
  const auto notes = rows(
      "SELECT n.created_at, n.signed_at, s.start_time FROM session_notes n JOIN sessions s ON "
      "s.id = n.session_id WHERE n.signed_at IS NOT NULL");
  ASSERT_FALSE(notes.empty());
  for (const auto& n : notes) {
    EXPECT_GT(text(n["signed_at"]), text(n["created_at"]));
    const auto signed_at = to_local_time(*parse_timestamp(text(n["signed_at"])), zone);
    const auto session = to_local_time(*parse_timestamp(text(n["start_time"])), zone);
    ASSERT_TRUE(signed_at.ok() && session.ok());
    EXPECT_EQ(signed_at->date, session->date) << text(n["signed_at"]);
    EXPECT_LE(signed_at->hour, 22) << text(n["signed_at"]);
  }
}

TEST_F(DemoDataTest, AboutOneInFivePatientsPaysThemselves) {
  const auto insured = rows("SELECT COUNT(DISTINCT patient_id) AS n FROM coverage")[0]["n"];
  EXPECT_GE(insured.get<int>(), 24);
  EXPECT_LE(insured.get<int>(), 38);
  EXPECT_GT(rows("SELECT COUNT(*) AS n FROM coverage WHERE subscriber_relationship != 'self' "
                 "AND subscriber_given_name IS NOT NULL")[0]["n"],
            0);
}

TEST_F(DemoDataTest, AttachmentsMatchTheirHashesAndSizes) {
  for (const auto& a : rows("SELECT * FROM attachments")) {
    const auto& bytes = a["content"].get_binary();
    const std::string content(bytes.begin(), bytes.end());
    EXPECT_EQ(a["size_bytes"].get<size_t>(), content.size());
    EXPECT_EQ(text(a["sha256"]), crypto::sha256_hex(content));
    if (text(a["content_type"]) == "image/png") {
      EXPECT_EQ(content.substr(1, 3), "PNG");
    }
  }
}

TEST_F(DemoDataTest, IdsAreUuidVersion7) {
  for (const char* sql : {"SELECT id FROM patients", "SELECT id FROM sessions",
                          "SELECT id FROM session_notes", "SELECT id FROM users"}) {
    for (const auto& r : rows(sql)) {
      const std::string id = text(r["id"]);
      ASSERT_EQ(id.size(), 36u);
      EXPECT_EQ(id[14], '7');
      EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos);
    }
  }
}

// Whatever the seed: a 42 CFR Part 2 patient, flagged; and the three trajectories, read
// from the first and last score of each patient's first instrument.
TEST(DemoSeedsTest, SubstanceUseAndAllTrajectoriesAppearForAnySeed) {
  for (uint64_t seed : {1u, 2u, 3u, 99u}) {
    auto db = generated(seed, 3);
    auto flagged = db->query(
                         "SELECT p.substance_use_sensitive AS flag, (SELECT COUNT(*) FROM "
                         "diagnoses d WHERE d.patient_id = p.id AND d.icd10_code LIKE "
                         "'F1%') AS sud FROM patients p")
                       .value();
    int sud = 0;
    for (const auto& f : flagged) {
      EXPECT_EQ(f["flag"] == 1, f["sud"] > 0);
      sud += f["flag"].get<int>();
    }
    EXPECT_GE(sud, 1) << seed;
    std::set<std::string> kinds;
    const auto patients = db->query("SELECT id FROM patients").value();
    for (const auto& p : patients) {
      auto scores = db->query(
                          "SELECT total_score FROM assessments WHERE patient_id = ? AND "
                          "instrument = (SELECT instrument FROM assessments WHERE "
                          "patient_id = ? ORDER BY administered_on, rowid LIMIT 1) ORDER BY "
                          "administered_on",
                          {p["id"], p["id"]})
                        .value();
      ASSERT_GE(scores.size(), 2u);
      const int change =
          scores.back()["total_score"].get<int>() - scores.front()["total_score"].get<int>();
      kinds.insert(change <= -5 ? "improve" : (change >= 3 ? "worsen" : "plateau"));
    }
    EXPECT_EQ(kinds.size(), 3u) << seed;
  }
}

TEST(DemoInternalsTest, NpiCheckDigitAndSeverityBands) {
  EXPECT_EQ(detail::npi_check_digit("123456789"), 3);  // DOMAIN.md's example
  EXPECT_TRUE(detail::is_valid_npi("1234567893"));
  EXPECT_FALSE(detail::is_valid_npi("1234567890"));
  using detail::Instrument;
  EXPECT_EQ(detail::severity(Instrument::kPhq9, 4), "minimal");
  EXPECT_EQ(detail::severity(Instrument::kPhq9, 15), "moderately_severe");
  EXPECT_EQ(detail::severity(Instrument::kPhq9, 20), "severe");
  EXPECT_EQ(detail::severity(Instrument::kGad7, 15), "severe");
  detail::Rng rng(42);
  for (int total = 0; total <= 25; ++total) {
    const auto items = detail::split_items(rng, Instrument::kPhq9, total);
    int sum = 0;
    for (int i : items) sum += i;
    EXPECT_EQ(sum, total);
    EXPECT_LE(items[8], 1);
  }
}

TEST(DemoInternalsTest, RngIsReproducibleAndInRange) {
  detail::Rng a(5), b(5);
  for (int i = 0; i < 1000; ++i) {
    const int x = a.range(-3, 3);
    EXPECT_EQ(x, b.range(-3, 3));
    EXPECT_TRUE(x >= -3 && x <= 3);
  }
  // The engine's output is fixed by the standard: the 10000th value of a default-seeded
  // mt19937_64 is 9981545732273789042.
  std::mt19937_64 engine;
  engine.discard(9999);
  EXPECT_EQ(engine(), 9981545732273789042ULL);
}

}  // namespace
}  // namespace dossier::demo
