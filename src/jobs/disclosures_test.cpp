#include "jobs/disclosures.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "core/ids.h"
#include "jobs/cleanup.h"
#include "jobs/export_request.h"
#include "jobs/job_queue.h"
#include "jobs/jobs_test_fixture.h"

namespace dossier::jobs {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

// A clock set to chosen instants, so that each export completes on a day the test picks.
class SetClock final : public Clock {
 public:
  TimePoint now() const override { return now_; }
  void set(std::string_view timestamp) { now_ = *parse_timestamp(timestamp); }

 private:
  TimePoint now_ = std::chrono::system_clock::now();
};

class DisclosuresTest : public testing::JobsTest {
 protected:
  void SetUp() override {
    testing::JobsTest::SetUp();
    root_ = fs::temp_directory_path() / ("dossier-disclosures-" + new_uuid());
    files_ = storage::make_local_blob_store(root_.string());
    if (IsSkipped() || HasFatalFailure()) return;
    const std::string now = now_timestamp();
    // In Chicago an export made at 03:00 UTC was made on the day before.
    ASSERT_TRUE(db().execute("INSERT INTO practice (id, name, time_zone, created_at, updated_at) "
                             "VALUES ('pr', 'Practice', 'America/Chicago', ?, ?)",
                             {now, now})
                    .ok());
    for (const std::string& id : {patient_, other_patient_}) {
      ASSERT_TRUE(db().execute("INSERT INTO patients (id, mrn, given_name, family_name, "
                               "birth_date, sex, created_at, updated_at) VALUES (?, ?, 'A', 'B', "
                               "'1990-01-01', 'female', ?, ?)",
                               {id, id, now, now})
                      .ok());
    }
    for (const std::string& id : sessions_) {
      ASSERT_TRUE(db().execute("INSERT INTO sessions (id, patient_id, therapist_id, start_time, "
                               "end_time, duration_minutes, cpt_code, place_of_service, status, "
                               "created_at, updated_at) VALUES (?, ?, 'u1', ?, ?, 53, '90837', "
                               "'11', 'kept', ?, ?)",
                               {id, patient_, now, now, now, now})
                      .ok());
    }
  }
  void TearDown() override { fs::remove_all(root_); }

  // A job for a request the API would accept, checked and resolved as the API does, made at
  // `at`. Requests other than session notes are for `patient` (the patient under test if "").
  std::string request(ExportType type, Json body, std::string_view at, std::string patient = "") {
    clock_.set(at);
    if (type != ExportType::kSessionNotes)
      body["patient_id"] = patient.empty() ? patient_ : patient;
    auto parsed = parse_export_request(type, body);
    EXPECT_TRUE(parsed.ok()) << parsed.error().detail;
    if (!parsed.ok()) return "";
    EXPECT_TRUE(authorize_export_request(db(), caller(), *parsed).ok());
    auto created = JobStore(db(), clock_, audit_key()).create(caller(), *parsed);
    EXPECT_TRUE(created.ok());
    return created.ok() ? (*created)["job_id"].get<std::string>() : "";
  }

  // Has a worker claim `id` (the only job waiting) and store its file at `at`.
  void complete(const std::string& id, std::string_view at) {
    clock_.set(at);
    JobQueue queue(db(), clock_, audit_key());
    auto claimed = queue.claim("w", 10s);
    ASSERT_TRUE(claimed.ok());
    ASSERT_EQ((*claimed)["id"], id);
    ASSERT_TRUE(files_->put(id + ".out", "{}").ok());
    auto completed = queue.complete(id, "w", {id + ".out", 2, "h", {}}, 168h);
    ASSERT_TRUE(completed.ok() && *completed);
  }

  std::string completed(ExportType type, Json body, std::string_view at, std::string patient = "") {
    const std::string id = request(type, std::move(body), at, std::move(patient));
    complete(id, at);
    return id;
  }

  void remove(const std::string& id) {
    JobStore store(db(), clock_, audit_key());
    auto row = store.row(caller(), id);
    ASSERT_TRUE(row.ok());
    ASSERT_TRUE(store.mark_deleted(caller(), *row).ok());
  }

