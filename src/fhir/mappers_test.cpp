#include <gtest/gtest.h>

#include "core/base64.h"
#include "fhir/assessments.h"
#include "fhir/clinical.h"
#include "fhir/notes.h"
#include "fhir/people.h"

namespace dossier::fhir {
namespace {

const char* kPatient = "0190a1b2-0000-7000-8000-000000000001";
const char* kTherapist = "0190a1b2-0000-7000-8000-000000000002";
const char* kSession = "0190a1b2-0000-7000-8000-000000000003";

TEST(FhirIds, RecordIdsPassThroughAndOthersAreMadeValid) {
  EXPECT_EQ(fhir_id(kPatient), kPatient);
  EXPECT_EQ(fhir_id(kPatient, "role-"), std::string("role-") + kPatient);
  EXPECT_EQ(fhir_id("a b/c_d"), "a-b-c-d");
  EXPECT_EQ(fhir_id(std::string(80, 'x')).size(), 64u);
  EXPECT_EQ(fhir_id(""), "unknown");
}

TEST(FhirPeople, PatientHasNamesIdentifiersAndContact) {
  const Json row = {{"id", kPatient},
                    {"mrn", "MRN-0001"},
                    {"given_name", "Ada"},
                    {"middle_name", "B"},
                    {"family_name", "Quill"},
                    {"preferred_name", "Addy"},
                    {"birth_date", "1990-04-02"},
                    {"sex", "female"},
                    {"address_line1", "1 Test Way"},
                    {"city", "Springfield"},
                    {"state", "OR"},
                    {"postal_code", "97477"},
                    {"phone", "555-0100"},
                    {"email", nullptr},
                    {"emergency_contact_name", "Bo Quill"},
                    {"emergency_contact_relationship", "brother"},
                    {"status", "active"}};
  const Json p = map_patient(row, kPatient);
  EXPECT_EQ(p["resourceType"], "Patient");
  EXPECT_EQ(p["id"], kPatient);
  EXPECT_EQ(p["identifier"][0]["value"], "MRN-0001");
  EXPECT_EQ(p["identifier"][0]["type"]["coding"][0]["code"], "MR");
  EXPECT_EQ(p["name"][0]["family"], "Quill");
  EXPECT_EQ(p["name"][0]["given"], Json::array({"Ada", "B"}));
  EXPECT_EQ(p["name"][1]["use"], "usual");
  EXPECT_EQ(p["gender"], "female");
  EXPECT_EQ(p["birthDate"], "1990-04-02");
  EXPECT_EQ(p["address"][0]["postalCode"], "97477");
  EXPECT_EQ(p["telecom"].size(), 1u);  // no e-mail
  EXPECT_EQ(p["contact"][0]["name"]["text"], "Bo Quill");
  EXPECT_TRUE(p["active"].get<bool>());
}

TEST(FhirPeople, ReportPatientWithOnlyANameAndARedactedBirthYear) {
  const Json p = map_patient({{"name", "Ada Quill"}, {"birth_date", "1990"}}, kPatient);
  EXPECT_EQ(p["name"][0]["family"], "Quill");
  EXPECT_EQ(p["name"][0]["given"][0], "Ada");
  EXPECT_EQ(p["birthDate"], "1990");
  EXPECT_EQ(p["gender"], "unknown");
}

TEST(FhirPeople, FieldsRedactedAsAWholeAreLeftOut) {
  const Json p = map_patient({{"given_name", "Ada"},
                              {"family_name", "Quill"},
                              {"email", "[REDACTED:email]"},
                              {"phone", "555-0100"},
                              {"emergency_contact_name", "[REDACTED:contact_name]"}},
                             kPatient);
  EXPECT_EQ(p["telecom"],
            Json::array({{{"system", "phone"}, {"value", "555-0100"}, {"use", "home"}}}));
  EXPECT_FALSE(p.contains("contact"));
}

TEST(FhirPeople, PractitionerRoleAndOrganizationCarryNpis) {
  const Json user = {{"id", kTherapist},      {"given_name", "Cy"},      {"family_name", "Ng"},
                     {"credentials", "LCSW"}, {"npi", "1234567893"},     {"license_number", "L-1"},
                     {"license_state", "OR"}, {"taxonomy", "1041C0700X"}};
  const Json pr = map_practitioner(user);
  EXPECT_EQ(pr["identifier"][0]["system"], "http://hl7.org/fhir/sid/us-npi");
  EXPECT_EQ(pr["identifier"][0]["value"], "1234567893");
  EXPECT_EQ(pr["name"][0]["suffix"][0], "LCSW");
  const Json role =
      map_practitioner_role(user, "practice-1", [](const std::string&) { return false; });
  EXPECT_EQ(role["practitioner"]["reference"], std::string("Practitioner/") + kTherapist);
  EXPECT_FALSE(role.contains("organization"));  // it would not resolve
  const Json org = map_organization({{"id", "practice-1"},
                                     {"name", "Calm Waters"},
                                     {"npi", "1234567893"},
                                     {"tax_id", "12-3456789"}});
  EXPECT_EQ(org["identifier"][0]["system"], "http://hl7.org/fhir/sid/us-npi");
  EXPECT_EQ(org["identifier"][1]["value"], "12-3456789");
}

TEST(FhirClinical, TelehealthSessionIsAVirtualEncounterWithItsCpt) {
  const Json s = {{"id", kSession},
                  {"therapist_id", kTherapist},
                  {"start_time", "2025-03-04T15:00:00Z"},
                  {"end_time", "2025-03-04T15:53:00Z"},
                  {"duration_minutes", 53},
                  {"cpt_code", "90837"},
                  {"telehealth", true},
                  {"status", "kept"}};
  const Json e = map_encounter(s, kPatient, "practice-1");
  EXPECT_EQ(e["class"]["code"], "VR");
  EXPECT_EQ(e["class"]["system"], "http://terminology.hl7.org/CodeSystem/v3-ActCode");
  EXPECT_EQ(e["type"][0]["coding"][0]["system"], "http://www.ama-assn.org/go/cpt");
  EXPECT_EQ(e["type"][0]["coding"][0]["code"], "90837");
  EXPECT_EQ(e["status"], "finished");
  EXPECT_EQ(e["length"]["value"], 53);
  EXPECT_EQ(e["participant"][0]["individual"]["reference"],
            std::string("Practitioner/") + kTherapist);
  const Json office = map_encounter(
      {{"id", kSession}, {"telehealth", false}, {"status", "no_show"}}, kPatient, "practice-1");
  EXPECT_EQ(office["class"]["code"], "AMB");
  EXPECT_EQ(office["status"], "cancelled");
}

TEST(FhirClinical, ConditionFromARowAndFromAReport) {
  const Json row = map_condition({{"id", "d-1"},
                                  {"icd10_code", "F41.1"},
                                  {"description", "Generalized anxiety disorder"},
                                  {"status", "resolved"},
                                  {"onset_date", "2024-11-02"}},
                                 kPatient);
  EXPECT_EQ(row["id"], "d-1");
  EXPECT_EQ(row["code"]["coding"][0]["system"], "http://hl7.org/fhir/sid/icd-10-cm");
  EXPECT_EQ(row["code"]["coding"][0]["code"], "F41.1");
  EXPECT_EQ(row["clinicalStatus"]["coding"][0]["code"], "resolved");
  EXPECT_EQ(row["category"][0]["coding"][0]["system"],
            "http://terminology.hl7.org/CodeSystem/condition-category");
  const Json report = map_condition({{"code", "F43.23"}}, kPatient);
  EXPECT_EQ(report["id"], std::string(kPatient) + "-F43.23");
  EXPECT_EQ(report["clinicalStatus"]["coding"][0]["code"], "active");
}

TEST(FhirClinical, GoalStatusesAndTarget) {
  const Json g = map_goal({{"id", "g-1"},
                           {"description", "Sleep 7 hours"},
                           {"measure", "hours of sleep"},
                           {"baseline", 4.5},
                           {"target", 7},
                           {"current", 6},
                           {"progress_percentage", 60},
                           {"status", "in_progress"},
                           {"due_date", "2025-09-01"}},
                          kPatient);
  EXPECT_EQ(g["lifecycleStatus"], "active");
  EXPECT_EQ(g["achievementStatus"]["coding"][0]["code"], "improving");
  EXPECT_EQ(g["achievementStatus"]["coding"][0]["system"],
            "http://terminology.hl7.org/CodeSystem/goal-achievement");
  EXPECT_EQ(g["target"][0]["measure"]["text"], "hours of sleep");
  EXPECT_EQ(g["target"][0]["detailQuantity"]["value"], 7);
  EXPECT_EQ(g["target"][0]["dueDate"], "2025-09-01");
  EXPECT_EQ(g["note"][0]["text"], "Baseline 4.5; current 6");
  const Json done = map_goal({{"id", "g-2"}, {"status", "achieved"}}, kPatient);
  EXPECT_EQ(done["lifecycleStatus"], "completed");
  EXPECT_EQ(done["achievementStatus"]["coding"][0]["code"], "achieved");
}

TEST(FhirClinical, CarePlanListsGoalsAndInterventions) {
  const Json plan = {{"id", "p-1"},
                     {"therapist_id", kTherapist},
                     {"problem", "Worry"},
                     {"modality", "CBT"},
                     {"interventions", {"Cognitive restructuring"}},
                     {"start_date", "2025-01-10"},
                     {"status", "active"}};
  const Json c = map_care_plan(plan, kPatient, Json::array({"g-1"}));
  EXPECT_EQ(c["status"], "active");
  EXPECT_EQ(c["intent"], "plan");
  EXPECT_EQ(c["goal"][0]["reference"], "Goal/g-1");
  EXPECT_EQ(c["activity"][0]["detail"]["status"], "in-progress");
  EXPECT_NE(c["text"]["div"].get<std::string>().find("Cognitive restructuring"), std::string::npos);
}

TEST(FhirClinical, CoverageNamesItsPayer) {
  const Json row = {{"id", "c-1"},
                    {"payer_name", "Acme Health"},
                    {"payer_id", "60054"},
                    {"member_id", "W123"},
                    {"group_number", "G9"},
                    {"plan_name", "PPO"},
                    {"subscriber_relationship", "self"},
                    {"priority", "primary"}};
  const Json c = map_coverage(row, kPatient);
  const Json payer = map_payer(row);
  EXPECT_EQ(c["payor"][0]["reference"], "Organization/" + payer["id"].get<std::string>());
  EXPECT_EQ(c["subscriberId"], "W123");
  EXPECT_EQ(c["relationship"]["coding"][0]["code"], "self");
  EXPECT_EQ(c["class"][0]["value"], "G9");
  EXPECT_EQ(c["order"], 1);
  EXPECT_EQ(payer["name"], "Acme Health");
}

TEST(FhirAssessments, Phq9ScoreAndItems) {
  const Json a = {{"id", "a-1"},
                  {"session_id", kSession},
                  {"instrument", "PHQ-9"},
                  {"administered_on", "2025-03-04"},
                  {"item_answers", {1, 2, 1, 1, 0, 2, 1, 0, 1}},
                  {"total_score", 9},
                  {"severity", "mild"}};
  const Json obs = map_score_observation(a, kPatient);
  EXPECT_EQ(obs["code"]["coding"][0]["system"], "http://loinc.org");
  EXPECT_EQ(obs["code"]["coding"][0]["code"], "44261-6");
  EXPECT_EQ(obs["category"][0]["coding"][0]["code"], "survey");
  EXPECT_EQ(obs["valueQuantity"]["value"], 9);
  EXPECT_EQ(obs["interpretation"][0]["text"], "Mild");
  EXPECT_EQ(obs["derivedFrom"][0]["reference"], "QuestionnaireResponse/qr-a-1");
  EXPECT_EQ(obs["encounter"]["reference"], std::string("Encounter/") + kSession);
  const Json qr = map_questionnaire_response(a, kPatient);
  EXPECT_EQ(qr["questionnaire"], "http://loinc.org/q/44249-1");
  ASSERT_EQ(qr["item"].size(), 10u);
  EXPECT_EQ(qr["item"][1]["answer"][0]["valueInteger"], 2);
  EXPECT_EQ(qr["item"][9]["linkId"], "44261-6");
  const Json gad = map_score_observation(
      {{"id", "a-2"}, {"instrument", "GAD-7"}, {"total_score", 16}, {"severity", "severe"}},
      kPatient, [](const std::string&) { return false; });
  EXPECT_EQ(gad["code"]["coding"][0]["code"], "70274-6");
  EXPECT_FALSE(gad.contains("derivedFrom"));
}

TEST(FhirNotes, SoapNoteIsACompositionWithLoincSections) {
  const Json note = {{"id", "n-1"},
                     {"session_id", kSession},
                     {"author_id", kTherapist},
                     {"kind", "progress_note"},
                     {"format", "soap"},
                     {"sections",
                      {{"subjective", "Slept better."},
                       {"objective", "Calm."},
                       {"assessment", "Improving."},
                       {"plan", "Continue CBT."}}},
                     {"signed_by", kTherapist},
                     {"signed_at", "2025-03-04T16:00:00Z"}};
  const Json c = map_note(note, note_links(note, {.patient_id = kPatient}));
  EXPECT_EQ(c["resourceType"], "Composition");
  EXPECT_EQ(c["status"], "final");
  ASSERT_EQ(c["section"].size(), 4u);
  EXPECT_EQ(c["section"][0]["code"]["coding"][0]["code"], "61150-9");
  EXPECT_EQ(c["section"][1]["code"]["coding"][0]["code"], "61149-1");
  EXPECT_EQ(c["section"][2]["code"]["coding"][0]["code"], "51848-0");
  EXPECT_EQ(c["section"][3]["code"]["coding"][0]["code"], "18776-5");
  EXPECT_EQ(c["attester"][0]["party"]["reference"], std::string("Practitioner/") + kTherapist);
}

TEST(FhirNotes, OtherNotesAreDocumentReferencesWithTheirText) {
  const Json note = {{"id", "n-2"},
                     {"kind", "psychotherapy_note"},
                     {"format", "free"},
                     {"sections", {{"text", "Private <thoughts> & more"}}},
                     {"created_at", "2025-03-04T16:00:00Z"}};
  const Json d =
      map_note(note, {kPatient, kSession, kTherapist, "practice-1", ""},
               [](const std::string& ref) { return ref.rfind("Practitioner/", 0) == 0; });
  EXPECT_EQ(d["resourceType"], "DocumentReference");
  EXPECT_EQ(d["docStatus"], "preliminary");
  EXPECT_EQ(d["category"][0]["coding"][0]["code"], "clinical-note");
  EXPECT_EQ(d["type"]["coding"][0]["code"], "34904-3");
  EXPECT_EQ(d["date"], "2025-03-04T16:00:00Z");
  EXPECT_FALSE(d.contains("context"));  // the encounter is not in the Bundle
  const auto text = base64_decode(d["content"][0]["attachment"]["data"].get<std::string>());
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ(std::string(text->begin(), text->end()), "Note: Private <thoughts> & more");
  EXPECT_EQ(d["meta"]["security"][0]["code"], "PSYTHPN");
}

TEST(FhirNotes, NarrativeEscapesMarkup) {
  const Json n = narrative("a < b & c\nnext");
  EXPECT_EQ(n["div"],
            "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>a &lt; b &amp; c</p><p>next</p></div>");
}

}  // namespace
}  // namespace dossier::fhir
