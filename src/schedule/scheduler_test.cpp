#include "schedule/scheduler.h"

#include <gtest/gtest.h>

#include <thread>

#include "schedule/schedule_test_fixture.h"

namespace dossier::schedule {
namespace {

class SchedulerTest : public testing::ScheduleTest {
 protected:
  std::string create(const Json& body) {
    auto created = store().create(therapist(), body);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().detail);
    return created.ok() ? (*created)["id"].get<std::string>() : "";
  }

  int run_at(std::string_view now) {
    clock_.set(now);
    jobs::JobStore jobs(db(), clock_, audit_key_);
    auto ran = Scheduler(db(), jobs, clock_).run_due();
    EXPECT_TRUE(ran.ok()) << (ran.ok() ? "" : ran.error().detail);
    return ran.ok() ? *ran : -1;
  }

  //! The schedule's runs, oldest first.
  db::Rows runs(const std::string& id) {
    auto rows = db().query(
        "SELECT slot_at, status, error, export_job_id FROM schedule_runs WHERE schedule_id = ? "
        "ORDER BY slot_at",
        {id});
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? *rows : db::Rows{};
  }

  Json job(const Json& id) {
    auto row = db().query_one("SELECT * FROM export_jobs WHERE id = ?", {id});
    EXPECT_TRUE(row.ok());
    Json j = row.ok() ? *row : Json();
    if (j.is_object()) j["parameters"] = Json::parse(j["parameters"].get<std::string>());
    return j;
  }
};

TEST_P(SchedulerTest, AMonthlyReportRunsAtItsSlotForTheMonthBefore) {
  const std::string id = create(monthly_body());
  EXPECT_EQ(run_at("2027-02-01T12:59:59Z"), 0);
  EXPECT_EQ(run_at("2027-02-01T13:00:00Z"), 1);
  EXPECT_EQ(run_at("2027-02-01T13:00:30Z"), 0);  // the slot is taken
  auto r = runs(id);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0]["slot_at"], "2027-02-01T13:00:00.000Z");
  EXPECT_EQ(r[0]["status"], "queued");
  const Json j = job(r[0]["export_job_id"]);
  EXPECT_EQ(j["user_id"], therapist().user_id);
  EXPECT_EQ(j["patient_id"], patient_of());
  EXPECT_EQ(j["export_type"], "progress_report");
  EXPECT_EQ(j["format"], "pdf");
  EXPECT_EQ(j["parameters"]["start_date"], "2027-01-01");
  EXPECT_EQ(j["parameters"]["end_date"], "2027-01-31");
  EXPECT_EQ(j["parameters"]["include_sections"]["assessments"], true);
  auto audit = db().query_one(
      "SELECT user_id, metadata FROM export_audit_log WHERE export_job_id = ? AND action = "
      "'created'",
      {r[0]["export_job_id"]});
  ASSERT_TRUE(audit.ok() && audit->is_object());
  EXPECT_EQ(Json::parse((*audit)["metadata"].get<std::string>())["schedule_id"], id);
  auto schedule = store().get(therapist(), id);
  EXPECT_EQ((*schedule)["next_run_at"], "2027-03-01T13:00:00.000Z");
  EXPECT_EQ((*schedule)["last_run_at"], "2027-02-01T13:00:00.000Z");
  EXPECT_EQ((*schedule)["runs"].size(), 1u);
}

TEST_P(SchedulerTest, APracticeSummaryRunsForTheWholePracticeAndTheMonthBefore) {
  auto created = store().create(admin(), practice_summary_body());
  ASSERT_TRUE(created.ok()) << created.error().detail;
  // 07:00 in New York on 1 February is 12:00 UTC.
  EXPECT_EQ(run_at("2027-02-01T12:00:00Z"), 1);
  auto r = runs((*created)["id"]);
  ASSERT_EQ(r.size(), 1u);
  ASSERT_EQ(r[0]["status"], "queued") << r[0].dump();
  const Json j = job(r[0]["export_job_id"]);
  EXPECT_EQ(j["user_id"], admin().user_id);
  EXPECT_TRUE(j["patient_id"].is_null());
  EXPECT_EQ(j["export_type"], "practice_summary");
  EXPECT_EQ(j["format"], "csv");
  EXPECT_EQ(j["parameters"]["start_date"], "2027-01-01");
  EXPECT_EQ(j["parameters"]["end_date"], "2027-01-31");
}

