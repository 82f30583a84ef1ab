#include <gtest/gtest.h>

#include <map>

#include "core/base64.h"
#include "fhir/export_bundle.h"
#include "fhir/import_bundle.h"

namespace dossier::fhir {
namespace {

const char* kPatient = "0190a1b2-0000-7000-8000-000000000001";
const char* kTherapist = "0190a1b2-0000-7000-8000-000000000002";
const char* kSession = "0190a1b2-0000-7000-8000-000000000003";
const char* kPractice = "0190a1b2-0000-7000-8000-000000000004";
const char* kPlan = "0190a1b2-0000-7000-8000-000000000005";
const char* kGoal = "0190a1b2-0000-7000-8000-000000000006";
const char* kImportedAt = "2026-01-02T03:04:05.000Z";

Json tables() {
  Json t;
  t["practice"] = {{{"id", kPractice},
                    {"name", "Calm Waters"},
                    {"npi", "1234567893"},
                    {"tax_id", "123456789"},
                    {"phone", "555-0100"},
                    {"address_line1", "1 Main St"},
                    {"city", "Madison"},
                    {"state", "WI"},
                    {"postal_code", "53701"}}};
  t["users"] = {{{"id", kTherapist},
                 {"given_name", "Cy"},
                 {"family_name", "Ng"},
                 {"credentials", "LCSW"},
                 {"npi", "1234567893"},
                 {"license_number", "L-1"},
                 {"license_state", "WI"},
                 {"taxonomy", "1041C0700X"},
                 {"is_active", true}}};
  t["patients"] = {{{"id", kPatient},
                    {"mrn", "MRN-1"},
                    {"given_name", "Ada"},
                    {"middle_name", "B"},
                    {"family_name", "Quill"},
                    {"preferred_name", "Addie"},
                    {"birth_date", "1990-02-03"},
                    {"sex", "female"},
                    {"phone", "555-0101"},
                    {"email", "ada@example.org"},
                    {"address_line1", "2 Elm St"},
                    {"address_line2", "Apt 3"},
                    {"city", "Madison"},
                    {"state", "WI"},
                    {"postal_code", "53703"},
                    {"preferred_language", "en"},
                    {"emergency_contact_name", "Bo Quill"},
                    {"emergency_contact_relationship", "sibling"},
                    {"emergency_contact_phone", "555-0102"},
                    {"status", "active"},
                    {"substance_use_sensitive", true}}};
  t["care_team"] = {{{"patient_id", kPatient}, {"user_id", kTherapist}, {"role", "primary"}}};
  t["sessions"] = {{{"id", kSession},
                    {"patient_id", kPatient},
                    {"therapist_id", kTherapist},
                    {"start_time", "2025-03-04T15:00:00.000Z"},
                    {"end_time", "2025-03-04T15:53:00.000Z"},
                    {"duration_minutes", 53},
                    {"cpt_code", "90837"},
                    {"telehealth", true},
                    {"status", "kept"}}};
  t["diagnoses"] = {{{"id", "0190a1b2-0000-7000-8000-000000000007"},
                     {"patient_id", kPatient},
                     {"icd10_code", "F41.1"},
                     {"description", "Generalized anxiety disorder"},
                     {"onset_date", "2024-01-05"},
                     {"status", "active"}}};
  t["treatment_plans"] = {{{"id", kPlan},
                           {"patient_id", kPatient},
                           {"therapist_id", kTherapist},
                           {"problem", "Worry most days"},
                           {"modality", "CBT"},
                           {"modality_rationale", "Structured\nand brief"},
                           {"frequency", "Weekly"},
                           {"interventions", {"Thought records", "Exposure"}},
                           {"start_date", "2025-03-01"},
                           {"status", "active"}}};
  t["goals"] = {{{"id", kGoal},
                 {"treatment_plan_id", kPlan},
                 {"patient_id", kPatient},
                 {"description", "Less worry"},
                 {"measure", "GAD-7 total"},
                 {"baseline_value", 15.5},
                 {"target_value", 5.0},
                 {"due_date", "2025-09-01"},
                 {"status", "not_achieved"}}};
  t["goal_measurements"] = {{{"id", "0190a1b2-0000-7000-8000-000000000008"},
                             {"goal_id", kGoal},
                             {"patient_id", kPatient},
                             {"measured_on", "2025-04-01"},
                             {"value", 12.0},
                             {"note", "better"}}};
  t["assessments"] = {{{"id", "0190a1b2-0000-7000-8000-000000000009"},
                       {"patient_id", kPatient},
                       {"session_id", kSession},
                       {"instrument", "GAD-7"},
                       {"administered_on", "2025-03-04"},
                       {"item_answers", {1, 2, 3, 0, 1, 2, 3}},
                       {"total_score", 12},
                       {"severity", "moderate"}}};
  t["session_notes"] = {
      {{"id", "0190a1b2-0000-7000-8000-00000000000a"},
       {"session_id", kSession},
       {"patient_id", kPatient},
       {"author_id", kTherapist},
       {"kind", "progress_note"},
       {"format", "soap"},
       {"sections", {{"subjective", "S <1>"}, {"objective", "O"}, {"plan", "P\nmore"}}},
       {"action_items", {"Walk daily", "Call Bo"}},
       {"transcript", "Therapist: Hi\nPlan: none\n"},
       {"signed_by", kTherapist},
       {"signed_at", "2025-03-04T16:00:00.000Z"},
       {"created_at", "2025-03-04T15:55:00.000Z"}},
      {{"id", "0190a1b2-0000-7000-8000-00000000000b"},
       {"session_id", kSession},
       {"patient_id", kPatient},
       {"author_id", kTherapist},
       {"kind", "psychotherapy_note"},
       {"format", "birp"},
       {"sections", {{"behavior", "B: a colon"}, {"response", "R\nline two"}, {"plan", "P"}}},
       {"action_items", Json::array()},
       {"created_at", "2025-03-04T15:56:00.000Z"}},
      {{"id", "0190a1b2-0000-7000-8000-00000000000e"},
       {"session_id", kSession},
       {"patient_id", kPatient},
       {"author_id", kTherapist},
       {"kind", "progress_note"},
       {"format", "free"},
       {"sections", {{"text", "First\nNote: second"}}},
       {"action_items", {"Rest"}},
       {"transcript", "Action items: none\nNote: also none"},
       {"signed_by", kTherapist},
       {"signed_at", "2025-03-04T17:00:00.000Z"},
       {"created_at", "2025-03-04T15:57:00.000Z"}}};
  t["coverage"] = {{{"id", "0190a1b2-0000-7000-8000-00000000000c"},
                    {"patient_id", kPatient},
                    {"priority", "secondary"},
                    {"payer_name", "Example Health"},
                    {"payer_id", "EH 01"},
                    {"plan_name", "PPO"},
                    {"member_id", "M-1"},
                    {"group_number", "G-1"},
                    {"subscriber_relationship", "spouse"},
                    {"start_date", "2024-01-01"},
                    {"end_date", "2025-12-31"}}};
  t["attachments"] = {{{"id", "0190a1b2-0000-7000-8000-00000000000d"},
                       {"patient_id", kPatient},
                       {"filename", "consent.txt"},
                       {"content_type", "text/plain"},
                       {"size_bytes", 10},
                       {"description", "Consent"},
                       {"content", base64_encode(std::string_view("I consent."))},
                       {"created_at", "2025-03-01T10:00:00.000Z"}}};
  return t;
}

Json context_of(const Json& record_tables) {
  return {{"export",
           {{"job_id", "0190a1b2-0000-7000-8000-0000000000aa"},
            {"export_type", "full_record"},
            {"generated_at", "2025-06-01T12:00:00.000Z"},
            {"parameters", {{"patient_id", kPatient}}}}},
          {"patient", {{"id", kPatient}}},
          {"notices", {{{"regulation", "42 CFR part 2"}, {"text", "Part 2 notice."}}}},
          {"tables", record_tables}};
}

Json exported() {
  auto bundle = export_bundle(context_of(tables()));
  EXPECT_TRUE(bundle.ok());
  return bundle.ok() ? *bundle : Json();
}

Json imported_tables(const Json& bundle) {
  auto doc = record_from_bundle(bundle, kImportedAt);
  EXPECT_TRUE(doc.ok()) << (doc.ok() || doc.error().fields.empty() ? ""
                                                                   : doc.error().fields[0].path);
  return doc.ok() ? (*doc)["tables"] : Json();
}

Json row_of(const Json& t, const char* table, size_t i = 0) {
  return t.contains(table) && t[table].size() > i ? t[table][i] : Json();
}

std::string path_of_error(const Json& bundle) {
  auto doc = record_from_bundle(bundle, kImportedAt);
  if (doc.ok() || doc.error().fields.empty()) return "";
  return doc.error().fields[0].path;
}

size_t index_of(const Json& bundle, const std::string& type, size_t nth = 0) {
  for (size_t i = 0; i < bundle["entry"].size(); ++i) {
    if (bundle["entry"][i]["resource"]["resourceType"] == type && nth-- == 0) return i;
  }
  return 0;
}

TEST(FhirImport, ExportImportExportGivesTheSameResources) {
  const Json first = exported();
  auto again = export_bundle(context_of(imported_tables(first)));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)["entry"], first["entry"]);
}

