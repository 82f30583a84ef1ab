#include <gtest/gtest.h>

#include <set>

#include "fhir/bundle.h"
#include "fhir/export_bundle.h"

namespace dossier::fhir {
namespace {

const char* kPatient = "0190a1b2-0000-7000-8000-000000000001";
const char* kTherapist = "0190a1b2-0000-7000-8000-000000000002";
const char* kSession = "0190a1b2-0000-7000-8000-000000000003";
const char* kJob = "0190a1b2-0000-7000-8000-0000000000aa";
const char* kNotice = "42 CFR part 2 prohibits unauthorized use or disclosure of these records.";

Json header(const char* type) {
  return {{"job_id", kJob},
          {"export_type", type},
          {"generated_at", "2025-06-01T12:00:00.000Z"},
          {"parameters", {{"patient_id", kPatient}}}};
}

Json clinician() {
  return {{"id", kTherapist}, {"name", "Cy Ng"}, {"credentials", "LCSW"}, {"npi", "1234567893"}};
}

Json session_row() {
  return {{"id", kSession},
          {"patient_id", kPatient},
          {"therapist_id", kTherapist},
          {"start_time", "2025-03-04T15:00:00Z"},
          {"end_time", "2025-03-04T15:53:00Z"},
          {"duration_minutes", 53},
          {"cpt_code", "90837"},
          {"telehealth", false},
          {"status", "kept"}};
}

Json session_notes_context(bool part2) {
  Json ctx = {{"export", header("session_notes")},
              {"practice", {{"id", "practice-1"}, {"name", "Calm Waters"}}},
              {"patient", {{"id", kPatient}, {"name", "Ada Quill"}, {"sex", "female"}}},
              {"notices", Json::array()},
              {"sessions",
               {{{"session", session_row()},
                 {"date", "2025-03-04"},
                 {"therapist", clinician()},
                 {"notes",
                  {{{"id", "n-1"},
                    {"kind", "progress_note"},
                    {"format", "dap"},
                    {"sections", {{"data", "d"}, {"assessment", "a"}, {"plan", "p"}}},
                    {"signed_at", "2025-03-04T16:00:00Z"},
                    {"signed_by", clinician()}}}}}}}};
  if (part2) {
    ctx["notices"].push_back({{"regulation", "42 CFR part 2"}, {"text", kNotice}});
  }
  return ctx;
}

std::set<std::string> types_of(const Json& bundle) {
  std::set<std::string> types;
  for (const auto& e : bundle["entry"]) types.insert(e["resource"]["resourceType"]);
  return types;
}

TEST(FhirBundles, SessionNotesAreADocumentWithTheCompositionFirst) {
  auto bundle = export_bundle(session_notes_context(false));
  ASSERT_TRUE(bundle.ok());
  const Json& b = *bundle;
  EXPECT_EQ(b["type"], "document");
  EXPECT_EQ(b["identifier"]["value"], std::string("urn:uuid:") + kJob);
  EXPECT_EQ(b["timestamp"], "2025-06-01T12:00:00.000Z");
  const Json& composition = b["entry"][0]["resource"];
  EXPECT_EQ(composition["resourceType"], "Composition");
  EXPECT_EQ(composition["subject"]["reference"], std::string("Patient/") + kPatient);
  EXPECT_EQ(composition["author"][0]["reference"], std::string("Practitioner/") + kTherapist);
  EXPECT_EQ(composition["section"][0]["entry"][0]["reference"],
            std::string("Encounter/") + kSession);
  EXPECT_EQ(composition["section"][0]["entry"][1]["reference"], "DocumentReference/n-1");
  EXPECT_TRUE(unresolved_references(b).empty());
  const auto types = types_of(b);
  for (const char* t : {"Organization", "Practitioner", "PractitionerRole", "Patient", "Encounter",
                        "DocumentReference", "Provenance"}) {
    EXPECT_TRUE(types.count(t)) << t;
  }
  for (const auto& e : b["entry"]) {
    EXPECT_EQ(e["fullUrl"], full_url(e["resource"]));
    EXPECT_FALSE(e["resource"].contains("meta")) << "no labels on a record outside Part 2";
  }
}

TEST(FhirBundles, SameContextGivesTheSameIds) {
  Json again = session_notes_context(false);
  again["export"]["job_id"] = "0190a1b2-0000-7000-8000-0000000000bb";
  again["export"]["generated_at"] = "2025-07-01T12:00:00.000Z";
  auto a = export_bundle(session_notes_context(false));
  auto b = export_bundle(again);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ((*a)["entry"].size(), (*b)["entry"].size());
  for (size_t i = 0; i < (*a)["entry"].size(); ++i) {
    EXPECT_EQ((*a)["entry"][i]["fullUrl"], (*b)["entry"][i]["fullUrl"]);
  }
}

TEST(FhirBundles, Part2RecordsAreLabelledAndCarryTheNotice) {
  auto bundle = export_bundle(session_notes_context(true));
  ASSERT_TRUE(bundle.ok());
  for (const auto& e : (*bundle)["entry"]) {
    std::set<std::string> codes;
    for (const auto& label : e["resource"]["meta"]["security"]) codes.insert(label["code"]);
    for (const char* code : {"42CFRPart2", "ETH", "NORDSCLCD", "R"}) {
      EXPECT_TRUE(codes.count(code)) << code << " on " << reference_of(e["resource"]);
    }
  }
  const Json& composition = (*bundle)["entry"][0]["resource"];
  EXPECT_EQ(composition["confidentiality"], "R");
  EXPECT_EQ(composition["section"][0]["title"], "42 CFR Part 2 notice");
  EXPECT_NE(composition["section"][0]["text"]["div"].get<std::string>().find(kNotice),
            std::string::npos);
  const Json& provenance = (*bundle)["entry"].back()["resource"];
  EXPECT_EQ(provenance["resourceType"], "Provenance");
  EXPECT_NE(provenance["text"]["div"].get<std::string>().find(kNotice), std::string::npos);
}

TEST(FhirBundles, FullRecordIsACollectionOfEveryTable) {
  const Json tables = {
      {"practice", {{{"id", "practice-1"}, {"name", "Calm Waters"}}}},
      {"users", {{{"id", kTherapist}, {"given_name", "Cy"}, {"family_name", "Ng"}}}},
      {"patients", {{{"id", kPatient}, {"given_name", "Ada"}, {"family_name", "Quill"}}}},
      {"care_team", {{{"patient_id", kPatient}, {"user_id", kTherapist}, {"role", "primary"}}}},
      {"sessions", {session_row()}},
      {"diagnoses", {{{"id", "d-1"}, {"icd10_code", "F41.1"}, {"status", "active"}}}},
      {"treatment_plans", {{{"id", "p-1"}, {"therapist_id", kTherapist}, {"status", "active"}}}},
      {"goals", {{{"id", "g-1"}, {"treatment_plan_id", "p-1"}, {"status", "in_progress"}}}},
      {"goal_measurements", {{{"id", "m-1"}, {"goal_id", "g-1"}, {"value", 3.0}}}},
      {"assessments",
       {{{"id", "a-1"},
         {"session_id", kSession},
         {"instrument", "GAD-7"},
         {"total_score", 8},
         {"item_answers", {1, 1, 1, 1, 2, 1, 1}}}}},
      {"session_notes",
       {{{"id", "n-1"},
         {"session_id", kSession},
         {"author_id", kTherapist},
         {"kind", "progress_note"},
         {"format", "soap"},
         {"sections", {{"subjective", "s"}}}}}},
      {"coverage", {{{"id", "c-1"}, {"payer_name", "Acme"}, {"member_id", "W1"}}}}};
  auto bundle = export_bundle({{"export", header("full_record")},
                               {"patient_id", kPatient},
                               {"notices", Json::array()},
                               {"tables", tables}});
  ASSERT_TRUE(bundle.ok());
  EXPECT_EQ((*bundle)["type"], "collection");
  EXPECT_TRUE(unresolved_references(*bundle).empty());
  const auto types = types_of(*bundle);
  for (const char* t :
       {"Organization", "Practitioner", "Patient", "Encounter", "Condition", "CarePlan", "Goal",
        "Observation", "QuestionnaireResponse", "Composition", "Coverage", "Provenance"}) {
    EXPECT_TRUE(types.count(t)) << t;
  }
  const Json searchset = as_searchset(*bundle, "s-1");
  EXPECT_EQ(searchset["type"], "searchset");
  EXPECT_EQ(searchset["total"], (*bundle)["entry"].size());
  EXPECT_FALSE(searchset.contains("identifier"));
  EXPECT_EQ(searchset["entry"][0]["search"]["mode"], "match");
}

TEST(FhirBundles, InsuranceReportHasAProfessionalClaim) {
  const Json ctx = {
      {"export", header("insurance_report")},
      {"practice", {{"id", "practice-1"}, {"name", "Calm Waters"}, {"npi", "1234567893"}}},
      {"notices", Json::array()},
      {"patient", {{"name", "Ada Quill"}, {"birth_date", "1990-04-02"}, {"sex", "female"}}},
      {"coverage",
       {{"id", "c-1"},
        {"patient_id", kPatient},
        {"payer_name", "Acme"},
        {"member_id", "W1"},
        {"subscriber_relationship", "self"}}},
      {"claim_info",
       {{"provider_npi", "1234567893"},
        {"provider_name", "Cy Ng"},
        {"diagnoses", {{{"code", "F41.1"}, {"description", "GAD"}}}}}},
      {"clinical_summary", {{"progress", "GAD-7 14 to 8 (improving)"}}},
      {"service_lines",
       {{{"session_id", kSession},
         {"service_date", "2025-03-04"},
         {"procedure_code", "90837"},
         {"modifiers", {"95"}},
         {"place_of_service", "10"},
         {"units", 1},
         {"charge_cents", 15000},
         {"diagnosis_pointers", {"A"}},
         {"rendering_provider_npi", "1234567893"}}}}};
  auto bundle = export_bundle(ctx);
  ASSERT_TRUE(bundle.ok());
  EXPECT_EQ((*bundle)["type"], "collection");
  EXPECT_TRUE(unresolved_references(*bundle).empty());
  const Json* claim = nullptr;
  for (const auto& e : (*bundle)["entry"]) {
    if (e["resource"]["resourceType"] == "Claim") claim = &e["resource"];
  }
  ASSERT_NE(claim, nullptr);
  EXPECT_EQ((*claim)["type"]["coding"][0]["code"], "professional");
  EXPECT_EQ((*claim)["patient"]["reference"], std::string("Patient/") + kPatient);
  EXPECT_EQ((*claim)["insurance"][0]["coverage"]["reference"], "Coverage/c-1");
  EXPECT_EQ((*claim)["diagnosis"][0]["diagnosisCodeableConcept"]["coding"][0]["code"], "F41.1");
  EXPECT_EQ((*claim)["item"][0]["productOrService"]["coding"][0]["code"], "90837");
  EXPECT_EQ((*claim)["item"][0]["diagnosisSequence"][0], 1);
  EXPECT_EQ((*claim)["item"][0]["careTeamSequence"][0], 1);
  EXPECT_EQ((*claim)["total"]["value"], 150.0);
}

TEST(FhirBundles, UnknownExportTypeIsRefused) {
  EXPECT_FALSE(export_bundle({{"export", {{"export_type", "horoscope"}}}}).ok());
}

}  // namespace
}  // namespace dossier::fhir
