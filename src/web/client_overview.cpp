// clients.h: one client's record at a glance.
#include "auth/visibility.h"
#include "web/clients.h"

namespace dossier::web {
namespace {

constexpr int kUpcoming = 5;
constexpr int kRecent = 10;

Result<Json> sessions(db::Database& db, const std::string& id, const std::string& now,
                      bool upcoming) {
  const std::string sql =
      std::string(
          "SELECT id, start_time, duration_minutes, cpt_code, status, telehealth FROM "
          "sessions WHERE patient_id = ? AND start_time ") +
      (upcoming ? ">= ? ORDER BY start_time, id" : "< ? ORDER BY start_time DESC, id DESC") +
      " LIMIT ?";
  DOSSIER_ASSIGN_OR_RETURN(db::Rows rows, db.query(sql, {id, now, upcoming ? kUpcoming : kRecent}));
  Json out = Json::array();
  for (auto& r : rows) {
    r["telehealth"] = r["telehealth"] == 1;
    out.push_back(std::move(r));
  }
  return out;
}

// Goals with their latest measurement ("latest": {"value", "measured_on"} or null).
Result<Json> goals(db::Database& db, const std::string& id) {
  DOSSIER_ASSIGN_OR_RETURN(
      db::Rows rows, db.query("SELECT id, description, measure, baseline_value, target_value, "
                              "due_date, status FROM goals WHERE patient_id = ? ORDER BY "
                              "created_at, id",
                              {id}));
  Json out = Json::array();
  for (auto& goal : rows) {
    DOSSIER_ASSIGN_OR_RETURN(
        Json latest, db.query_one("SELECT value, measured_on FROM goal_measurements WHERE goal_id "
                                  "= ? ORDER BY measured_on DESC, created_at DESC LIMIT 1",
                                  {goal["id"]}));
    goal["latest"] = latest;
    out.push_back(std::move(goal));
  }
  return out;
}

Result<Json> latest_assessment(db::Database& db, const std::string& id, const char* instrument) {
  return db.query_one(
      "SELECT instrument, total_score, severity, administered_on FROM assessments WHERE "
      "patient_id = ? AND instrument = ? ORDER BY administered_on DESC, created_at DESC LIMIT 1",
      {id, instrument});
}

// The latest progress note's sections as [{"name", "text"}], or null. Psychotherapy notes
// never appear on a page: they are kept apart from the record by rule.
Result<Json> latest_note(db::Database& db, const auth::Caller& caller, const std::string& id) {
  if (!caller.may_read_notes()) return Json(nullptr);
  DOSSIER_ASSIGN_OR_RETURN(
      Json row, db.query_one("SELECT n.sections, n.format, s.start_time FROM session_notes n JOIN "
                             "sessions s ON s.id = n.session_id WHERE n.patient_id = ? AND "
                             "n.kind = 'progress_note' ORDER BY s.start_time DESC, n.id DESC "
                             "LIMIT 1",
                             {id}));
  if (row.is_null()) return Json(nullptr);
  const Json sections = row["sections"].is_string()
                            ? Json::parse(row["sections"].get<std::string>(), nullptr, false)
                            : row["sections"];
  Json out = {
      {"session_start", row["start_time"]}, {"format", row["format"]}, {"sections", Json::array()}};
  if (!sections.is_object()) return out;
  for (const auto& [name, text] : sections.items()) {
    if (text.is_string()) out["sections"].push_back({{"name", name}, {"text", text}});
  }
  return out;
}

}  // namespace

Result<Json> client_overview(db::Database& db, const auth::Caller& caller, const std::string& id,
                             TimePoint now) {
  DOSSIER_TRY(auth::require_patient_visible(db, caller, id));
  DOSSIER_ASSIGN_OR_RETURN(
      Json client, db.query_one("SELECT id, given_name, family_name, preferred_name, birth_date, "
                                "mrn, status FROM patients WHERE id = ?",
                                {id}));
  client["name"] =
      client["given_name"].get<std::string>() + " " + client["family_name"].get<std::string>();
  const std::string at = format_timestamp(now);
  Json out = {{"client", std::move(client)}};
  DOSSIER_ASSIGN_OR_RETURN(out["upcoming_sessions"], sessions(db, id, at, true));
  DOSSIER_ASSIGN_OR_RETURN(out["recent_sessions"], sessions(db, id, at, false));
  DOSSIER_ASSIGN_OR_RETURN(out["goals"], goals(db, id));
  DOSSIER_ASSIGN_OR_RETURN(Json phq9, latest_assessment(db, id, "PHQ-9"));
  DOSSIER_ASSIGN_OR_RETURN(Json gad7, latest_assessment(db, id, "GAD-7"));
  out["assessments"] = {{"phq9", std::move(phq9)}, {"gad7", std::move(gad7)}};
  DOSSIER_ASSIGN_OR_RETURN(
      db::Rows diagnoses,
      db.query("SELECT icd10_code, description, is_primary FROM diagnoses WHERE patient_id = ? AND "
               "status = 'active' ORDER BY is_primary DESC, icd10_code",
               {id}));
  out["diagnoses"] = diagnoses;
  DOSSIER_ASSIGN_OR_RETURN(out["latest_note"], latest_note(db, caller, id));
  return out;
}

}  // namespace dossier::web