TEST(FhirImport, PeopleComeBack) {
  const Json t = imported_tables(exported());
  const Json patient = row_of(t, "patients");
  for (const char* key : {"mrn", "given_name", "middle_name", "family_name", "preferred_name",
                          "birth_date", "sex", "phone", "email", "address_line2", "postal_code",
                          "emergency_contact_relationship", "preferred_language", "status"}) {
    EXPECT_EQ(patient[key], tables()["patients"][0][key]) << key;
  }
  EXPECT_EQ(patient["substance_use_sensitive"], true);
  const Json user = row_of(t, "users");
  for (const char* key : {"given_name", "family_name", "credentials", "npi", "license_number",
                          "license_state", "taxonomy"}) {
    EXPECT_EQ(user[key], tables()["users"][0][key]) << key;
  }
  EXPECT_EQ(row_of(t, "practice")["tax_id"], "123456789");
  EXPECT_EQ(row_of(t, "care_team")["user_id"], kTherapist);
}

TEST(FhirImport, ClinicalRowsComeBack) {
  const Json t = imported_tables(exported());
  const Json session = row_of(t, "sessions");
  EXPECT_EQ(session["telehealth"], true);
  EXPECT_EQ(session["duration_minutes"], 53);
  EXPECT_EQ(session["cpt_code"], "90837");
  EXPECT_EQ(session["created_at"], kImportedAt);
  const Json plan = row_of(t, "treatment_plans");
  EXPECT_EQ(plan["modality_rationale"], "Structured\nand brief");
  EXPECT_EQ(plan["frequency"], "Weekly");
  EXPECT_EQ(plan["interventions"], Json({"Thought records", "Exposure"}));
  const Json goal = row_of(t, "goals");
  EXPECT_EQ(goal["treatment_plan_id"], kPlan);
  EXPECT_EQ(goal["baseline_value"], 15.5);
  EXPECT_EQ(goal["status"], "not_achieved");
  EXPECT_EQ(row_of(t, "goal_measurements")["note"], "better");
  const Json coverage = row_of(t, "coverage");
  EXPECT_EQ(coverage["payer_id"], "EH 01");
  EXPECT_EQ(coverage["priority"], "secondary");
  EXPECT_EQ(coverage["group_number"], "G-1");
  EXPECT_EQ(row_of(t, "diagnoses")["icd10_code"], "F41.1");
}

