// Resource API: sessions, notes, treatment plans and goals, assessments, diagnoses.
#include "record/resources_test_fixture.h"

namespace dossier::record::testing {
namespace {

using SessionsTest = ResourcesTest;

TEST_F(SessionsTest, DerivesDurationTelehealthAndTherapist) {
  seed_patient_and_session();
  EXPECT_EQ(session_["duration_minutes"], 53);
  EXPECT_EQ(session_["telehealth"], false);
  EXPECT_EQ(session_["therapist_id"], kTherapistA);
  EXPECT_EQ(session_["modifiers"], Json::array());
  EXPECT_EQ(ok(get(*db_, therapist_a_, "sessions", sid())), session_);

  Json body = session_body(pid());
  body["start_time"] = "2024-03-10T09:00:00-05:00";  // stored as UTC
  body["end_time"] = "2024-03-10T09:45:00-05:00";
  body["cpt_code"] = "90834";
  body["place_of_service"] = "10";
  body["modifiers"] = {"95"};
  Json tele = make(therapist_a_, "sessions", body);
  EXPECT_EQ(tele["start_time"], "2024-03-10T14:00:00.000Z");
  EXPECT_EQ(tele["duration_minutes"], 45);
  EXPECT_EQ(tele["telehealth"], true);
  EXPECT_EQ(tele["modifiers"], Json::array({"95"}));
}

TEST_F(SessionsTest, RejectsInconsistentTimesCodesAndPlaces) {
  seed_patient_and_session();
  Json body = session_body(pid());
  body["duration_minutes"] = 60;
  body["place_of_service"] = "02";
  body["telehealth"] = false;
  body["modifiers"] = {"95", "toolong"};
  body["fee_cents"] = -1;
  body["amount_paid_cents"] = 1.5;
  body["status"] = "attended";
  auto r = create(*db_, therapist_a_, "sessions", body);
  for (const char* path : {"duration_minutes", "telehealth", "modifiers.1", "fee_cents",
                           "amount_paid_cents", "status"}) {
    EXPECT_TRUE(has_problem(r, path)) << path;
  }
  body = session_body(pid());
  body["end_time"] = body["start_time"];
  EXPECT_TRUE(has_problem(create(*db_, therapist_a_, "sessions", body), "end_time"));
  body = session_body(pid());
  body["end_time"] = "2024-03-10T14:50:00Z";  // 50 minutes is a 90834, not a 90837
  EXPECT_TRUE(has_problem(create(*db_, therapist_a_, "sessions", body), "cpt_code"));
  body["cpt_code"] = "9083";
  body["start_time"] = "2024-03-10 14:00";
  auto bad_format = create(*db_, therapist_a_, "sessions", body);
  EXPECT_TRUE(has_problem(bad_format, "cpt_code"));
  EXPECT_TRUE(has_problem(bad_format, "start_time"));
  body = session_body(pid());
  body["place_of_service"] = "11";
  body["telehealth"] = true;
  EXPECT_TRUE(has_problem(create(*db_, therapist_a_, "sessions", body), "telehealth"));
  body = session_body(pid());
  body.erase("therapist_id");
  EXPECT_TRUE(has_problem(create(*db_, admin_, "sessions", body), "therapist_id"));
  body["therapist_id"] = kBiller;
  EXPECT_TRUE(has_problem(create(*db_, admin_, "sessions", body), "therapist_id"));
  EXPECT_EQ(count("sessions"), 1);
}

TEST_F(SessionsTest, UpdateRechecksTheMergedSession) {
  seed_patient_and_session();
  // Shortening the session re-derives the duration, which no longer fits 90837.
  auto r = update(*db_, therapist_a_, "sessions", sid(), {{"end_time", "2024-03-10T14:45:00Z"}});
  EXPECT_TRUE(has_problem(r, "cpt_code"));
  Json changed = ok(update(*db_, therapist_a_, "sessions", sid(),
                           {{"end_time", "2024-03-10T14:45:00Z"}, {"cpt_code", "90834"}}));
  EXPECT_EQ(changed["duration_minutes"], 45);
  EXPECT_EQ(changed["cpt_code"], "90834");
  changed = ok(update(*db_, therapist_a_, "sessions", sid(), {{"place_of_service", "02"}}));
  EXPECT_EQ(changed["telehealth"], true);
  EXPECT_TRUE(has_problem(update(*db_, therapist_a_, "sessions", sid(),
                                 {{"patient_id", "01900000-0000-7000-8000-000000000999"}}),
                          "patient_id"));
}

using NotesTest = ResourcesTest;

TEST_F(NotesTest, CreateDerivesPatientAndAuthor) {
  seed_patient_and_session();
  Json body = soap_note_body(sid());
  body["action_items"] = {"Sleep diary", "Breathing practice"};
  Json note = make(therapist_a_, "notes", body);
  EXPECT_EQ(note["patient_id"], pid());
  EXPECT_EQ(note["author_id"], kTherapistA);
  EXPECT_EQ(note["sections"]["plan"], "Continue weekly.");
  EXPECT_EQ(note["action_items"].size(), 2u);
  EXPECT_EQ(note["ai_drafted"], false);
  EXPECT_TRUE(note["signed_at"].is_null());
  EXPECT_FALSE(note.contains("signed"));
  EXPECT_EQ(ok(get(*db_, therapist_a_, "notes", note["id"])), note);
}

TEST_F(NotesTest, SectionsMustMatchTheFormat) {
  seed_patient_and_session();
  Json body = soap_note_body(sid());
  body["sections"].erase("plan");
  body["sections"]["mood"] = "ok";
  body["sections"]["objective"] = 5;
  body["action_items"] = {"ok", 3};
  body["kind"] = "diary";
  auto r = create(*db_, therapist_a_, "notes", body);
  for (const char* path :
       {"sections.plan", "sections.mood", "sections.objective", "action_items.1", "kind"}) {
    EXPECT_TRUE(has_problem(r, path)) << path;
  }
  for (const auto& [format, keys] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"dap", {"data", "assessment", "plan"}},
           {"birp", {"behavior", "intervention", "response", "plan"}},
           {"free", {"text"}}}) {
    Json sections = Json::object();
    for (const auto& k : keys) sections[k] = "synthetic " + k;
    body = soap_note_body(sid());
    body["format"] = format;
    body["sections"] = sections;
    EXPECT_EQ(make(therapist_a_, "notes", body)["sections"], sections) << format;
  }
  // Changing the format without new sections leaves the stored SOAP sections unmatched.
  Json note = make(therapist_a_, "notes", soap_note_body(sid()));
  auto changed = update(*db_, therapist_a_, "notes", note["id"], {{"format", "free"}});
  EXPECT_TRUE(has_problem(changed, "sections.text"));
  EXPECT_TRUE(has_problem(changed, "sections.subjective"));
}

