// The insurance report's context: the spec's claim_info and clinical_summary, and beside
// them what a claim form or an 837P needs (coverage, billing and rendering providers, the
// client's address, service lines with the payer's telehealth coding). Minimum necessary
// (45 CFR 164.502(b)): no contact details beyond the mailing address, no psychotherapy note.
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
    std::stable_sort(out.begin(), out.end(), [](const Json& a, const Json& b) {
      return a["start_time"].get<std::string>() < b["start_time"].get<std::string>();
    });
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

// Payers differ on how a video visit is coded (DOMAIN.md): the coverage row carries the
// payer's telehealth modifier (95 unless it says GT) and, when set, the place of service the
// payer wants for telehealth. An audio-only visit (modifier 93) keeps 93 alone.
struct TelehealthCoding {
  std::string modifier = "95";
  Json place_of_service;  //!< null: as recorded on the session (02 or 10)
};

TelehealthCoding telehealth_coding(const Json& coverage) {
  TelehealthCoding c;
  if (coverage.is_object()) {
    if (coverage.value("telehealth_modifier", Json()).is_string())
      c.modifier = coverage["telehealth_modifier"].get<std::string>();
    c.place_of_service = coverage.value("telehealth_place_of_service", Json());
  }
  return c;
}

Json coded_modifiers(const Json& session, const TelehealthCoding& coding) {
  Json out = Json::array();
  bool audio_only = false;
  for (const auto& m : session["modifiers"]) {
    if (m == "95" || m == "GT") continue;
    audio_only = audio_only || m == "93";
    out.push_back(m);
  }
  if (session.value("telehealth", false) && !audio_only) out.push_back(coding.modifier);
  return out;
}

Json service_lines(const Json& sessions, const Json& clinicians, const Json& pointers,
                   const TelehealthCoding& coding) {
  Json lines = Json::array();
  for (const auto& s : sessions) {
    const Json& rendering = clinicians[s["therapist_id"].get<std::string>()];
    const bool remote = s.value("telehealth", false);
    lines.push_back({{"session_id", s["id"]},
                     {"service_date", date_of(s["start_time"])},
                     {"procedure_code", s["cpt_code"]},
                     {"modifiers", coded_modifiers(s, coding)},
                     {"place_of_service", remote && coding.place_of_service.is_string()
                                              ? coding.place_of_service
                                              : s["place_of_service"]},
                     {"telehealth", remote},
                     {"units", 1},
                     {"charge_cents", s["fee_cents"]},
                     {"paid_cents", s["amount_paid_cents"]},
                     {"diagnosis_pointers", pointers},
                     {"rendering_provider_npi", rendering.is_null() ? Json() : rendering["npi"]},
                     {"rendering_provider", rendering}});
  }
  return lines;
}

Json unique(const Json& items) {
  Json out = Json::array();
  for (const auto& i : items) {
    if (std::find(out.begin(), out.end(), i) == out.end()) out.push_back(i);
  }
  return out;
}

std::string join(const Json& items, const std::string& sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i.get<std::string>();
  return out;
}

// A clinician as a claim names one: the printed name plus the parts an 837P NM1 takes.
Result<Json> claim_clinician(db::Database& db, const Json& user_id) {
  if (!user_id.is_string()) return Json();
  DOSSIER_ASSIGN_OR_RETURN(Json c, load_clinician(db, user_id.get<std::string>()));
  if (c.is_null()) return c;
  DOSSIER_ASSIGN_OR_RETURN(
      Json names,
      db.query_one("SELECT given_name, family_name FROM users WHERE id = ?", {user_id}));
  c["given_name"] = names["given_name"];
  c["family_name"] = names["family_name"];
  return c;
}

