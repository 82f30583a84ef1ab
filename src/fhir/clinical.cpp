#include "fhir/clinical.h"

#include <cmath>

namespace dossier::fhir {
namespace {

std::string encounter_status(const std::string& status) {
  if (status == "kept") return "finished";
  if (status == "no_show" || status == "cancelled") return "cancelled";
  return "unknown";
}

// A number from the first of `keys` that holds one (rows and reports name them apart).
const Json* number_of(const Json& row, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    const auto it = row.find(key);
    if (it != row.end() && it->is_number()) return &*it;
  }
  return nullptr;
}

std::string format_number(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<int64_t>(v));
  std::string s = std::to_string(v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  return s;
}

std::string care_plan_activity_status(const std::string& plan_status) {
  if (plan_status == "active") return "in-progress";
  if (plan_status == "completed") return "completed";
  if (plan_status == "draft") return "not-started";
  return "stopped";
}

std::string care_plan_status(const std::string& status) {
  for (const char* s : {"draft", "active", "completed", "revoked"}) {
    if (status == s) return status;
  }
  return "unknown";
}

std::string goal_lifecycle(const std::string& status) {
  if (status == "proposed") return "proposed";
  if (status == "achieved" || status == "not_achieved") return "completed";
  if (status == "cancelled") return "cancelled";
  return "active";
}

// Achievement from the record's status and, for goals still worked on, the direction of
// the latest measurement relative to the baseline.
std::string goal_achievement(const Json& goal) {
  const std::string status = text_of(goal, "status");
  if (status == "achieved") return "achieved";
  if (status == "not_achieved") return "not-achieved";
  if (status != "in_progress") return "";
  const Json* pct = number_of(goal, {"progress_percentage"});
  if (pct && pct->get<double>() > 0) return "improving";
  return "in-progress";
}

Json plan_text(const Json& plan) {
  std::string text = "Problem: " + text_of(plan, "problem");
  if (!text_of(plan, "modality").empty()) text += "\nModality: " + text_of(plan, "modality");
  if (!text_of(plan, "modality_rationale").empty()) {
    text += "\nRationale: " + text_of(plan, "modality_rationale");
  }
  if (!text_of(plan, "frequency").empty()) text += "\nFrequency: " + text_of(plan, "frequency");
  if (plan.contains("interventions") && plan["interventions"].is_array()) {
    for (const auto& i : plan["interventions"]) {
      if (i.is_string()) text += "\nIntervention: " + i.get<std::string>();
    }
  }
  return narrative(text);
}

}  // namespace

Json map_encounter(const Json& session, const std::string& patient_id,
                   const std::string& practice_id, const Resolves& resolves) {
  const bool telehealth = flag_of(session, "telehealth");
  Json r = {{"resourceType", "Encounter"},
            {"id", fhir_id(text_of(session, "id"))},
            {"status", encounter_status(text_of(session, "status"))},
            {"class", telehealth ? coding(system::kActCode, "VR", "virtual")
                                 : coding(system::kActCode, "AMB", "ambulatory")},
            {"subject", reference("Patient", fhir_id(patient_id))}};
  if (!text_of(session, "cpt_code").empty()) {
    r["type"] = Json::array({codeable(system::kCpt, text_of(session, "cpt_code"))});
  }
  const std::string therapist = "Practitioner/" + fhir_id(text_of(session, "therapist_id"));
  if (!text_of(session, "therapist_id").empty() && resolves(therapist)) {
    r["participant"] = Json::array({{{"individual", {{"reference", therapist}}}}});
  }
  Json period = Json::object();
  if (is_date_time(text_of(session, "start_time"))) period["start"] = session["start_time"];
  if (is_date_time(text_of(session, "end_time"))) period["end"] = session["end_time"];
  if (!period.empty()) r["period"] = period;
  if (const Json* minutes = number_of(session, {"duration_minutes"})) {
    r["length"] = {
        {"value", *minutes}, {"unit", "min"}, {"system", system::kUcum}, {"code", "min"}};
  }
  const std::string org = "Organization/" + fhir_id(practice_id);
  if (!practice_id.empty() && resolves(org)) r["serviceProvider"] = {{"reference", org}};
  return r;
}

