// Shared fixture for the resource API tests: an in-memory database with four staff users
// (two therapists, an admin, a biller) and helpers that build valid bodies. All data is
// synthetic.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "auth/caller.h"
#include "core/clock.h"
#include "core/log.h"
#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"
#include "record/resources.h"

namespace dossier::record::testing {

inline std::string describe(const Error& e) {
  std::string out = std::string(error_code_name(e.code)) + ": " + e.detail;
  for (const auto& f : e.fields) out += " [" + f.path + ": " + f.problem + "]";
  return out;
}

//! The paths of a validation error's problems (empty for a success).
inline std::vector<std::string> problem_paths(const Result<Json>& r) {
  std::vector<std::string> paths;
  if (!r.ok()) {
    for (const auto& f : r.error().fields) paths.push_back(f.path);
  }
  return paths;
}

inline bool has_problem(const Result<Json>& r, const std::string& path) {
  const auto paths = problem_paths(r);
  return std::find(paths.begin(), paths.end(), path) != paths.end();
}

class ResourcesTest : public ::testing::Test {
 protected:
  static constexpr const char* kTherapistA = "01900000-0000-7000-8000-00000000000a";
  static constexpr const char* kTherapistB = "01900000-0000-7000-8000-00000000000b";
  static constexpr const char* kAdmin = "01900000-0000-7000-8000-0000000000ad";
  static constexpr const char* kBiller = "01900000-0000-7000-8000-0000000000b1";

  void SetUp() override {
    log::set_quiet(true);
    db_ = std::move(db::SqliteDatabase::open(":memory:")).value();
    ASSERT_TRUE(db::migrate(*db_).ok());
    const std::string now = now_timestamp();
    const std::vector<std::pair<const char*, const char*>> users = {{kTherapistA, "therapist"},
                                                                    {kTherapistB, "therapist"},
                                                                    {kAdmin, "admin"},
                                                                    {kBiller, "biller"}};
    for (const auto& [id, role] : users) {
      ASSERT_TRUE(db_->execute("INSERT INTO users (id, role, given_name, family_name, created_at, "
                               "updated_at) VALUES (?, ?, 'Test', 'Staff', ?, ?)",
                               {id, role, now, now})
                      .ok());
    }
  }

  //! The value of a successful result; records a test failure (with the error) otherwise.
  static Json ok(const Result<Json>& r) {
    EXPECT_TRUE(r.ok()) << describe(r.error());
    return r.ok() ? *r : Json();
  }

  Json make(const auth::Caller& who, const std::string& resource, const Json& body) {
    return ok(create(*db_, who, resource, body));
  }

  static Json patient_body() {
    return {{"given_name", "Alex"},
            {"family_name", "Example"},
            {"birth_date", "1990-04-12"},
            {"sex", "unknown"},
            {"state", "CA"},
            {"postal_code", "94110"},
            {"email", "alex@example.org"},
            {"phone", "+1 (555) 010-0100"}};
  }

  //! A 53-minute in-office 90837 session.
  static Json session_body(const std::string& patient_id) {
    return {{"patient_id", patient_id},
            {"start_time", "2024-03-10T14:00:00Z"},
            {"end_time", "2024-03-10T14:53:00Z"},
            {"cpt_code", "90837"},
            {"place_of_service", "11"},
            {"status", "kept"},
            {"fee_cents", 15000}};
  }

  static Json soap_note_body(const std::string& session_id) {
    return {{"session_id", session_id},
            {"kind", "progress_note"},
            {"format", "soap"},
            {"sections",
             {{"subjective", "Reports better sleep."},
              {"objective", "Calm, engaged."},
              {"assessment", "Improving."},
              {"plan", "Continue weekly."}}}};
  }

  static Json plan_body(const std::string& patient_id) {
    return {{"patient_id", patient_id},
            {"problem", "Generalized anxiety"},
            {"start_date", "2024-01-08"},
            {"interventions", {"CBT", "relaxation training"}}};
  }

  static Json goal_body(const std::string& plan_id) {
    return {{"treatment_plan_id", plan_id},
            {"description", "Reduce worry"},
            {"measure", "GAD-7 total"},
            {"baseline_value", 15},
            {"target_value", 5}};
  }

  //! A patient created by therapist A (who joins the care team) and a session for them.
  void seed_patient_and_session() {
    patient_ = make(therapist_a_, "patients", patient_body());
    session_ = make(therapist_a_, "sessions", session_body(pid()));
  }

  std::string pid() const { return patient_["id"]; }
  std::string sid() const { return session_["id"]; }

  int64_t count(const std::string& table) {
    auto row = db_->query_one("SELECT COUNT(*) AS n FROM " + table);
    return row.ok() ? (*row)["n"].get<int64_t>() : -1;
  }

  std::unique_ptr<db::SqliteDatabase> db_;
  auth::Caller therapist_a_{kTherapistA, auth::Role::kTherapist, {}, {}};
  auth::Caller therapist_b_{kTherapistB, auth::Role::kTherapist, {}, {}};
  auth::Caller admin_{kAdmin, auth::Role::kAdmin, {}, {}};
  auth::Caller biller_{kBiller, auth::Role::kBiller, {}, {}};
  Json patient_;
  Json session_;
};

}  // namespace dossier::record::testing