  Json list(std::string_view from, std::string_view to, std::string patient = "") {
    auto listed = list_disclosures(db(), patient.empty() ? patient_ : patient, *parse_date(from),
                                   *parse_date(to));
    EXPECT_TRUE(listed.ok()) << listed.error().detail;
    return listed.ok() ? *listed : Json();
  }

  static std::vector<std::string> ids(const Json& accounting) {
    std::vector<std::string> out;
    for (const auto& e : accounting["entries"]) out.push_back(e["job_id"]);
    return out;
  }

  static Json entry(const Json& accounting, const std::string& job_id) {
    for (const auto& e : accounting["entries"]) {
      if (e["job_id"] == job_id) return e;
    }
    return Json();
  }

  const std::string patient_ = new_uuid();
  const std::string other_patient_ = new_uuid();
  const std::vector<std::string> sessions_ = {new_uuid(), new_uuid()};
  SetClock clock_;
  fs::path root_;
  std::unique_ptr<storage::BlobStore> files_;
};

const Json kRivera = {
    {"name", "Dr. Ana Rivera"}, {"organization", "Lakeside Clinic"}, {"address", "1 Lake St"}};

TEST_P(DisclosuresTest, ListsWhatLeftThePracticeNewestFirstWithItsTerms) {
  const std::string transfer = completed(ExportType::kProgressReport,
                                         {{"format", "pdf"},
                                          {"start_date", "2024-07-01"},
                                          {"end_date", "2024-12-31"},
                                          {"include_sections",
                                           {{"patient_info", false},
                                            {"diagnosis", false},
                                            {"session_summary", false},
                                            {"clinical_observations", false},
                                            {"recommendations", false}}},
                                          {"purpose", "Continuity of care"},
                                          {"recipient", kRivera},
                                          {"redaction", {{"profile", "transfer"}}}},
                                         "2025-01-10T15:00:00.000Z");
  const std::string insurance = completed(ExportType::kInsuranceReport,
                                          {{"format", "json"},
                                           {"start_date", "2024-12-01"},
                                           {"end_date", "2024-12-31"},
                                           {"purpose", "Claim review"}},
                                          "2025-02-01T15:00:00.000Z");
  const std::string inside =
      completed(ExportType::kFullRecord, {{"format", "json"}}, "2025-02-05T15:00:00.000Z");
  const std::string consult = completed(ExportType::kSessionNotes,
                                        {{"format", "pdf"},
                                         {"session_ids", sessions_},
                                         {"options", {{"include_transcript", true}}},
                                         {"purpose", "Consultation"},
                                         {"recipient", {{"name", "Dr. Lee"}}}},
                                        "2025-02-10T15:00:00.000Z");
  const std::string subpoena =
      completed(ExportType::kFullRecord,
                {{"format", "pdf"},
                 {"date_range", {{"start", "2024-01-01"}, {"end", "2024-12-31"}}},
                 {"include_sections", {{"notes", false}}},
                 {"purpose", "Subpoena"},
                 {"recipient", {{"name", "Clerk of Court"}, {"organization", "County Court"}}},
                 {"consent", {{"reference", "C-12"}, {"date", "2025-02-20"}}},
                 {"redaction", {{"profile", "legal"}}}},
                "2025-03-01T03:00:00.000Z");
  remove(subpoena);
  const Json authorization = {
      {"reference", "AUTH-7"}, {"scope", "Outcomes study"}, {"date", "2025-01-02"}};
  const std::string study_authorized = completed(ExportType::kProgressReport,
                                                 {{"format", "json"},
                                                  {"purpose", "Research"},
                                                  {"authorization", authorization},
                                                  {"redaction", {{"profile", "research"}}}},
                                                 "2025-03-05T15:00:00.000Z");
  const std::string study = completed(
      ExportType::kProgressReport,
      {{"format", "json"}, {"purpose", "Research"}, {"redaction", {{"profile", "research"}}}},
      "2025-03-10T15:00:00.000Z");
  const std::string client_copy = completed(ExportType::kFullRecord,
                                            {{"format", "pdf"},
                                             {"purpose", "Client request"},
                                             {"redaction", {{"profile", "client_access"}}}},
                                            "2025-03-12T15:00:00.000Z");
  const Json legal = {{"format", "json"}, {"redaction", {{"profile", "legal"}}}};
  const std::string failed = request(ExportType::kFullRecord, legal, "2025-03-13T15:00:00.000Z");
  JobQueue queue(db(), clock_, audit_key());
  ASSERT_EQ((*queue.claim("w", 10s))["id"], failed);
  ASSERT_TRUE(*queue.fail(failed, "w", "gave up"));
  const std::string withdrawn = request(ExportType::kFullRecord, legal, "2025-03-13T16:00:00.000Z");
  remove(withdrawn);
  const std::string others =
      completed(ExportType::kFullRecord, legal, "2025-03-14T15:00:00.000Z", other_patient_);
  const std::string pending = request(ExportType::kFullRecord, legal, "2025-03-15T15:00:00.000Z");

  // Files expiring take nothing back: the disclosures happened.
  clock_.set("2025-04-01T00:00:00.000Z");
  auto expired = expire_files(db(), *files_, clock_, audit_key());
  ASSERT_TRUE(expired.ok());
  EXPECT_EQ(expired->expired, 8);

  const Json all = list("2025-01-01", "2025-03-31");
  EXPECT_EQ(all["patient_id"], patient_);
  EXPECT_EQ(all["from"], "2025-01-01");
  EXPECT_EQ(all["to"], "2025-03-31");
  EXPECT_EQ(ids(all), (std::vector<std::string>{client_copy, study, study_authorized, subpoena,
                                                consult, insurance, transfer}))
      << "not the treatment export with no recipient (" << inside << "), nor the failed, "
      << "withdrawn, pending or other patient's ones";

  const Json requested_by = {{"id", "u1"}, {"name", "A B"}};
  EXPECT_EQ(entry(all, transfer),
            (Json{{"date", "2025-01-10T15:00:00.000Z"},
                  {"job_id", transfer},
                  {"export_type", "progress_report"},
                  {"format", "pdf"},
                  {"what",
                   "Progress report (PDF), 2024-07-01 to 2024-12-31: treatment goals, "
                   "goal progress, assessments"},
                  {"purpose", "Continuity of care"},
                  {"recipient", kRivera},
                  {"redaction_profile", "transfer"},
                  {"authorization", nullptr},
                  {"consent", nullptr},
                  {"requested_by", requested_by},
                  {"accountable", false}}));
  const Json court = entry(all, subpoena);
  EXPECT_EQ(court["date"], "2025-03-01T03:00:00.000Z");
  EXPECT_EQ(court["what"],
            "Full record (PDF), 2024-01-01 to 2024-12-31: demographics, coverage, diagnoses, "
            "treatment plans, sessions, assessments, timeline");
  EXPECT_EQ(
      court["recipient"],
      (Json{{"name", "Clerk of Court"}, {"organization", "County Court"}, {"address", nullptr}}));
  EXPECT_EQ(court["consent"],
            (Json{{"reference", "C-12"}, {"description", nullptr}, {"date", "2025-02-20"}}));
  EXPECT_EQ(court["redaction_profile"], "legal");
  EXPECT_EQ(court["accountable"], true);

  EXPECT_EQ(entry(all, insurance)["what"], "Insurance report (JSON), 2024-12-01 to 2024-12-31");
  EXPECT_EQ(entry(all, insurance)["redaction_profile"], "insurance") << "the type's default";
  EXPECT_EQ(entry(all, insurance)["recipient"], nullptr);
  EXPECT_EQ(entry(all, consult)["what"], "Session notes (PDF), 2 sessions: transcripts");
  EXPECT_EQ(entry(all, consult)["redaction_profile"], "treatment");
  EXPECT_EQ(entry(all, study_authorized)["authorization"], authorization);
  EXPECT_EQ(entry(all, study)["what"],
            "Progress report (JSON): patient info, diagnosis, treatment goals, goal progress, "
            "assessments, session summary, clinical observations, recommendations");
  std::map<std::string, bool> accountable;
  for (const auto& e : all["entries"]) accountable[e["job_id"]] = e["accountable"];
  EXPECT_EQ(accountable, (std::map<std::string, bool>{{transfer, false},
                                                      {insurance, false},
                                                      {consult, false},
                                                      {subpoena, true},
                                                      {study_authorized, false},
                                                      {study, true},
                                                      {client_copy, false}}));

  EXPECT_EQ(ids(list("2025-03-01", "2025-03-31")),
            (std::vector<std::string>{client_copy, study, study_authorized}))
      << "the subpoena went out on February 28 in Chicago";
  EXPECT_EQ(ids(list("2025-02-01", "2025-02-28")),
            (std::vector<std::string>{subpoena, consult, insurance}));
  EXPECT_EQ(ids(list("2025-01-10", "2025-01-10")), (std::vector<std::string>{transfer}));
  EXPECT_TRUE(list("2025-01-11", "2025-01-31")["entries"].empty());
  EXPECT_EQ(ids(list("2025-01-01", "2025-03-31", other_patient_)),
            (std::vector<std::string>{others}));
  EXPECT_FALSE(pending.empty());
}

TEST_P(DisclosuresTest, TodayIsThePracticesDay) {
  auto today = practice_today(db(), *parse_timestamp("2025-03-01T03:00:00Z"));
  ASSERT_TRUE(today.ok());
  EXPECT_EQ(today->str(), "2025-02-28");
}

DOSSIER_INSTANTIATE_BACKENDS(DisclosuresTest);

std::optional<DisclosurePeriod> period(const Json& query, std::string_view today,
                                       std::vector<FieldProblem>* problems = nullptr) {
  FieldChecker fields(query);
  auto p = parse_disclosure_period(fields, *parse_date(today));
  Status checked = fields.finish();
  if (problems && !checked.ok()) *problems = checked.error().fields;
  EXPECT_EQ(p.has_value(), checked.ok());
  return p;
}

TEST(DisclosurePeriodTest, SixYearsUpToTodayByDefault) {
  auto p = period(Json::object(), "2025-06-15");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->from.str(), "2019-06-15");
  EXPECT_EQ(p->to.str(), "2025-06-15");
  EXPECT_EQ(period(Json::object(), "2024-02-29")->from.str(), "2018-02-28");
  auto given = period({{"from", "2025-01-01"}, {"to", "2025-01-01"}}, "2025-06-15");
  ASSERT_TRUE(given);
  EXPECT_EQ(given->from.str(), "2025-01-01");
  EXPECT_EQ(given->to.str(), "2025-01-01");
}

