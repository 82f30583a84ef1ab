#include <algorithm>

#include "gather/measures.h"
#include "gather/reports.h"

namespace dossier::gather {
namespace {

Result<Json> billable_sessions(db::Database& db, const Job& job) {
  const Json& p = job.parameters;
  if (p.contains("session_ids")) {
    Json out = Json::array();
    for (const auto& id : p["session_ids"]) {
      DOSSIER_ASSIGN_OR_RETURN(
          Json rows, load_rows(db, "sessions", "id = ? AND patient_id = ?", {id, job.patient_id}));
      if (!rows.empty() && rows[0]["status"] == "kept") out.push_back(rows[0]);
    }
    return out;
  }
  const DateBounds b = bounds_from(p);
  return load_rows(db, "sessions",
                   "patient_id = ? AND status = 'kept' AND substr(start_time, 1, 10) >= ? AND "
                   "substr(start_time, 1, 10) <= ?",
                   {job.patient_id, b.start.empty() ? "0000-00-00" : b.start,
                    b.end.empty() ? "9999-99-99" : b.end});
}

// The claim's diagnosis pointers, as a CMS-1500 form (box 24E) and an 837P (SV107) take
// them: each service line points at up to four of the claim's diagnoses, primary first.
Json diagnosis_pointers(size_t diagnoses) {
  Json pointers = Json::array();
  for (size_t i = 0; i < std::min<size_t>(diagnoses, 4); ++i) {
    pointers.push_back(std::string(1, static_cast<char>('A' + i)));
  }
  return pointers;
}

Json service_lines(const Json& sessions, const Json& rendering, const Json& pointers) {
  Json lines = Json::array();
  for (const auto& s : sessions) {
    lines.push_back({{"session_id", s["id"]},
                     {"service_date", date_of(s["start_time"])},
                     {"procedure_code", s["cpt_code"]},
                     {"modifiers", s["modifiers"]},
                     {"place_of_service", s["place_of_service"]},
                     {"units", 1},
                     {"charge_cents", s["fee_cents"]},
                     {"paid_cents", s["amount_paid_cents"]},
                     {"diagnosis_pointers", pointers},
                     {"rendering_provider_npi",
                      rendering.value(s["therapist_id"].get<std::string>(), Json())}});
  }
  return lines;
}

std::string join(const Json& items, const std::string& sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i.get<std::string>();
  return out;
}

}  // namespace

Result<Json> gather_insurance_report(db::Database& db, const Job& job) {
  DOSSIER_ASSIGN_OR_RETURN(Json patient, load_patient(db, job.patient_id, job.generated_at));
  DOSSIER_ASSIGN_OR_RETURN(Json therapist, load_primary_therapist(db, job.patient_id));
  DOSSIER_ASSIGN_OR_RETURN(Json practice, load_practice(db));
  DOSSIER_ASSIGN_OR_RETURN(Json sessions, billable_sessions(db, job));
  DOSSIER_ASSIGN_OR_RETURN(
      Json coverage,
      load_rows(db, "coverage", "patient_id = ? AND priority = 'primary'", {job.patient_id}));
  DOSSIER_ASSIGN_OR_RETURN(
      Json diagnoses,
      load_rows(db, "diagnoses", "patient_id = ? AND status = 'active'", {job.patient_id}));
  DOSSIER_ASSIGN_OR_RETURN(
      Json plans,
      load_rows(db, "treatment_plans", "patient_id = ? AND status = 'active'", {job.patient_id}));
  DOSSIER_ASSIGN_OR_RETURN(Json assessments,
                           load_rows(db, "assessments", "patient_id = ?", {job.patient_id}));
  std::stable_sort(diagnoses.begin(), diagnoses.end(), [](const Json& a, const Json& b) {
    return a["is_primary"].get<bool>() > b["is_primary"].get<bool>();
  });

  Json rendering = Json::object();
  Json codes = Json::array(), procedures = Json::array(), dates = Json::array();
  for (const auto& s : sessions) {
    DOSSIER_ASSIGN_OR_RETURN(Json c, load_clinician(db, s["therapist_id"]));
    rendering[s["therapist_id"].get<std::string>()] = c.is_null() ? Json() : c["npi"];
    procedures.push_back(s["cpt_code"]);
    dates.push_back(date_of(s["start_time"]));
  }
  Json described = Json::array();
  for (const auto& d : diagnoses) {
    codes.push_back(d["icd10_code"]);
    described.push_back({{"code", d["icd10_code"]}, {"description", d["description"]}});
  }
  const Json summary = assessment_summary(assessments);
  const Json plan = plans.empty() ? Json(nullptr) : plans[0];
  std::string progress;
  for (const auto& s : summary) {
    progress += (progress.empty() ? "" : "; ") + s["instrument"].get<std::string>() + " " +
                std::to_string(s["first_score"].get<int>()) + " to " +
                std::to_string(s["last_score"].get<int>()) + " (" + s["trend"].get<std::string>() +
                ")";
  }
  const Json cov = coverage.empty() ? Json(nullptr) : coverage[0];
  Json claim = {{"provider_npi", therapist.is_null() ? Json() : therapist["npi"]},
                {"provider_name", therapist.is_null() ? Json() : therapist["name"]},
                {"billing_name", practice.is_null() ? Json() : practice["name"]},
                {"billing_npi", practice.is_null() ? Json() : practice["npi"]},
                {"billing_tax_id", practice.is_null() ? Json() : practice["tax_id"]},
                {"patient_id", cov.is_null() ? Json() : cov["member_id"]},
                {"diagnosis_codes", codes},
                {"diagnoses", described},
                {"procedure_codes", procedures},
                {"service_dates", dates},
                {"total_units", static_cast<int>(sessions.size())}};
  Json clinical = {
      {"presenting_problem", plan.is_null() ? Json() : plan["problem"]},
      {"treatment_provided", plan.is_null()
                                 ? Json()
                                 : Json(plan.value("modality", std::string("Psychotherapy")) +
                                        ": " + join(plan["interventions"], ", "))},
      {"progress", progress},
      {"medical_necessity",
       diagnoses.empty()
           ? Json()
           : Json("Diagnosis " + diagnoses[0]["icd10_code"].get<std::string>() + " (" +
                  diagnoses[0]["description"].get<std::string>() +
                  ") with measured symptoms requiring continued treatment: " + progress)}};
  // The practice is the billing provider: its letterhead, address and zone (no PHI).
  return Json{
      {"export", export_header(job)},
      {"practice", practice},
      {"notices", required_notices(patient)},
      {"patient",
       {{"name", patient["name"]}, {"birth_date", patient["birth_date"]}, {"sex", patient["sex"]}}},
      {"coverage", cov},
      {"claim_info", claim},
      {"clinical_summary", clinical},
      {"service_lines", service_lines(sessions, rendering, diagnosis_pointers(codes.size()))}};
}

}  // namespace dossier::gather
