// Resource API: roles, patient visibility, psychotherapy notes, pagination, atomicity.
#include <set>

#include "record/resources_test_fixture.h"

namespace dossier::record::testing {
namespace {

using AccessTest = ResourcesTest;

TEST_F(AccessTest, OtherTherapistsPatientsAreNotFound) {
  seed_patient_and_session();
  EXPECT_EQ(get(*db_, therapist_b_, "patients", pid()).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(get(*db_, therapist_b_, "sessions", sid()).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(update(*db_, therapist_b_, "patients", pid(), {{"city", "Elsewhere"}}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(list(*db_, therapist_b_, "sessions", {.patient_id = pid()}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(create(*db_, therapist_b_, "sessions", session_body(pid())).error().code,
            ErrorCode::kNotFound);
  // Referring to the invisible session says only that it does not exist.
  auto note = create(*db_, therapist_b_, "notes", soap_note_body(sid()));
  EXPECT_TRUE(has_problem(note, "session_id"));
  EXPECT_EQ(ok(list(*db_, therapist_b_, "patients", {}))["items"].size(), 0u);
  EXPECT_EQ(ok(list(*db_, therapist_b_, "sessions", {}))["items"].size(), 0u);
  EXPECT_EQ(ok(list(*db_, therapist_a_, "sessions", {}))["items"].size(), 1u);
  EXPECT_EQ(ok(list(*db_, admin_, "sessions", {}))["items"].size(), 1u);
  EXPECT_EQ(get(*db_, admin_, "sessions", "nonsense").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(get(*db_, admin_, "billing-codes", sid()).error().code, ErrorCode::kNotFound);
}

TEST_F(AccessTest, BillersSeeClaimsDataButNeverNotes) {
  seed_patient_and_session();
  Json note = make(therapist_a_, "notes", soap_note_body(sid()));
  Json plan = make(therapist_a_, "treatment-plans", plan_body(pid()));
  EXPECT_EQ(ok(get(*db_, biller_, "patients", pid()))["id"], pid());
  EXPECT_EQ(ok(get(*db_, biller_, "sessions", sid()))["id"], sid());
  EXPECT_EQ(ok(list(*db_, biller_, "care-team", {.patient_id = pid()}))["items"].size(), 1u);
  EXPECT_EQ(get(*db_, biller_, "notes", note["id"]).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(list(*db_, biller_, "notes", {}).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(create(*db_, biller_, "notes", soap_note_body(sid())).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(get(*db_, biller_, "treatment-plans", plan["id"]).error().code, ErrorCode::kForbidden);
  for (const char* resource : {"goals", "goal-measurements", "assessments", "attachments"}) {
    EXPECT_EQ(list(*db_, biller_, resource, {}).error().code, ErrorCode::kForbidden) << resource;
  }
  EXPECT_EQ(create(*db_, biller_, "patients", patient_body()).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(update(*db_, biller_, "sessions", sid(), {{"fee_cents", 1}}).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(create(*db_, biller_, "diagnoses",
                   {{"patient_id", pid()}, {"icd10_code", "F41.1"}, {"description", "x"}})
                .error()
                .code,
            ErrorCode::kForbidden);
}

TEST_F(AccessTest, PsychotherapyNotesOnlyForTheirAuthorAndAdmins) {
  seed_patient_and_session();
  ok(create(*db_, admin_, "care-team", {{"patient_id", pid()}, {"user_id", kTherapistB}}));
  Json body = soap_note_body(sid());
  body["kind"] = "psychotherapy_note";
  Json private_note = make(therapist_a_, "notes", body);
  Json progress = make(therapist_a_, "notes", soap_note_body(sid()));
  EXPECT_EQ(ok(get(*db_, therapist_a_, "notes", private_note["id"])), private_note);
  EXPECT_EQ(ok(get(*db_, admin_, "notes", private_note["id"])), private_note);
  EXPECT_EQ(get(*db_, therapist_b_, "notes", private_note["id"]).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(
      update(*db_, therapist_b_, "notes", private_note["id"], {{"signed", true}}).error().code,
      ErrorCode::kNotFound);
  EXPECT_EQ(ok(get(*db_, therapist_b_, "notes", progress["id"]))["id"], progress["id"]);
  Json seen_by_b = ok(list(*db_, therapist_b_, "notes", {.session_id = sid()}));
  ASSERT_EQ(seen_by_b["items"].size(), 1u);
  EXPECT_EQ(seen_by_b["items"][0]["id"], progress["id"]);
  EXPECT_EQ(ok(list(*db_, therapist_a_, "notes", {.patient_id = pid()}))["items"].size(), 2u);
  EXPECT_EQ(ok(list(*db_, admin_, "notes", {}))["items"].size(), 2u);
}

TEST_F(AccessTest, PaginatesInIdOrder) {
  seed_patient_and_session();
  std::set<std::string> created;
  for (int i = 0; i < 5; ++i) {
    created.insert(
        make(therapist_a_, "diagnoses",
             {{"patient_id", pid()}, {"icd10_code", "F43.23"}, {"description", "x"}})["id"]);
  }
  std::vector<std::string> seen;
  std::vector<size_t> page_sizes;
  ListQuery q{.patient_id = pid(), .limit = 2};
  for (int guard = 0; guard < 10; ++guard) {
    Json page = ok(list(*db_, therapist_a_, "diagnoses", q));
    page_sizes.push_back(page["items"].size());
    for (const auto& item : page["items"]) seen.push_back(item["id"]);
    if (page["next_cursor"].is_null()) break;
    EXPECT_EQ(page["next_cursor"], page["items"].back()["id"]);
    q.cursor = page["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(page_sizes, (std::vector<size_t>{2, 2, 1}));
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), created);
  Json exact = ok(list(*db_, therapist_a_, "diagnoses", {.patient_id = pid(), .limit = 5}));
  EXPECT_EQ(exact["items"].size(), 5u);
  EXPECT_TRUE(exact["next_cursor"].is_null());
}

TEST_F(AccessTest, BadQueriesNameTheirParameter) {
  seed_patient_and_session();
  EXPECT_TRUE(has_problem(list(*db_, admin_, "sessions", {.limit = 0}), "limit"));
  EXPECT_TRUE(has_problem(list(*db_, admin_, "sessions", {.limit = 201}), "limit"));
  EXPECT_TRUE(has_problem(list(*db_, admin_, "sessions", {.cursor = "page2"}), "cursor"));
  EXPECT_TRUE(has_problem(list(*db_, admin_, "sessions", {.goal_id = sid()}), "goal_id"));
  EXPECT_TRUE(has_problem(list(*db_, admin_, "users", {.patient_id = pid()}), "patient_id"));
  EXPECT_TRUE(has_problem(list(*db_, admin_, "notes", {.session_id = "x"}), "session_id"));
  EXPECT_EQ(ok(list(*db_, admin_, "sessions", {.limit = 200}))["items"].size(), 1u);
  EXPECT_EQ(ok(list(*db_, admin_, "patients", {.patient_id = pid()}))["items"].size(), 1u);
}

TEST_F(AccessTest, NothingIsHalfSaved) {
  // The patient row is written before the care-team row; when the second write fails (the
  // caller is no user of this practice), the first is rolled back with it.
  auth::Caller ghost{"01900000-0000-7000-8000-00000000dead", auth::Role::kTherapist, {}, {}};
  auto r = create(*db_, ghost, "patients", patient_body());
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(count("patients"), 0);
  EXPECT_EQ(count("care_team"), 0);
  // A diagnosis whose side effect runs fine commits both writes together.
  seed_patient_and_session();
  make(
      therapist_a_, "diagnoses",
      {{"patient_id", pid()}, {"icd10_code", "F41.1"}, {"description", "x"}, {"is_primary", true}});
  auto bad = update(*db_, therapist_a_, "sessions", sid(),
                    {{"fee_cents", 999}, {"cpt_code", "90832"}});  // 53 min is no 90832
  EXPECT_TRUE(has_problem(bad, "cpt_code"));
  EXPECT_EQ(ok(get(*db_, therapist_a_, "sessions", sid()))["fee_cents"], 15000);
}

}  // namespace
}  // namespace dossier::record::testing
