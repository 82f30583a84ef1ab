// A migrated database of either backend holding a small demo practice, a clock the test
// moves, and the stores the scheduler works with.
#pragma once

#include <gtest/gtest.h>

#include "audit/audit_chain.h"
#include "core/dates.h"
#include "db/migrations.h"
#include "db/open_database.h"
#include "db/testing/backend_test.h"
#include "demo/demo.h"
#include "jobs/job_store.h"
#include "schedule/schedule_store.h"

namespace dossier::schedule::testing {

class SetClock final : public Clock {
 public:
  TimePoint now() const override { return now_; }
  void set(std::string_view timestamp) { now_ = parse_timestamp(timestamp).value(); }

 private:
  TimePoint now_ = parse_timestamp("2027-01-10T12:00:00Z").value();
};

class ScheduleTest : public db::testing::BackendTest {
 protected:
  void SetUp() override {
    db::testing::BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(db::migrate(db()).ok());
    auto tokens = demo::populate(db(), {.patients = 6, .seed = 3, .today = "2027-01-01"});
    ASSERT_TRUE(tokens.ok());
    tokens_ = *tokens;
    ASSERT_TRUE(db().execute("UPDATE practice SET time_zone = 'America/New_York'").ok());
  }

  auth::Caller therapist(size_t i = 0) const {
    return {tokens_.therapists[i].user_id, auth::Role::kTherapist, "127.0.0.1", "test"};
  }
  auth::Caller admin() const { return {tokens_.admin.user_id, auth::Role::kAdmin, "", "test"}; }
  auth::Caller biller() const { return {tokens_.biller.user_id, auth::Role::kBiller, "", "test"}; }
  std::string patient_of(size_t i = 0) const { return tokens_.therapists[i].patient_ids.at(0); }

  //! A monthly progress report of therapist 0's first patient, as PDF on the 1st at 08:00.
  Json monthly_body() const {
    return {{"export_type", "progress_report"},
            {"format", "pdf"},
            {"patient_id", patient_of()},
            {"schedule_type", "monthly"},
            {"schedule_config", {{"time", "08:00"}, {"day_of_month", 1}}},
            {"parameters", {{"include_sections", {{"assessments", true}}}}}};
  }

  //! The practice summary of the month before, as CSV on the 1st at 07:00: no patient.
  static Json practice_summary_body() {
    return {{"export_type", "practice_summary"},
            {"format", "csv"},
            {"schedule_type", "monthly"},
            {"schedule_config", {{"time", "07:00"}, {"day_of_month", 1}}}};
  }

  ScheduleStore store() { return ScheduleStore(db(), clock_); }

  //! Connections of their own to the same database, as another process would have; null on
  //! SQLite in memory.
  std::unique_ptr<db::Database> second_handle() {
    if (test_database().url().empty()) return nullptr;
    auto opened = db::open_database({.url = test_database().url(), .pool_size = 2});
    EXPECT_TRUE(opened.ok());
    return opened.ok() ? std::move(opened).value() : nullptr;
  }

  SetClock clock_;
  demo::DemoTokens tokens_;
  audit::ChainKey audit_key_{std::string(32, 'k')};
};

}  // namespace dossier::schedule::testing