TEST_P(SchedulerTest, ADailyScheduleFiresAtItsWallTimeThroughBothDaylightSavingChanges) {
  clock_.set("2027-03-12T14:00:00Z");
  Json body = monthly_body();
  body["schedule_type"] = "daily";
  body["schedule_config"] = {{"time", "08:00"}};
  const std::string id = create(body);
  // Each slot exactly: 08:00 EST is 13:00Z, 08:00 EDT is 12:00Z (from 14 March).
  for (const char* slot :
       {"2027-03-13T13:00:00Z", "2027-03-14T12:00:00Z", "2027-03-15T12:00:00Z"}) {
    const auto t = parse_timestamp(slot).value();
    EXPECT_EQ(run_at(format_timestamp(t - std::chrono::seconds(1))), 0) << slot;
    EXPECT_EQ(run_at(slot), 1) << slot;
  }
  clock_.set("2027-11-05T12:00:00Z");
  ASSERT_TRUE(store().update(therapist(), id, {{"is_active", false}}).ok());
  ASSERT_TRUE(store().update(therapist(), id, {{"is_active", true}}).ok());
  for (const char* slot : {"2027-11-06T12:00:00Z", "2027-11-07T13:00:00Z"}) {
    const auto t = parse_timestamp(slot).value();
    EXPECT_EQ(run_at(format_timestamp(t - std::chrono::seconds(1))), 0) << slot;
    EXPECT_EQ(run_at(slot), 1) << slot;
  }
  auto r = runs(id);
  ASSERT_EQ(r.size(), 5u);
  EXPECT_EQ(job(r[1]["export_job_id"])["parameters"]["start_date"], "2027-03-13");
}

TEST_P(SchedulerTest, AWeeklyScheduleFiresOnItsDayForTheSevenDaysBefore) {
  clock_.set("2027-01-10T12:00:00Z");  // a Sunday
  Json body = monthly_body();
  body["schedule_type"] = "weekly";
  body["schedule_config"] = {{"time", "17:45"}, {"day_of_week", "wednesday"}};
  const std::string id = create(body);
  // 17:45 EST is 22:45Z; Wednesdays 13 and 20 January.
  for (const char* slot : {"2027-01-13T22:45:00Z", "2027-01-20T22:45:00Z"}) {
    const auto t = parse_timestamp(slot).value();
    EXPECT_EQ(run_at(format_timestamp(t - std::chrono::seconds(1))), 0) << slot;
    EXPECT_EQ(run_at(slot), 1) << slot;
  }
  auto r = runs(id);
  ASSERT_EQ(r.size(), 2u);
  const Json j = job(r[1]["export_job_id"]);
  EXPECT_EQ(j["parameters"]["start_date"], "2027-01-13");
  EXPECT_EQ(j["parameters"]["end_date"], "2027-01-19");
}

TEST_P(SchedulerTest, MissedSlotsRunOnceOrAreSkippedAsTheScheduleSays) {
  const std::string catch_up = create(monthly_body());
  Json skip_body = monthly_body();
  skip_body["missed_runs"] = "skip";
  const std::string skip = create(skip_body);
  // Down from January to mid-April: February's, March's and April's slots were missed.
  EXPECT_EQ(run_at("2027-04-15T10:00:00Z"), 2);
  auto caught = runs(catch_up);
  ASSERT_EQ(caught.size(), 1u);
  EXPECT_EQ(caught[0]["slot_at"], "2027-04-01T12:00:00.000Z");
  EXPECT_EQ(caught[0]["status"], "queued");
  EXPECT_EQ(job(caught[0]["export_job_id"])["parameters"]["start_date"], "2027-03-01");
  auto skipped = runs(skip);
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0]["status"], "skipped");
  EXPECT_EQ(skipped[0]["export_job_id"], nullptr);
  EXPECT_EQ((*store().get(therapist(), skip))["next_run_at"], "2027-05-01T12:00:00.000Z");
  EXPECT_EQ(run_at("2027-04-20T10:00:00Z"), 0);
}

