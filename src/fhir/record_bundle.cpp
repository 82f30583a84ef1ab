// The full record as a collection Bundle.
#include <map>

#include "core/ids.h"
#include "fhir/assessments.h"
#include "fhir/bundles.h"
#include "fhir/clinical.h"
#include "fhir/export_bundle.h"
#include "fhir/notes.h"
#include "fhir/people.h"

namespace dossier::fhir {
namespace {

const Json& rows_of(const Json& tables, const char* table) {
  return array_of(member_of(tables, table));
}

// The Patient with its primary clinicians (the care team) as general practitioners.
void add_record_patient(Assembly& a, const Json& tables) {
  const Json& patients = rows_of(tables, "patients");
  Json patient = map_patient(patients.empty() ? Json::object() : patients[0], a.patient_id);
  Json practitioners = Json::array();
  for (const auto& member : rows_of(tables, "care_team")) {
    const std::string ref = "Practitioner/" + fhir_id(text_of(member, "user_id"));
    if (a.builder.has(ref)) practitioners.push_back({{"reference", ref}});
  }
  if (!practitioners.empty()) patient["generalPractitioner"] = practitioners;
  a.builder.add(std::move(patient));
}

void add_plans_and_goals(Assembly& a, const Json& tables) {
  std::map<std::string, Json> goals_by_id;
  for (const auto& g : rows_of(tables, "goals")) {
    a.builder.add(map_goal(g, a.patient_id));
    goals_by_id[text_of(g, "id")] = g;
  }
  for (const auto& plan : rows_of(tables, "treatment_plans")) {
    Json goal_ids = Json::array();
    for (const auto& g : rows_of(tables, "goals")) {
      if (text_of(g, "treatment_plan_id") == text_of(plan, "id")) goal_ids.push_back(g["id"]);
    }
    a.builder.add(map_care_plan(plan, a.patient_id, goal_ids, a.builder.resolver()));
  }
  for (const auto& m : rows_of(tables, "goal_measurements")) {
    const auto goal = goals_by_id.find(text_of(m, "goal_id"));
    a.builder.add(map_goal_measurement(m, goal == goals_by_id.end() ? Json::object() : goal->second,
                                       a.patient_id, a.builder.resolver()));
  }
}

void add_notes(Assembly& a, const Json& tables) {
  std::map<std::string, std::string> session_start;
  for (const auto& s : rows_of(tables, "sessions")) {
    session_start[text_of(s, "id")] = text_of(s, "start_time");
  }
  for (const auto& note : rows_of(tables, "session_notes")) {
    NoteLinks links = note_links(note, {.patient_id = a.patient_id,
                                        .practice_id = a.practice_id,
                                        .fallback_date = a.generated_at});
    if (const auto it = session_start.find(links.session_id);
        it != session_start.end() && is_date_time(it->second)) {
      links.fallback_date = it->second;
    }
    a.builder.add(map_note(note, links, a.builder.resolver()));
  }
}

Json attachment_document(const Json& row, const std::string& patient_id) {
  Json attachment = {{"contentType", text_of(row, "content_type").empty()
                                         ? std::string("application/octet-stream")
                                         : text_of(row, "content_type")}};
  if (!text_of(row, "content").empty()) attachment["data"] = text_of(row, "content");
  if (!text_of(row, "filename").empty()) attachment["title"] = text_of(row, "filename");
  // The database hands sizes back as signed integers: any whole number that is not negative.
  if (row.contains("size_bytes") && row["size_bytes"].is_number_integer() &&
      row["size_bytes"].get<int64_t>() >= 0) {
    attachment["size"] = row["size_bytes"];
  }
  Json r = {{"resourceType", "DocumentReference"},
            {"id", fhir_id(text_of(row, "id"))},
            {"status", "current"},
            {"type", {{"text", "Attachment"}}},
            {"subject", reference("Patient", fhir_id(patient_id))},
            {"content", Json::array({{{"attachment", attachment}}})}};
  if (!text_of(row, "description").empty()) r["description"] = text_of(row, "description");
  if (is_instant(text_of(row, "created_at"))) r["date"] = text_of(row, "created_at");
  return r;
}

}  // namespace

std::string job_id_of(const Json& context) {
  if (!context.is_object() || !context.contains("export")) return "";
  return text_of(context["export"], "job_id");
}

std::string bundle_identifier(const Json& context) {
  const std::string id = job_id_of(context);
  return is_uuid(id) ? "urn:uuid:" + id : "";
}

void add_record_tables(Assembly& a, const Json& tables) {
  const Json& practice = rows_of(tables, "practice");
  add_practice(a, practice.empty() ? Json::object() : practice[0]);
  for (const auto& user : rows_of(tables, "users")) add_clinician(a, user);
  add_record_patient(a, tables);
  for (const auto& s : rows_of(tables, "sessions")) {
    a.builder.add(map_encounter(s, a.patient_id, a.practice_id, a.builder.resolver()));
  }
  for (const auto& d : rows_of(tables, "diagnoses")) a.builder.add(map_condition(d, a.patient_id));
  add_plans_and_goals(a, tables);
  for (const auto& row : rows_of(tables, "assessments")) {
    a.builder.add(map_questionnaire_response(row, a.patient_id, a.builder.resolver()));
    a.builder.add(map_score_observation(row, a.patient_id, a.builder.resolver()));
  }
  add_notes(a, tables);
  for (const auto& c : rows_of(tables, "coverage")) {
    a.builder.add(map_payer(c));
    a.builder.add(map_coverage(c, a.patient_id));
  }
  for (const auto& row : rows_of(tables, "attachments")) {
    a.builder.add(attachment_document(row, a.patient_id));
  }
}

std::vector<Json> full_record_resources(const Json& context) {
  Assembly a(context);
  add_record_tables(a, member_of(context, "tables"));
  add_provenance(a);
  return a.builder.take_resources();
}

Json full_record_collection(const Json& context) {
  Assembly a(context);
  add_record_tables(a, member_of(context, "tables"));
  add_provenance(a);
  return a.builder.build("collection", job_id_of(context), bundle_identifier(context),
                         a.generated_at);
}

}  // namespace dossier::fhir