TEST(FhirImport, AssessmentsNotesAndAttachmentsComeBack) {
  const Json t = imported_tables(exported());
  const Json assessment = row_of(t, "assessments");
  EXPECT_EQ(assessment["item_answers"], Json({1, 2, 3, 0, 1, 2, 3}));
  EXPECT_EQ(assessment["severity"], "moderate");
  EXPECT_EQ(assessment["session_id"], kSession);
  const Json soap = row_of(t, "session_notes", 0);
  EXPECT_EQ(soap["sections"], tables()["session_notes"][0]["sections"]);
  EXPECT_EQ(soap["action_items"], Json({"Walk daily", "Call Bo"}));
  EXPECT_EQ(soap["transcript"], "Therapist: Hi\nPlan: none\n");
  EXPECT_EQ(soap["signed_at"], "2025-03-04T16:00:00.000Z");
  const Json birp = row_of(t, "session_notes", 1);
  EXPECT_EQ(birp["kind"], "psychotherapy_note");
  EXPECT_EQ(birp["sections"], tables()["session_notes"][1]["sections"]);
  EXPECT_FALSE(birp.contains("signed_at"));
  const Json free = row_of(t, "session_notes", 2);
  EXPECT_EQ(free["sections"], tables()["session_notes"][2]["sections"]);
  EXPECT_EQ(free["action_items"], Json({"Rest"}));
  EXPECT_EQ(free["transcript"], "Action items: none\nNote: also none");
  EXPECT_EQ(free["signed_by"], kTherapist);
  const Json attachment = row_of(t, "attachments");
  EXPECT_EQ(attachment["size_bytes"], 10);
  EXPECT_EQ(attachment["filename"], "consent.txt");
}