TEST_P(SchedulerTest, ARunTheOwnerMayNoLongerMakeFailsOnItsOwn) {
  const std::string id = create(monthly_body());
  ASSERT_TRUE(db().execute("DELETE FROM care_team WHERE patient_id = ?", {patient_of()}).ok());
  EXPECT_EQ(run_at("2027-02-01T13:00:00Z"), 1);
  auto r = runs(id);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0]["status"], "failed");
  EXPECT_EQ(r[0]["export_job_id"], nullptr);
  EXPECT_NE(r[0]["error"].get<std::string>().find("not found"), std::string::npos);
  EXPECT_EQ((*store().get(therapist(), id))["next_run_at"], "2027-03-01T13:00:00.000Z");
}

TEST_P(SchedulerTest, SessionNotesOfThePeriodOrASkippedRun) {
  Json body = monthly_body();
  body["export_type"] = "session_notes";
  body["parameters"] = Json::object();
  clock_.set("2026-12-20T12:00:00Z");
  const std::string id = create(body);
  auto sessions = db().query(
      "SELECT id FROM sessions WHERE patient_id = ? AND substr(start_time, 1, 7) = '2026-12' "
      "ORDER BY start_time",
      {patient_of()});
  ASSERT_TRUE(sessions.ok());
  EXPECT_EQ(run_at("2027-01-01T13:00:00Z"), 1);  // December's notes
  EXPECT_EQ(run_at("2027-02-01T13:00:00Z"),
            1);  // January: the demo has no sessions after 2027-01-01
  auto r = runs(id);
  ASSERT_EQ(r.size(), 2u);
  ASSERT_FALSE(sessions->empty()) << "the demo patient has sessions in December";
  Json expected = Json::array();
  for (const auto& s : *sessions) expected.push_back(s["id"]);
  EXPECT_EQ(r[0]["status"], "queued");
  EXPECT_EQ(job(r[0]["export_job_id"])["parameters"]["session_ids"], expected);
  EXPECT_EQ(r[1]["status"], "skipped");
  EXPECT_EQ(r[1]["error"], "no sessions in the period");
}

TEST_P(SchedulerTest, PausedAndCancelledSchedulesDoNotRun) {
  const std::string paused = create(monthly_body());
  const std::string cancelled = create(monthly_body());
  ASSERT_TRUE(store().update(therapist(), paused, {{"is_active", false}}).ok());
  ASSERT_TRUE(store().cancel(therapist(), cancelled).ok());
  EXPECT_EQ(run_at("2027-02-01T13:00:00Z"), 0);
}

// Two schedulers with connections of their own, as two `dossier serve` processes on one
// database, race over the same slots: each slot runs once.
TEST_P(SchedulerTest, TwoProcessesRunEachSlotOnce) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(create(monthly_body()));
  auto other = second_handle();
  clock_.set("2027-02-01T13:00:00Z");
  std::atomic<int> total{0};
  std::vector<std::thread> threads;
  for (db::Database* d : {&db(), other ? other.get() : &db()}) {
    threads.emplace_back([&, d] {
      jobs::JobStore jobs(*d, clock_, audit_key_);
      Scheduler scheduler(*d, jobs, clock_);
      for (int pass = 0; pass < 5; ++pass) {
        auto ran = scheduler.run_due();
        ASSERT_TRUE(ran.ok()) << ran.error().detail;
        total += *ran;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(total.load(), 5);
  for (const auto& id : ids) EXPECT_EQ(runs(id).size(), 1u);
  auto jobs = db().query_one("SELECT COUNT(*) AS n FROM export_jobs");
  EXPECT_EQ((*jobs)["n"], 5);
}

DOSSIER_INSTANTIATE_BACKENDS(SchedulerTest);

}  // namespace
}  // namespace dossier::schedule
