#include "gather/measures.h"
#include "gather/reports.h"

namespace dossier::gather {
namespace {

// The report's period: as requested, else from the first session to the day of the report.
Result<DateBounds> resolve_period(db::Database& db, const Job& job) {
  DateBounds b = bounds_from(job.parameters);
  if (b.start.empty()) {
    DOSSIER_ASSIGN_OR_RETURN(
        Json first, db.query_one("SELECT MIN(start_time) AS t FROM sessions WHERE patient_id = ?",
                                 {job.patient_id}));
    b.start = first["t"].is_string() ? date_of(first["t"]) : date_of(job.generated_at);
  }
  if (b.end.empty()) b.end = date_of(job.generated_at);
  return b;
}

Result<Json> sessions_in(db::Database& db, const Job& job, const DateBounds& b) {
  return load_rows(
      db, "sessions",
      "patient_id = ? AND substr(start_time, 1, 10) >= ? AND substr(start_time, 1, 10) <= ?",
      {job.patient_id, b.start, b.end});
}

Result<Json> progress_notes_in(db::Database& db, const Job& job, const DateBounds& b) {
  return load_rows(
      db, "session_notes",
      "patient_id = ? AND kind = 'progress_note' AND session_id IN (SELECT id FROM sessions WHERE "
      "patient_id = ? AND substr(start_time, 1, 10) >= ? AND substr(start_time, 1, 10) <= ?)",
      {job.patient_id, job.patient_id, b.start, b.end});
}

Result<Json> diagnoses_of(db::Database& db, const std::string& patient_id) {
  DOSSIER_ASSIGN_OR_RETURN(Json rows, load_rows(db, "diagnoses", "patient_id = ?", {patient_id}));
  Json out = Json::array();
  for (const auto& d : rows) {
    out.push_back({{"code", d["icd10_code"]},
                   {"description", d["description"]},
                   {"status", d["status"]},
                   {"is_primary", d["is_primary"]},
                   {"onset_date", d["onset_date"]}});
  }
  return out;
}

Json observations(const Json& notes) {
  Json out = Json::array();
  for (const auto& n : notes) {
    std::string text = observation_of(n);
    if (!text.empty())
      out.push_back({{"note_id", n["id"]}, {"date", date_of(n["created_at"])}, {"text", text}});
  }
  return out;
}

Json recommendations(const Json& notes, const Json& plans) {
  Json out = Json::array();
  for (auto it = notes.rbegin(); it != notes.rend(); ++it) {
    const Json& s = (*it)["sections"];
    if (s.contains("plan") && s["plan"].is_string()) {
      out.push_back({{"source", "latest session plan"}, {"text", s["plan"]}});
      break;
    }
  }
  for (const auto& p : plans) {
    if (p["status"] == "active" && p["next_review_date"].is_string()) {
      out.push_back(
          {{"source", "treatment plan"},
           {"text", "Continue treatment (" + p.value("frequency", std::string("as planned")) + ")" +
                        "; review the treatment plan by " +
                        p["next_review_date"].get<std::string>() + "."}});
    }
  }
  return out;
}

Json medical_necessity(const Json& diagnoses, const Json& assessments, const Json& summary,
                       const Json& plans, const Json& goals) {
  Json primary = nullptr;
  for (const auto& d : diagnoses) {
    if (d["is_primary"].get<bool>()) primary = d;
  }
  Json plan = plans.empty() ? Json(nullptr) : plans.back();
  return {{"primary_diagnosis", primary},
          {"symptom_measures", summary},
          {"measurable_goals", static_cast<int>(goals.size())},
          {"modality", plan.is_null() ? Json(nullptr) : plan["modality"]},
          {"modality_rationale", plan.is_null() ? Json(nullptr) : plan["modality_rationale"]},
          {"frequency", plan.is_null() ? Json(nullptr) : plan["frequency"]},
          {"planned_through", plan.is_null() ? Json(nullptr) : plan["next_review_date"]},
          {"risk_assessment", risk_screen(assessments)}};
}

}  // namespace

Result<Json> gather_progress_report(db::Database& db, const Job& job) {
  const Json& sec = job.parameters["include_sections"];
  DOSSIER_ASSIGN_OR_RETURN(DateBounds period, resolve_period(db, job));
  DOSSIER_ASSIGN_OR_RETURN(Json patient, load_patient(db, job.patient_id, job.generated_at));
  DOSSIER_ASSIGN_OR_RETURN(Json therapist, load_primary_therapist(db, job.patient_id));
  DOSSIER_ASSIGN_OR_RETURN(Json practice, load_practice(db));
  DOSSIER_ASSIGN_OR_RETURN(
      Json plans,
      load_rows(db, "treatment_plans", "patient_id = ? AND start_date <= ? AND status <> 'revoked'",
                {job.patient_id, period.end}));
  DOSSIER_ASSIGN_OR_RETURN(
      Json goal_rows,
      load_rows(db, "goals",
                "patient_id = ? AND treatment_plan_id IN (SELECT id FROM "
                "treatment_plans WHERE patient_id = ? AND start_date <= ? AND status <> 'revoked')",
                {job.patient_id, job.patient_id, period.end}));
  DOSSIER_ASSIGN_OR_RETURN(Json measurements,
                           load_rows(db, "goal_measurements", "patient_id = ?", {job.patient_id}));
  DOSSIER_ASSIGN_OR_RETURN(
      Json assessments,
      load_rows(db, "assessments",
                "patient_id = ? AND administered_on >= ? AND administered_on <= ?",
                {job.patient_id, period.start, period.end}));
  DOSSIER_ASSIGN_OR_RETURN(Json sessions, sessions_in(db, job, period));
  DOSSIER_ASSIGN_OR_RETURN(Json notes, progress_notes_in(db, job, period));
  DOSSIER_ASSIGN_OR_RETURN(Json diagnoses, diagnoses_of(db, job.patient_id));
  const Json goals = goal_progress(goal_rows, measurements, DateBounds{"", period.end});
  const Json summary = assessment_summary(assessments);

  Json ctx = {
      {"export", export_header(job)},        {"practice", practice},   {"therapist", therapist},
      {"start_date", period.start},          {"end_date", period.end}, {"include_sections", sec},
      {"notices", required_notices(patient)}};
  ctx["patient"] = sec["patient_info"].get<bool>()
                       ? patient
                       : Json{{"id", patient["id"]}, {"name", patient["name"]}};
  if (sec["diagnosis"].get<bool>()) ctx["diagnoses"] = diagnoses;
  if (sec["treatment_goals"].get<bool>() || sec["goal_progress"].get<bool>()) ctx["goals"] = goals;
  if (sec["assessments"].get<bool>()) {
    ctx["assessments"] = assessments;
    ctx["assessment_summary"] = summary;
  }
  if (sec["session_summary"].get<bool>()) ctx["session_summary"] = session_summary(sessions);
  if (sec["clinical_observations"].get<bool>()) ctx["clinical_observations"] = observations(notes);
  if (sec["recommendations"].get<bool>()) ctx["recommendations"] = recommendations(notes, plans);
  if (sec["medical_necessity"].get<bool>())
    ctx["medical_necessity"] = medical_necessity(diagnoses, assessments, summary, plans, goals);
  return ctx;
}

}  // namespace dossier::gather