// Resources with record ids as ids are given urn:uuid: fullUrls and no id, and are referred
// to by them; the derived ones ("qr-", "role-", "payer-") keep Type/id references.
TEST(FhirImport, ATransactionWithUrnUuidReferencesIsRead) {
  Json bundle = exported();
  bundle["type"] = "transaction";
  std::map<std::string, std::string> urn;
  for (const auto& e : bundle["entry"]) {
    const std::string id = e["resource"]["id"];
    if (id.size() == 36)
      urn[std::string(e["resource"]["resourceType"]) + "/" + id] = "urn:uuid:" + id;
  }
  for (auto& e : bundle["entry"]) {
    const std::string key =
        std::string(e["resource"]["resourceType"]) + "/" + std::string(e["resource"]["id"]);
    e["request"] = {{"method", "PUT"}, {"url", key}};
    std::string text = e["resource"].dump();
    for (const auto& [from, to] : urn) {
      const std::string quoted = "\"" + from + "\"";
      for (size_t at = text.find(quoted); at != std::string::npos; at = text.find(quoted))
        text.replace(at, quoted.size(), "\"" + to + "\"");
    }
    e["resource"] = Json::parse(text);
    if (urn.count(key)) {
      e["fullUrl"] = urn[key];
      e["resource"].erase("id");
    }
  }
  const Json t = imported_tables(bundle);
  EXPECT_EQ(row_of(t, "sessions")["therapist_id"], kTherapist);
  EXPECT_EQ(row_of(t, "patients")["id"], kPatient);
  EXPECT_EQ(row_of(t, "goals")["treatment_plan_id"], kPlan);
  EXPECT_EQ(row_of(t, "assessments")["item_answers"].size(), 7u);
}

TEST(FhirImport, MalformedElementsAreNamed) {
  const Json good = exported();
  Json b = good;
  b["entry"][index_of(b, "Encounter")]["resource"]["subject"]["reference"] = "Patient/nobody";
  EXPECT_EQ(path_of_error(b),
            "entry[" + std::to_string(index_of(b, "Encounter")) + "].resource.subject.reference");
  b = good;
  b["entry"][index_of(b, "Patient")]["resource"]["birthDate"] = "03/02/1990";
  EXPECT_EQ(path_of_error(b),
            "entry[" + std::to_string(index_of(b, "Patient")) + "].resource.birthDate");
  b = good;
  b["entry"][index_of(b, "Encounter")]["resource"]["length"]["value"] = "53";
  EXPECT_EQ(path_of_error(b),
            "entry[" + std::to_string(index_of(b, "Encounter")) + "].resource.length.value");
  b = good;
  b["entry"][index_of(b, "Goal")]["resource"].erase("note");
  EXPECT_EQ(path_of_error(b),
            "entry[" + std::to_string(index_of(b, "Goal")) + "].resource.note[0].text");
  b = good;
  const size_t score = index_of(b, "Observation", 1);  // after the goal measurement
  b["entry"][score]["resource"]["valueQuantity"]["value"] = 1.5;
  EXPECT_EQ(path_of_error(b), "entry[" + std::to_string(score) + "].resource.valueQuantity.value");
  b = good;
  b["entry"].push_back({{"resource", {{"resourceType", "MedicationRequest"}}}});
  EXPECT_EQ(path_of_error(b),
            "entry[" + std::to_string(b["entry"].size() - 1) + "].resource.resourceType");
  b = good;
  b["type"] = "transaction";
  EXPECT_EQ(path_of_error(b), "entry[0].request.method");
  b = good;
  b["type"] = "searchset";
  EXPECT_EQ(path_of_error(b), "type");
}

// One malformed element per resource kind: (resource type, nth of it, change, element named).
struct Damage {
  const char* type;
  size_t nth;
  void (*change)(Json& resource);
  const char* element;
};