Json map_condition(const Json& diagnosis, const std::string& patient_id) {
  std::string code = text_of(diagnosis, "icd10_code");
  if (code.empty()) code = text_of(diagnosis, "code");
  const std::string id = text_of(diagnosis, "id").empty() ? fhir_id(code, fhir_id(patient_id) + "-")
                                                          : fhir_id(text_of(diagnosis, "id"));
  const std::string status =
      text_of(diagnosis, "status").empty() ? "active" : text_of(diagnosis, "status");
  Json r = {
      {"resourceType", "Condition"},
      {"id", id},
      {"clinicalStatus", codeable(system::kConditionClinical, status)},
      {"verificationStatus", codeable(system::kConditionVerification, "confirmed", "Confirmed")},
      {"category", Json::array({codeable(system::kConditionCategory, "problem-list-item",
                                         "Problem List Item")})},
      {"code", codeable(system::kIcd10Cm, code, text_of(diagnosis, "description"),
                        text_of(diagnosis, "description"))},
      {"subject", reference("Patient", fhir_id(patient_id))}};
  if (is_date_time(text_of(diagnosis, "onset_date"))) {
    r["onsetDateTime"] = text_of(diagnosis, "onset_date");
  }
  return r;
}

Json map_care_plan(const Json& plan, const std::string& patient_id, const Json& goal_ids,
                   const Resolves& resolves) {
  const std::string status = text_of(plan, "status");
  Json r = {{"resourceType", "CarePlan"},
            {"id", fhir_id(text_of(plan, "id"))},
            {"text", plan_text(plan)},
            {"status", care_plan_status(status)},
            {"intent", "plan"},
            {"category", Json::array({codeable(system::kCarePlanCategory, "assess-plan",
                                               "Assessment and Plan of Treatment")})},
            {"subject", reference("Patient", fhir_id(patient_id))}};
  if (!text_of(plan, "modality").empty()) r["title"] = text_of(plan, "modality");
  if (!text_of(plan, "problem").empty()) r["description"] = text_of(plan, "problem");
  if (is_date_time(text_of(plan, "start_date"))) {
    r["period"] = {{"start", text_of(plan, "start_date")}};
  }
  const std::string author = "Practitioner/" + fhir_id(text_of(plan, "therapist_id"));
  if (!text_of(plan, "therapist_id").empty() && resolves(author)) {
    r["author"] = {{"reference", author}};
  }
  Json goals = Json::array();
  for (const auto& g : goal_ids) goals.push_back(reference("Goal", fhir_id(g.get<std::string>())));
  if (!goals.empty()) r["goal"] = goals;
  Json activities = Json::array();
  if (plan.contains("interventions") && plan["interventions"].is_array()) {
    for (const auto& i : plan["interventions"]) {
      if (!i.is_string()) continue;
      activities.push_back({{"detail",
                             {{"status", care_plan_activity_status(status)},
                              {"description", i.get<std::string>()}}}});
    }
  }
  if (!activities.empty()) r["activity"] = activities;
  return r;
}

Json map_goal(const Json& goal, const std::string& patient_id) {
  Json r = {{"resourceType", "Goal"},
            {"id", fhir_id(text_of(goal, "id"))},
            {"lifecycleStatus", goal_lifecycle(text_of(goal, "status"))},
            {"description",
             {{"text", text_of(goal, "description").empty() ? std::string("Treatment goal")
                                                            : text_of(goal, "description")}}},
            {"subject", reference("Patient", fhir_id(patient_id))}};
  if (const std::string a = goal_achievement(goal); !a.empty()) {
    r["achievementStatus"] = codeable(system::kGoalAchievement, a);
  }
  Json target = Json::object();
  if (!text_of(goal, "measure").empty()) target["measure"] = {{"text", text_of(goal, "measure")}};
  if (const Json* value = number_of(goal, {"target_value", "target"});
      value && target.contains("measure")) {
    target["detailQuantity"] = {{"value", *value}};
  }
  if (is_date_time(text_of(goal, "due_date")))
    target["dueDate"] = date_part(text_of(goal, "due_date"));
  if (!target.empty()) r["target"] = Json::array({target});
  std::string note;
  if (const Json* baseline = number_of(goal, {"baseline_value", "baseline"})) {
    note = "Baseline " + format_number(baseline->get<double>());
  }
  if (const Json* current = number_of(goal, {"current"})) {
    note += (note.empty() ? "" : "; ") + std::string("current ") +
            format_number(current->get<double>());
  }
  if (!note.empty()) r["note"] = Json::array({{{"text", note}}});
  return r;
}

