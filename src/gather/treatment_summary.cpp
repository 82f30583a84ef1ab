#include "gather/measures.h"
#include "gather/reports.h"

namespace dossier::gather {
namespace {

// Minimum necessary (45 CFR 164.502(b)): a payer reviewing necessity needs who the client
// is and their coverage, not how to reach them.
Json patient_for_purpose(const Json& patient, const std::string& purpose) {
  if (purpose != "insurance") return patient;
  return {{"id", patient["id"]},
          {"name", patient["name"]},
          {"birth_date", patient["birth_date"]},
          {"sex", patient["sex"]},
          {"mrn", patient["mrn"]}};
}

Result<Json> choose_plan(db::Database& db, const Job& job) {
  if (job.parameters.contains("treatment_plan_id")) {
    return load_rows(db, "treatment_plans", "id = ?", {job.parameters["treatment_plan_id"]});
  }
  // The active plan, else the most recent one.
  DOSSIER_ASSIGN_OR_RETURN(Json plans,
                           load_rows(db, "treatment_plans", "patient_id = ?", {job.patient_id}));
  for (const auto& p : plans) {
    if (p["status"] == "active") return Json::array({p});
  }
  return plans.empty() ? Json::array() : Json::array({plans.back()});
}

Json interventions_used(const Json& plan, const Json& sessions) {
  Json cpt = session_summary(sessions)["by_cpt"];
  return {{"planned", plan.is_null() ? Json::array() : plan["interventions"]},
          {"modality", plan.is_null() ? Json(nullptr) : plan["modality"]},
          {"services_by_cpt", cpt}};
}

}  // namespace

Result<Json> gather_treatment_summary(db::Database& db, const Job& job) {
  const Json& sec = job.parameters["include_sections"];
  const std::string purpose = job.parameters.value("purpose", std::string("records"));
  DOSSIER_ASSIGN_OR_RETURN(Json patient, load_patient(db, job.patient_id, job.generated_at));
  DOSSIER_ASSIGN_OR_RETURN(Json therapist, load_primary_therapist(db, job.patient_id));
  DOSSIER_ASSIGN_OR_RETURN(Json practice, load_practice(db));
  DOSSIER_ASSIGN_OR_RETURN(Json plan_rows, choose_plan(db, job));
  const Json plan = plan_rows.empty() ? Json(nullptr) : plan_rows[0];
  const std::string since = plan.is_null() ? "" : plan["start_date"].get<std::string>();
  DOSSIER_ASSIGN_OR_RETURN(
      Json sessions, load_rows(db, "sessions", "patient_id = ? AND substr(start_time, 1, 10) >= ?",
                               {job.patient_id, since}));
  DOSSIER_ASSIGN_OR_RETURN(Json assessments,
                           load_rows(db, "assessments", "patient_id = ? AND administered_on >= ?",
                                     {job.patient_id, since}));
  DOSSIER_ASSIGN_OR_RETURN(Json goal_rows, load_rows(db, "goals", "treatment_plan_id = ?",
                                                     {plan.is_null() ? Json("") : plan["id"]}));
  DOSSIER_ASSIGN_OR_RETURN(Json measurements,
                           load_rows(db, "goal_measurements", "patient_id = ?", {job.patient_id}));
  DOSSIER_ASSIGN_OR_RETURN(
      Json diagnoses,
      load_rows(db, "diagnoses", "patient_id = ? AND status = 'active'", {job.patient_id}));
  const Json summary = assessment_summary(assessments);
  const Json goals = goal_progress(goal_rows, measurements, DateBounds{});

  Json ctx = {{"export", export_header(job)}, {"purpose", purpose},
              {"practice", practice},         {"therapist", therapist},
              {"include_sections", sec},      {"notices", required_notices(patient)}};
  ctx["patient"] = sec["patient_info"].get<bool>()
                       ? patient_for_purpose(patient, purpose)
                       : Json{{"id", patient["id"]}, {"name", patient["name"]}};
  if (sec["diagnosis"].get<bool>()) ctx["diagnoses"] = diagnoses;
  if (sec["treatment_plan"].get<bool>()) {
    ctx["treatment_plan"] = plan;
    ctx["goals"] = goals;
  }
  if (sec["interventions_used"].get<bool>())
    ctx["interventions_used"] = interventions_used(plan, sessions);
  if (sec["progress_summary"].get<bool>()) {
    ctx["progress_summary"] = {
        {"sessions", session_summary(sessions)}, {"assessments", summary}, {"goals", goals}};
  }
  if (sec["prognosis"].get<bool>()) ctx["prognosis"] = prognosis(summary);
  if (sec["medical_necessity"].get<bool>()) {
    ctx["medical_necessity"] = {
        {"diagnoses", diagnoses},
        {"target_symptoms", plan.is_null() ? Json(nullptr) : plan["problem"]},
        {"symptom_measures", summary},
        {"measurable_goals", goals},
        {"modality", plan.is_null() ? Json(nullptr) : plan["modality"]},
        {"modality_rationale", plan.is_null() ? Json(nullptr) : plan["modality_rationale"]},
        {"frequency", plan.is_null() ? Json(nullptr) : plan["frequency"]},
        {"planned_duration", plan.is_null() ? Json(nullptr)
                                            : Json{{"start", plan["start_date"]},
                                                   {"next_review", plan["next_review_date"]}}},
        {"risk_assessment", risk_screen(assessments)},
        {"clinician", therapist}};
  }
  return ctx;
}

}  // namespace dossier::gather
