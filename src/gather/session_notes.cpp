#include "gather/reports.h"

namespace dossier::gather {
namespace {

// A note as the export shows it, honoring the request's options.
Json present_note(db::Database& db, const Json& note, const Json& options) {
  Json out = {{"id", note["id"]},
              {"kind", note["kind"]},
              {"format", note["format"]},
              {"sections", note["sections"]},
              {"ai_drafted", note["ai_drafted"]},
              {"signed", note["signed_at"].is_string()},
              {"signed_at", note["signed_at"]},
              {"signed_by", nullptr}};
  if (note["signed_by"].is_string()) {
    auto signer = load_clinician(db, note["signed_by"]);
    if (signer.ok()) out["signed_by"] = *signer;
  }
  if (options.value("include_action_items", true)) out["action_items"] = note["action_items"];
  if (options.value("include_transcript", false)) out["transcript"] = note["transcript"];
  return out;
}

}  // namespace

Result<Json> gather_session_notes(db::Database& db, const Job& job) {
  const Json& options = job.parameters["options"];
  DOSSIER_ASSIGN_OR_RETURN(Json patient, load_patient(db, job.patient_id, job.generated_at));
  DOSSIER_ASSIGN_OR_RETURN(Json practice, load_practice(db));
  Json sessions = Json::array();
  for (const auto& id : job.parameters["session_ids"]) {
    DOSSIER_ASSIGN_OR_RETURN(
        Json rows, load_rows(db, "sessions", "id = ? AND patient_id = ?", {id, job.patient_id}));
    if (rows.empty())
      return Error::make(ErrorCode::kNotFound, "a session of this export no longer exists");
    sessions.push_back(rows[0]);
  }
  std::stable_sort(sessions.begin(), sessions.end(),
                   [](const Json& a, const Json& b) { return a["start_time"] < b["start_time"]; });
  Json entries = Json::array();
  for (const auto& s : sessions) {
    DOSSIER_ASSIGN_OR_RETURN(Json notes,
                             load_rows(db, "session_notes", "session_id = ?", {s["id"]}));
    DOSSIER_ASSIGN_OR_RETURN(Json therapist, load_clinician(db, s["therapist_id"]));
    Json shown = Json::array();
    for (const auto& n : notes) {
      if (n["kind"] == "psychotherapy_note" && !may_include_psychotherapy_note(job, n["author_id"]))
        continue;
      if (n["ai_drafted"].get<bool>() && !options.value("include_ai_notes", true)) continue;
      shown.push_back(present_note(db, n, options));
    }
    entries.push_back({{"session", s},
                       {"date", date_of(s["start_time"])},
                       {"therapist", therapist},
                       {"notes", shown}});
  }
  return Json{{"export", export_header(job)}, {"practice", practice},
              {"patient", patient},           {"notices", required_notices(patient)},
              {"options", options},           {"sessions", entries}};
}

std::string observation_of(const Json& note) {
  const Json& s = note["sections"];
  for (const char* key : {"assessment", "response", "text"}) {
    if (s.contains(key) && s[key].is_string()) return s[key];
  }
  return "";
}

}  // namespace dossier::gather