TEST_F(NotesTest, SessionMustBelongToThePatient) {
  seed_patient_and_session();
  Json other = make(therapist_a_, "patients", patient_body());
  Json body = soap_note_body(sid());
  body["patient_id"] = other["id"];
  EXPECT_TRUE(has_problem(create(*db_, therapist_a_, "notes", body), "session_id"));
  body = soap_note_body("01900000-0000-7000-8000-000000000999");
  EXPECT_TRUE(has_problem(create(*db_, therapist_a_, "notes", body), "session_id"));
  body = soap_note_body(sid());
  body["author_id"] = kTherapistB;
  EXPECT_TRUE(has_problem(create(*db_, therapist_a_, "notes", body), "author_id"));
  EXPECT_EQ(count("session_notes"), 0);
}

TEST_F(NotesTest, SigningLocksTheNote) {
  seed_patient_and_session();
  ok(create(*db_, admin_, "care-team", {{"patient_id", pid()}, {"user_id", kTherapistB}}));
  Json note = make(therapist_a_, "notes", soap_note_body(sid()));
  const std::string id = note["id"];
  EXPECT_EQ(update(*db_, therapist_b_, "notes", id, {{"signed", true}}).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(update(*db_, therapist_b_, "notes", id, {{"transcript", "x"}}).error().code,
            ErrorCode::kForbidden);
  EXPECT_TRUE(has_problem(update(*db_, therapist_a_, "notes", id, {{"signed", false}}), "signed"));
  // A patch that signs and breaks a section saves neither.
  Json bad = {{"signed", true}, {"sections", {{"subjective", "only one"}}}};
  EXPECT_EQ(update(*db_, therapist_a_, "notes", id, bad).error().code, ErrorCode::kValidation);
  EXPECT_TRUE(ok(get(*db_, therapist_a_, "notes", id))["signed_at"].is_null());

  Json signed_note = ok(update(*db_, therapist_a_, "notes", id, {{"signed", true}}));
  EXPECT_EQ(signed_note["signed_by"], kTherapistA);
  EXPECT_TRUE(signed_note["signed_at"].is_string());
  EXPECT_EQ(signed_note["sections"], note["sections"]);
  for (const auto& who : {therapist_a_, admin_}) {
    auto locked = update(*db_, who, "notes", id, {{"transcript", "late edit"}});
    ASSERT_FALSE(locked.ok());
    EXPECT_EQ(locked.error().code, ErrorCode::kConflict);
    EXPECT_EQ(locked.error().detail, "a signed note cannot be changed");
  }
  EXPECT_EQ(update(*db_, therapist_a_, "notes", id, {{"signed", true}}).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(update(*db_, admin_, "notes", id, {{"signed_at", nullptr}}).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(ok(get(*db_, therapist_a_, "notes", id))["signed_at"], signed_note["signed_at"]);
}

TEST_F(NotesTest, AdminMaySignAndCreateSigned) {
  seed_patient_and_session();
  Json body = soap_note_body(sid());
  body["signed"] = true;
  Json note = make(therapist_a_, "notes", body);
  EXPECT_EQ(note["signed_by"], kTherapistA);
  Json other = make(therapist_a_, "notes", soap_note_body(sid()));
  EXPECT_EQ(ok(update(*db_, admin_, "notes", other["id"], {{"signed", true}}))["signed_by"],
            kAdmin);
}

using PlansTest = ResourcesTest;

TEST_F(PlansTest, GoalsAndMeasurementsFollowTheirPlansPatient) {
  seed_patient_and_session();
  Json plan = make(therapist_a_, "treatment-plans", plan_body(pid()));
  EXPECT_EQ(plan["therapist_id"], kTherapistA);
  EXPECT_EQ(plan["status"], "active");
  EXPECT_EQ(plan["interventions"], Json::array({"CBT", "relaxation training"}));
  Json goal = make(therapist_a_, "goals", goal_body(plan["id"]));
  EXPECT_EQ(goal["patient_id"], pid());
  EXPECT_EQ(goal["baseline_value"], 15.0);
  EXPECT_EQ(goal["status"], "in_progress");
  Json m = make(therapist_a_, "goal-measurements",
                {{"goal_id", goal["id"]}, {"measured_on", "2024-02-01"}, {"value", 11.5}});
  EXPECT_EQ(m["patient_id"], pid());
  EXPECT_EQ(m["value"], 11.5);
  Json listed =
      ok(list(*db_, therapist_a_, "goal-measurements", {.goal_id = goal["id"].get<std::string>()}));
  ASSERT_EQ(listed["items"].size(), 1u);
  EXPECT_EQ(listed["items"][0], m);
}

TEST_F(PlansTest, RejectsMismatchesAndBadNumbers) {
  seed_patient_and_session();
  Json plan_body_bad = plan_body(pid());
  plan_body_bad["review_date"] = "2023-12-01";
  plan_body_bad["interventions"] = "CBT";
  auto r = create(*db_, therapist_a_, "treatment-plans", plan_body_bad);
  EXPECT_TRUE(has_problem(r, "review_date"));
  EXPECT_TRUE(has_problem(r, "interventions"));
  Json plan = make(therapist_a_, "treatment-plans", plan_body(pid()));
  Json other = make(therapist_a_, "patients", patient_body());
  Json goal = goal_body(plan["id"]);
  goal["patient_id"] = other["id"];
  goal["baseline_value"] = "15";
  auto g = create(*db_, therapist_a_, "goals", goal);
  EXPECT_TRUE(has_problem(g, "treatment_plan_id"));
  EXPECT_TRUE(has_problem(g, "baseline_value"));
  auto m = create(*db_, therapist_a_, "goal-measurements",
                  {{"goal_id", "01900000-0000-7000-8000-000000000999"},
                   {"measured_on", "2999-01-01"},
                   {"value", 1}});
  EXPECT_TRUE(has_problem(m, "goal_id"));
  EXPECT_TRUE(has_problem(m, "measured_on"));
  EXPECT_EQ(count("goals") + count("goal_measurements"), 0);
}

using AssessmentsTest = ResourcesTest;

TEST_F(AssessmentsTest, ScoresAndBandsAreComputed) {
  seed_patient_and_session();
  Json phq = make(therapist_a_, "assessments",
                  {{"session_id", sid()},
                   {"instrument", "PHQ-9"},
                   {"administered_on", "2024-03-10"},
                   {"item_answers", {2, 2, 2, 2, 2, 2, 2, 1, 1}}});
  EXPECT_EQ(phq["patient_id"], pid());
  EXPECT_EQ(phq["total_score"], 16);
  EXPECT_EQ(phq["severity"], "moderately_severe");
  Json gad = make(therapist_a_, "assessments",
                  {{"patient_id", pid()},
                   {"instrument", "GAD-7"},
                   {"administered_on", "2024-03-10"},
                   {"item_answers", {3, 3, 3, 3, 3, 0, 0}},
                   {"total_score", 15}});
  EXPECT_EQ(gad["severity"], "severe");
  Json rescored = ok(update(*db_, therapist_a_, "assessments", gad["id"],
                            {{"item_answers", {1, 1, 1, 1, 1, 0, 0}}}));
  EXPECT_EQ(rescored["total_score"], 5);
  EXPECT_EQ(rescored["severity"], "mild");
}

TEST_F(AssessmentsTest, RejectsWrongShapesAndTotals) {
  seed_patient_and_session();
  Json body = {{"patient_id", pid()},
               {"instrument", "GAD-7"},
               {"administered_on", "2024-03-10"},
               {"item_answers", {1, 1, 1, 1, 1, 1, 1, 1, 1}},
               {"severity", "mild"}};
  auto r = create(*db_, therapist_a_, "assessments", body);
  EXPECT_TRUE(has_problem(r, "item_answers"));
  EXPECT_TRUE(has_problem(r, "severity"));
  body.erase("severity");
  body["item_answers"] = {1, 1, 4, 1, 1, -1, "1"};
  r = create(*db_, therapist_a_, "assessments", body);
  EXPECT_TRUE(has_problem(r, "item_answers.2"));
  EXPECT_TRUE(has_problem(r, "item_answers.5"));
  EXPECT_TRUE(has_problem(r, "item_answers.6"));
  body["item_answers"] = {1, 1, 1, 1, 1, 1, 1};
  body["total_score"] = 8;
  EXPECT_TRUE(has_problem(create(*db_, therapist_a_, "assessments", body), "total_score"));
  body.erase("total_score");
  body.erase("patient_id");
  EXPECT_TRUE(has_problem(create(*db_, therapist_a_, "assessments", body), "patient_id"));
  Json other = make(therapist_a_, "patients", patient_body());
  body["patient_id"] = other["id"];
  body["session_id"] = sid();
  EXPECT_TRUE(has_problem(create(*db_, therapist_a_, "assessments", body), "session_id"));
  EXPECT_EQ(count("assessments"), 0);
}

using DiagnosesTest = ResourcesTest;

TEST_F(DiagnosesTest, NewPrimaryReplacesTheOldOne) {
  seed_patient_and_session();
  Json first = make(therapist_a_, "diagnoses",
                    {{"patient_id", pid()},
                     {"icd10_code", "F41.1"},
                     {"description", "Generalized anxiety disorder"},
                     {"is_primary", true}});
  Json second = make(therapist_a_, "diagnoses",
                     {{"patient_id", pid()},
                      {"icd10_code", "F32.A"},
                      {"description", "Depression, unspecified"},
                      {"is_primary", true}});
  EXPECT_EQ(second["is_primary"], true);
  EXPECT_EQ(ok(get(*db_, therapist_a_, "diagnoses", first["id"]))["is_primary"], false);
  ok(update(*db_, therapist_a_, "diagnoses", first["id"], {{"is_primary", true}}));
  EXPECT_EQ(ok(get(*db_, therapist_a_, "diagnoses", second["id"]))["is_primary"], false);
  EXPECT_EQ(ok(get(*db_, therapist_a_, "patients", pid()))["substance_use_sensitive"], false);
}

TEST_F(DiagnosesTest, SubstanceUseCodeFlagsThePatientAndCodesAreChecked) {
  seed_patient_and_session();
  make(therapist_a_, "diagnoses",
       {{"patient_id", pid()}, {"icd10_code", "F10.20"}, {"description", "Alcohol use disorder"}});
  EXPECT_EQ(ok(get(*db_, therapist_a_, "patients", pid()))["substance_use_sensitive"], true);
  for (const char* bad : {"f41.1", "F41.12345", "41.1", "F4"}) {
    auto r = create(*db_, therapist_a_, "diagnoses",
                    {{"patient_id", pid()}, {"icd10_code", bad}, {"description", "x"}});
    EXPECT_TRUE(has_problem(r, "icd10_code")) << bad;
  }
  auto r = create(*db_, therapist_a_, "diagnoses",
                  {{"patient_id", pid()},
                   {"icd10_code", "Z63.0"},
                   {"description", "x"},
                   {"status", "cured"},
                   {"onset_date", "2024-02-30"}});
  EXPECT_TRUE(has_problem(r, "status"));
  EXPECT_TRUE(has_problem(r, "onset_date"));
}

}  // namespace
}  // namespace dossier::record::testing
