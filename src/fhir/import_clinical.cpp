// The inverse of clinical.cpp: Encounter, Condition, CarePlan, Goal and Coverage (with its
// payer's Organization) back to sessions, diagnoses, treatment_plans, goals and coverage.
// What the FHIR export does not carry (a session's fee, modifiers and place of service; a
// diagnosis's primary flag; plan review dates) takes the record's defaults.
#include <cstdlib>

#include "fhir/codes.h"
#include "fhir/import_rows.h"

namespace dossier::fhir {
namespace {

std::string session_status(EntryReader& r) {
  const std::string status = r.required_text("status");
  if (status == "finished") return "kept";
  if (status == "cancelled") return "cancelled";
  r.fail("status", "must be finished or cancelled (a session that took place or did not)");
  return "";
}

// The text of the plan's narrative by label ("Frequency" → "Weekly …"); a paragraph
// without a known label continues the one before it.
std::map<std::string, std::string> plan_narrative(EntryReader& r) {
  static const char* const kLabels[] = {"Problem", "Modality", "Rationale", "Frequency",
                                        "Intervention"};
  std::map<std::string, std::string> out;
  if (!r.has("text")) return out;
  const auto paragraphs = narrative_paragraphs(r.resource()["text"]);
  if (!paragraphs) {
    r.fail("text.div", "must be well-formed XHTML");
    return out;
  }
  std::string label;
  for (const auto& p : *paragraphs) {
    bool labelled = false;
    for (const char* l : kLabels) {
      const std::string prefix = std::string(l) + ": ";
      if (p.starts_with(prefix)) {
        label = l;
        out[label] = p.substr(prefix.size());
        labelled = true;
        break;
      }
    }
    if (!labelled && !label.empty()) out[label] += "\n" + p;
  }
  return out;
}

// "Baseline 17; current 12" → 17.
Json baseline_of(EntryReader& r) {
  const std::string note = r.text("note[0].text");
  if (!note.starts_with("Baseline ")) {
    r.fail("note[0].text", "must give the baseline (\"Baseline <number>\")");
    return nullptr;
  }
  const char* start = note.c_str() + 9;
  char* end = nullptr;
  const double value = std::strtod(start, &end);
  if (end == start) {
    r.fail("note[0].text", "must give the baseline (\"Baseline <number>\")");
    return nullptr;
  }
  return value;
}

std::string goal_status(EntryReader& r) {
  const std::string lifecycle = r.required_text("lifecycleStatus");
  const std::string achievement = r.text("achievementStatus.coding[0].code");
  if (lifecycle == "proposed" || lifecycle == "cancelled") return lifecycle;
  if (lifecycle == "completed") return achievement == "not-achieved" ? "not_achieved" : "achieved";
  return "in_progress";
}

std::string coverage_class(EntryReader& r, const char* type) {
  const size_t n = r.count("class");
  for (size_t i = 0; i < n; ++i) {
    const std::string path = "class[" + std::to_string(i) + "]";
    if (r.text(path + ".type.coding[0].code") == type) return r.text(path + ".value");
  }
  return "";
}

}  // namespace

Status import_encounter(EntryReader& r, ImportState& s) {
  const bool telehealth = r.text("class.code") == "VR";
  Json row = {{"id", r.own_id()},
              {"patient_id", r.reference("subject", "Patient", true)},
              {"therapist_id", r.reference("participant[0].individual", "Practitioner", true)},
              {"start_time", r.timestamp("period.start", true)},
              {"end_time", r.timestamp("period.end", true)},
              {"duration_minutes", r.integer("length.value", true)},
              {"cpt_code", r.required_text(r.coding_of("type[0]", system::kCpt) + ".code")},
              {"modifiers", Json::array()},
              {"place_of_service", telehealth ? "02" : "11"},
              {"telehealth", telehealth},
              {"status", session_status(r)},
              {"fee_cents", 0},
              {"amount_paid_cents", 0},
              {"created_at", s.imported_at},
              {"updated_at", s.imported_at}};
  DOSSIER_TRY(r.status());
  s.add_row("sessions", std::move(row));
  return {};
}

Status import_condition(EntryReader& r, ImportState& s) {
  const std::string status_path =
      r.coding_of("clinicalStatus", system::kConditionClinical) + ".code";
  const std::string status = r.required_text(status_path);
  if (!status.empty() && status != "active" && status != "resolved" && status != "inactive")
    r.fail(status_path, "must be active, resolved or inactive");
  const std::string code = r.coding_of("code", system::kIcd10Cm);
  std::string description = r.text("code.text");
  if (description.empty()) description = r.required_text(code + ".display");
  Json row = {{"id", r.own_id()},
              {"patient_id", r.reference("subject", "Patient", true)},
              {"icd10_code", r.required_text(code + ".code")},
              {"description", description},
              {"onset_date", r.date("onsetDateTime")},
              {"status", status},
              {"is_primary", false},
              {"created_at", s.imported_at},
              {"updated_at", s.imported_at}};
  DOSSIER_TRY(r.status());
  s.add_row("diagnoses", std::move(row));
  return {};
}

Status import_care_plan(EntryReader& r, ImportState& s) {
  const std::string id = r.own_id();
  const std::string status = r.required_text("status");
  if (!status.empty() && status != "draft" && status != "active" && status != "completed" &&
      status != "revoked") {
    r.fail("status", "must be draft, active, completed or revoked");
  }
  Json row = {{"id", id},
              {"patient_id", r.reference("subject", "Patient", true)},
              {"therapist_id", r.reference("author", "Practitioner", true)},
              {"problem", r.required_text("description")},
              {"start_date", r.date("period.start", true)},
              {"status", status},
              {"created_at", s.imported_at},
              {"updated_at", s.imported_at}};
  if (const std::string modality = r.text("title"); !modality.empty()) row["modality"] = modality;
  const auto narrative = plan_narrative(r);
  for (const auto& [label, column] :
       {std::pair{"Frequency", "frequency"}, std::pair{"Rationale", "modality_rationale"}}) {
    if (const auto it = narrative.find(label); it != narrative.end()) row[column] = it->second;
  }
  Json interventions = Json::array();
  const size_t activities = r.count("activity");
  for (size_t i = 0; i < activities; ++i) {
    interventions.push_back(
        r.required_text("activity[" + std::to_string(i) + "].detail.description"));
  }
  row["interventions"] = interventions;
  const size_t goals = r.count("goal");
  for (size_t i = 0; i < goals; ++i) {
    s.plan_of_goal[r.reference("goal[" + std::to_string(i) + "]", "Goal", true)] = id;
  }
  DOSSIER_TRY(r.status());
  s.add_row("treatment_plans", std::move(row));
  return {};
}

Status import_goal(EntryReader& r, ImportState& s) {
  const std::string id = r.own_id();
  const auto plan = s.plan_of_goal.find(id);
  if (plan == s.plan_of_goal.end()) r.fail("id", "is the goal of no CarePlan of the Bundle");
  Json row = {{"id", id},
              {"treatment_plan_id", plan == s.plan_of_goal.end() ? "" : plan->second},
              {"patient_id", r.reference("subject", "Patient", true)},
              {"description", r.required_text("description.text")},
              {"measure", r.required_text("target[0].measure.text")},
              {"baseline_value", baseline_of(r)},
              {"target_value", r.number("target[0].detailQuantity.value", true)},
              {"due_date", r.date("target[0].dueDate")},
              {"status", goal_status(r)},
              {"created_at", s.imported_at},
              {"updated_at", s.imported_at}};
  DOSSIER_TRY(r.status());
  s.add_row("goals", std::move(row));
  return {};
}

Status import_coverage(EntryReader& r, ImportState& s) {
  Json row = {{"id", r.own_id()},
              {"patient_id", r.reference("beneficiary", "Patient", true)},
              {"member_id", r.required_text("subscriberId")},
              {"created_at", s.imported_at},
              {"updated_at", s.imported_at}};
  const std::string relationship_path =
      r.coding_of("relationship", system::kSubscriberRelationship) + ".code";
  const std::string relationship = r.required_text(relationship_path);
  if (!relationship.empty() && relationship != "self" && relationship != "spouse" &&
      relationship != "child" && relationship != "other") {
    r.fail(relationship_path, "must be self, spouse, child or other");
  }
  row["subscriber_relationship"] = relationship;
  if (const auto payer = r.referenced_entry("payor[0]", "Organization", true)) {
    EntryReader p(r.index(), *payer);
    row["payer_name"] = p.required_text("name");
    row["payer_id"] = p.required_text("identifier[0].value");
    DOSSIER_TRY(p.status());
  }
  const Json order = r.integer("order");
  row["priority"] = order == 2 ? "secondary" : order == 3 ? "tertiary" : "primary";
  row["start_date"] = r.date("period.start");
  row["end_date"] = r.date("period.end");
  if (const std::string group = coverage_class(r, "group"); !group.empty())
    row["group_number"] = group;
  if (const std::string plan = coverage_class(r, "plan"); !plan.empty()) row["plan_name"] = plan;
  DOSSIER_TRY(r.status());
  s.add_row("coverage", std::move(row));
  return {};
}

}  // namespace dossier::fhir