TEST(DisclosurePeriodTest, BadDatesAndBackwardPeriodsNameTheField) {
  auto problem_of = [](const Json& query) {
    std::vector<FieldProblem> problems;
    EXPECT_FALSE(period(query, "2025-06-15", &problems));
    return problems.size() == 1 ? problems[0].path + ": " + problems[0].problem : "";
  };
  EXPECT_EQ(problem_of({{"from", "2025-02-30"}}), "from: must be a real calendar date YYYY-MM-DD");
  EXPECT_EQ(problem_of({{"to", "June 1"}}), "to: must be a real calendar date YYYY-MM-DD");
  EXPECT_EQ(problem_of({{"from", "2025-03-01"}, {"to", "2025-02-01"}}),
            "to: must not be before from");
  EXPECT_EQ(problem_of({{"from", "2025-07-01"}}), "from: must not be after to (today by default)");
  EXPECT_EQ(problem_of({{"to", "2010-01-01"}}),
            "to: must not be before from (six years before today by default)");
}

TEST(DisclosureRulesTest, AccountableOnlyBeyondTreatmentPaymentTheClientAndAuthorizations) {
  for (const char* exempt : {"treatment", "transfer", "insurance", "client_access"}) {
    EXPECT_FALSE(is_accountable(exempt, false)) << exempt;
  }
  EXPECT_TRUE(is_accountable("legal", false));
  EXPECT_TRUE(is_accountable("research", false));
  EXPECT_FALSE(is_accountable("legal", true));
  EXPECT_FALSE(is_accountable("research", true));
}

}  // namespace
}  // namespace dossier::jobs