TEST(FhirImport, EachKindNamesItsMalformedElement) {
  const Damage damages[] = {
      {"Patient", 0, [](Json& r) { r["name"][0].erase("family"); }, "name[0].family"},
      {"Patient", 0, [](Json& r) { r["identifier"] = Json::array(); }, "identifier"},
      {"Practitioner", 0, [](Json& r) { r["name"][0].erase("given"); }, "name[0].given[0]"},
      {"Condition", 0, [](Json& r) { r["id"] = "not-a-uuid"; }, "id"},
      {"PractitionerRole", 0, [](Json& r) { r["practitioner"]["reference"] = "Patient/x"; },
       "practitioner.reference"},
      {"Organization", 0, [](Json& r) { r["type"][0]["coding"][0]["code"] = "edu"; },
       "type[0].coding[0].code"},
      {"Encounter", 0, [](Json& r) { r["status"] = "planned"; }, "status"},
      {"Encounter", 0, [](Json& r) { r["period"]["start"] = "2025-03-04"; }, "period.start"},
      {"Condition", 0, [](Json& r) { r["clinicalStatus"]["coding"][0]["code"] = "remission"; },
       "clinicalStatus.coding[0].code"},
      {"Condition", 0, [](Json& r) { r["code"]["coding"][0]["system"] = "http://snomed.info/sct"; },
       "code.coding"},
      {"CarePlan", 0, [](Json& r) { r["goal"][0]["reference"] = "Goal/elsewhere"; },
       "goal[0].reference"},
      {"CarePlan", 0, [](Json& r) { r["text"]["div"] = "<div><p>unclosed</div>"; }, "text.div"},
      {"Goal", 0, [](Json& r) { r["target"][0]["detailQuantity"]["value"] = "five"; },
       "target[0].detailQuantity.value"},
      {"Observation", 0, [](Json& r) { r["focus"][0]["reference"] = "Patient/x"; },
       "focus[0].reference"},
      {"Observation", 1, [](Json& r) { r["code"]["coding"][0]["code"] = "12345-6"; }, "code"},
      {"Observation", 1, [](Json& r) { r.erase("interpretation"); }, "interpretation[0].text"},
      {"Composition", 0, [](Json& r) { r["section"][0]["title"] = "Mood"; }, "section[0].title"},
      {"Composition", 0, [](Json& r) { r.erase("encounter"); }, "encounter.reference"},
      {"DocumentReference", 0, [](Json& r) { r["content"][0]["attachment"]["data"] = "%%"; },
       "content[0].attachment.data"},
      {"DocumentReference", 0, [](Json& r) { r["description"] = "Psychotherapy note"; },
       "description"},
      {"Coverage", 0, [](Json& r) { r["relationship"]["coding"][0]["code"] = "cousin"; },
       "relationship.coding[0].code"},
      {"Coverage", 0, [](Json& r) { r.erase("subscriberId"); }, "subscriberId"},
  };
  const Json good = exported();
  for (const auto& d : damages) {
    Json b = good;
    const size_t at = index_of(b, d.type, d.nth);
    d.change(b["entry"][at]["resource"]);
    EXPECT_EQ(path_of_error(b), "entry[" + std::to_string(at) + "].resource." + d.element)
        << d.type << " " << d.element;
  }
}

TEST(FhirImport, TheBundleAsAWholeIsChecked) {
  const Json good = exported();
  Json b = good;
  b["entry"].push_back(b["entry"][index_of(b, "Patient")]);
  EXPECT_EQ(path_of_error(b), "entry[" + std::to_string(b["entry"].size() - 1) + "].resource.id");
  b = good;
  b["entry"].erase(index_of(b, "Patient"));
  EXPECT_EQ(path_of_error(b), "entry");
  b = good;
  b["entry"].erase(index_of(b, "Observation", 1));  // the score the response belongs to
  EXPECT_EQ(path_of_error(b),
            "entry[" + std::to_string(index_of(b, "QuestionnaireResponse")) + "].resource");
  b = good;
  b["resourceType"] = "Patient";
  EXPECT_EQ(path_of_error(b), "resourceType");
  b = good;
  b["entry"][0] = {{"fullUrl", "urn:uuid:0190a1b2-0000-7000-8000-0000000000ff"}};
  EXPECT_EQ(path_of_error(b), "entry[0].resource");
}

TEST(FhirImport, TheProvenanceOfTheExportIsSkipped) {
  Json b = exported();
  const size_t at = index_of(b, "Provenance");
  b["entry"][at]["resource"]["target"] = Json::array({{{"reference", "Patient/elsewhere"}}});
  EXPECT_EQ(path_of_error(b), "");
}

}  // namespace
}  // namespace dossier::fhir