// Measured scores, then what the latest progress note assessed. Psychotherapy notes are
// never read here: a payer's review is entitled to progress notes only (45 CFR 164.501).
std::string progress_text(const Json& summary, const Json& progress_notes) {
  std::string progress;
  for (const auto& s : summary) {
    progress += (progress.empty() ? "" : "; ") + s["instrument"].get<std::string>() + " " +
                std::to_string(s["first_score"].get<int>()) + " to " +
                std::to_string(s["last_score"].get<int>()) + " (" + s["trend"].get<std::string>() +
                ")";
  }
  for (auto it = progress_notes.rbegin(); it != progress_notes.rend(); ++it) {
    const std::string latest = observation_of(*it);
    if (latest.empty()) continue;
    progress += (progress.empty() ? "" : ". ") + std::string("Latest progress note (") +
                date_of((*it)["created_at"]) + "): " + latest;
    break;
  }
  return progress;
}

// Without an active plan the summary says what the sessions and diagnoses do: a payer's
// reviewer reads a sentence, never a blank.
Json clinical_summary(const Json& plan, const Json& diagnoses, const std::string& progress,
                      const Json& procedures) {
  const size_t sessions = procedures.size();
  const std::string billed = std::to_string(sessions) + " billed session" +
                             (sessions == 1 ? "" : "s") +
                             (sessions == 0 ? "" : " (CPT " + join(unique(procedures), ", ") + ")");
  std::string problem = plan.is_null() ? "" : plan.value("problem", std::string());
  if (problem.empty() && !diagnoses.empty()) {
    problem = diagnoses[0]["description"].get<std::string>() + " (" +
              diagnoses[0]["icd10_code"].get<std::string>() + ")";
  }
  const std::string treatment = plan.is_null()
                                    ? "Psychotherapy: " + billed
                                    : plan.value("modality", std::string("Psychotherapy")) + ": " +
                                          join(plan["interventions"], ", ") + "; " + billed;
  const std::string measured =
      progress.empty() ? "No standardized measure or signed progress note in the record yet"
                       : progress;
  Json necessity;
  if (!diagnoses.empty()) {
    necessity = "Diagnosis " + diagnoses[0]["icd10_code"].get<std::string>() + " (" +
                diagnoses[0]["description"].get<std::string>() +
                ") with symptoms requiring continued treatment: " + measured;
  }
  return {{"presenting_problem", problem.empty() ? Json() : Json(problem)},
          {"treatment_provided", treatment},
          {"progress", measured},
          {"medical_necessity", necessity}};
}

// Of the client, what a claim form prints: name, birth date, sex, mailing address, and the
// practice's account number (the MRN).
Json claim_patient(const Json& p) {
  Json out = Json::object();
  for (const char* key : {"name", "given_name", "middle_name", "family_name", "birth_date", "sex",
                          "address_line1", "address_line2", "city", "state", "postal_code"}) {
    out[key] = p.value(key, Json());
  }
  out["account_number"] = p.value("mrn", Json());
  return out;
}

struct Record {
  Json patient, therapist, practice, sessions, coverage, other_coverage, diagnoses, plan,
      assessments, notes;
};