Json map_goal_measurement(const Json& measurement, const Json& goal, const std::string& patient_id,
                          const Resolves& resolves) {
  const std::string measure =
      text_of(goal, "measure").empty() ? std::string("Goal measure") : text_of(goal, "measure");
  Json r = {{"resourceType", "Observation"},
            {"id", fhir_id(text_of(measurement, "id"))},
            {"status", "final"},
            {"code", {{"text", measure}}},
            {"subject", reference("Patient", fhir_id(patient_id))}};
  const std::string focus = "Goal/" + fhir_id(text_of(measurement, "goal_id"));
  if (!text_of(measurement, "goal_id").empty() && resolves(focus)) {
    r["focus"] = Json::array({{{"reference", focus}}});
  }
  if (is_date_time(text_of(measurement, "measured_on"))) {
    r["effectiveDateTime"] = text_of(measurement, "measured_on");
  }
  if (const Json* value = number_of(measurement, {"value"}))
    r["valueQuantity"] = {{"value", *value}};
  if (!text_of(measurement, "note").empty()) {
    r["note"] = Json::array({{{"text", text_of(measurement, "note")}}});
  }
  return r;
}

std::string payer_id(const Json& coverage) {
  return text_of(coverage, "payer_id").empty() ? fhir_id(text_of(coverage, "id"), "payer-")
                                               : fhir_id(text_of(coverage, "payer_id"), "payer-");
}

Json map_payer(const Json& coverage) {
  Json r = {
      {"resourceType", "Organization"},
      {"id", payer_id(coverage)},
      {"active", true},
      {"type", Json::array({codeable("http://terminology.hl7.org/CodeSystem/organization-type",
                                     "pay", "Payer")})},
      {"name", text_of(coverage, "payer_name").empty() ? std::string("Payer")
                                                       : text_of(coverage, "payer_name")}};
  if (!text_of(coverage, "payer_id").empty()) {
    r["identifier"] = Json::array({{{"value", text_of(coverage, "payer_id")}}});
  }
  return r;
}

Json map_coverage(const Json& coverage, const std::string& patient_id) {
  const std::string relationship = text_of(coverage, "subscriber_relationship");
  Json r = {{"resourceType", "Coverage"},
            {"id", fhir_id(text_of(coverage, "id"))},
            {"status", "active"},
            {"beneficiary", reference("Patient", fhir_id(patient_id))},
            {"payor", Json::array({reference("Organization", payer_id(coverage))})}};
  if (!text_of(coverage, "member_id").empty()) r["subscriberId"] = text_of(coverage, "member_id");
  if (relationship == "self") r["subscriber"] = reference("Patient", fhir_id(patient_id));
  if (!relationship.empty()) {
    r["relationship"] = codeable(system::kSubscriberRelationship, relationship);
  }
  Json period = Json::object();
  if (is_date_time(text_of(coverage, "start_date"))) period["start"] = coverage["start_date"];
  if (is_date_time(text_of(coverage, "end_date"))) period["end"] = coverage["end_date"];
  if (!period.empty()) r["period"] = period;
  Json classes = Json::array();
  if (!text_of(coverage, "group_number").empty()) {
    classes.push_back({{"type", codeable(system::kCoverageClass, "group", "Group")},
                       {"value", text_of(coverage, "group_number")}});
  }
  if (!text_of(coverage, "plan_name").empty()) {
    classes.push_back({{"type", codeable(system::kCoverageClass, "plan", "Plan")},
                       {"value", text_of(coverage, "plan_name")},
                       {"name", text_of(coverage, "plan_name")}});
  }
  if (!classes.empty()) r["class"] = classes;
  const std::string priority = text_of(coverage, "priority");
  r["order"] = priority == "secondary" ? 2 : priority == "tertiary" ? 3 : 1;
  return r;
}

}  // namespace dossier::fhir