Result<Record> load_record(db::Database& db, const Job& job) {
  Record r;
  DOSSIER_ASSIGN_OR_RETURN(r.patient, load_patient(db, job.patient_id, job.generated_at));
  DOSSIER_ASSIGN_OR_RETURN(Json primary, load_primary_therapist(db, job.patient_id));
  DOSSIER_ASSIGN_OR_RETURN(r.therapist,
                           claim_clinician(db, primary.is_null() ? Json() : primary["id"]));
  DOSSIER_ASSIGN_OR_RETURN(r.practice, load_practice(db));
  DOSSIER_ASSIGN_OR_RETURN(r.sessions, billable_sessions(db, job));
  DOSSIER_ASSIGN_OR_RETURN(
      Json coverage,
      load_rows(db, "coverage", "patient_id = ? AND priority = 'primary'", {job.patient_id}));
  r.coverage = coverage.empty() ? Json(nullptr) : coverage[0];
  // A claim form names the other plan (items 9, 9a, 9d, 11d).
  DOSSIER_ASSIGN_OR_RETURN(
      Json other,
      load_rows(db, "coverage", "patient_id = ? AND priority = 'secondary'", {job.patient_id}));
  r.other_coverage = other.empty() ? Json(nullptr) : other[0];
  DOSSIER_ASSIGN_OR_RETURN(
      r.diagnoses,
      load_rows(db, "diagnoses", "patient_id = ? AND status = 'active'", {job.patient_id}));
  std::stable_sort(r.diagnoses.begin(), r.diagnoses.end(), [](const Json& a, const Json& b) {
    return a["is_primary"].get<bool>() > b["is_primary"].get<bool>();
  });
  DOSSIER_ASSIGN_OR_RETURN(
      Json plans,
      load_rows(db, "treatment_plans", "patient_id = ? AND status = 'active'", {job.patient_id}));
  r.plan = plans.empty() ? Json(nullptr) : plans[0];
  DOSSIER_ASSIGN_OR_RETURN(r.assessments,
                           load_rows(db, "assessments", "patient_id = ?", {job.patient_id}));
  DOSSIER_ASSIGN_OR_RETURN(r.notes, load_rows(db, "session_notes",
                                              "patient_id = ? AND kind = 'progress_note' AND "
                                              "signed_at IS NOT NULL",
                                              {job.patient_id}));
  return r;
}

}  // namespace

Result<Json> gather_insurance_report(db::Database& db, const Job& job) {
  DOSSIER_ASSIGN_OR_RETURN(Record r, load_record(db, job));
  Json clinicians = Json::object();
  Json codes = Json::array(), procedures = Json::array(), dates = Json::array();
  int64_t charges = 0, paid = 0;
  for (const auto& s : r.sessions) {
    const std::string id = s["therapist_id"];
    if (!clinicians.contains(id)) {
      DOSSIER_ASSIGN_OR_RETURN(clinicians[id], claim_clinician(db, s["therapist_id"]));
    }
    procedures.push_back(s["cpt_code"]);
    dates.push_back(date_of(s["start_time"]));
    charges += s["fee_cents"].get<int64_t>();
    paid += s["amount_paid_cents"].get<int64_t>();
  }
  Json described = Json::array();
  for (const auto& d : r.diagnoses) {
    codes.push_back(d["icd10_code"]);
    described.push_back({{"code", d["icd10_code"]},
                         {"description", d["description"]},
                         {"onset_date", d["onset_date"]}});
  }
  const Json& practice = r.practice;
  const Json& therapist = r.therapist;
  Json claim = {{"provider_npi", therapist.is_null() ? Json() : therapist["npi"]},
                {"provider_name", therapist.is_null() ? Json() : therapist["name"]},
                {"patient_id", r.coverage.is_null() ? Json() : r.coverage["member_id"]},
                {"diagnosis_codes", codes},
                {"procedure_codes", procedures},
                {"service_dates", dates},
                {"total_units", static_cast<int>(r.sessions.size())},
                {"billing_name", practice.is_null() ? Json() : practice["name"]},
                {"billing_npi", practice.is_null() ? Json() : practice["npi"]},
                {"billing_tax_id", practice.is_null() ? Json() : practice["tax_id"]},
                {"rendering_provider", therapist},
                {"diagnoses", described},
                {"total_charge_cents", charges},
                {"amount_paid_cents", paid}};
  const std::string progress = progress_text(assessment_summary(r.assessments), r.notes);
  // The practice is the billing provider: its letterhead, address and zone (no PHI).
  return Json{
      {"export", export_header(job)},
      {"practice", practice},
      {"notices", required_notices(r.patient)},
      {"patient", claim_patient(r.patient)},
      {"coverage", r.coverage},
      {"claim_info", claim},
      {"clinical_summary", clinical_summary(r.plan, r.diagnoses, progress, procedures)},
      {"service_lines", service_lines(r.sessions, clinicians, diagnosis_pointers(codes.size()),
                                      telehealth_coding(r.coverage))}};
}

}  // namespace dossier::gather
