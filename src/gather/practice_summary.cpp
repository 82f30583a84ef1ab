// The practice summary's context (docs/practice-summary.md): for one period, the sessions of
// every therapist (kept, no-show, cancelled), the CPT mix of the kept ones, the PHQ-9 and
// GAD-7 change of every client assessed, and what was billed and paid. Counts and scores
// only: no notes, and a client is named by MRN alone, because the report goes round the
// practice by email and shared folders.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "gather/reports.h"

namespace dossier::gather {
namespace {

// A change at least this large is one the instrument can tell from noise: five points on the
// PHQ-9, four on the GAD-7, the thresholds the instruments' validation studies use.
int reliable_change(const std::string& instrument) {
  return instrument == "PHQ-9" ? 5 : 4;
}

struct Tally {
  int kept = 0;
  int no_show = 0;
  int cancelled = 0;
  std::set<std::string> clients;  //!< seen: with a kept session

  void count(const Json& session) {
    const std::string status = session["status"];
    if (status == "kept") {
      ++kept;
      clients.insert(session["patient_id"].get<std::string>());
    } else if (status == "no_show") {
      ++no_show;
    } else {
      ++cancelled;
    }
  }

  // No-shows among the sessions that were due to happen: a cancelled one was not.
  Json to_json() const {
    const int due = kept + no_show;
    const Json rate = due == 0 ? Json() : Json(std::round(1000.0 * no_show / due) / 10.0);
    return {{"sessions", kept + no_show + cancelled},
            {"kept", kept},
            {"no_show", no_show},
            {"cancelled", cancelled},
            {"clients_seen", clients.size()},
            {"no_show_rate", rate}};
  }
};

struct SessionFigures {
  Json therapists = Json::array();
  Json totals;
  Json cpt_mix = Json::array();
  Json billing;
};

Result<SessionFigures> session_figures(db::Database& db, const DateBounds& period) {
  DOSSIER_ASSIGN_OR_RETURN(
      db::Rows sessions,
      db.query("SELECT patient_id, therapist_id, status, cpt_code, fee_cents, amount_paid_cents "
               "FROM sessions WHERE substr(start_time, 1, 10) >= ? AND "
               "substr(start_time, 1, 10) <= ?",
               {period.start, period.end}));
  DOSSIER_ASSIGN_OR_RETURN(
      db::Rows therapists,
      db.query("SELECT id FROM users WHERE role = 'therapist' AND is_active = ? "
               "UNION SELECT DISTINCT therapist_id FROM sessions WHERE "
               "substr(start_time, 1, 10) >= ? AND substr(start_time, 1, 10) <= ?",
               {true, period.start, period.end}));
  std::map<std::string, Tally> by_therapist;
  std::map<std::string, int> cpt;
  Tally all;
  int64_t billed = 0;
  int64_t paid = 0;
  for (const auto& s : sessions) {
    by_therapist[s["therapist_id"].get<std::string>()].count(s);
    all.count(s);
    if (s["status"] != "kept") continue;
    ++cpt[s["cpt_code"].get<std::string>()];
    billed += s["fee_cents"].get<int64_t>();
    paid += s["amount_paid_cents"].get<int64_t>();
  }
  SessionFigures out;
  for (const auto& t : therapists) {
    DOSSIER_ASSIGN_OR_RETURN(Json row, load_clinician(db, t["id"].get<std::string>()));
    row.update(by_therapist[t["id"].get<std::string>()].to_json());
    out.therapists.push_back(std::move(row));
  }
  std::sort(out.therapists.begin(), out.therapists.end(),
            [](const Json& a, const Json& b) { return a["name"] < b["name"]; });
  out.totals = all.to_json();
  for (const auto& [code, n] : cpt) {
    out.cpt_mix.push_back(
        {{"code", code}, {"count", n}, {"share", std::round(1000.0 * n / all.kept) / 10.0}});
  }
  out.billing = {{"billed_cents", billed},
                 {"paid_cents", paid},
                 {"outstanding_cents", billed - paid},
                 {"billable_sessions", all.kept}};
  return out;
}

// One client's instrument: the first score on record (up to the period's end) against the
// latest in the period.
Json measure_row(const Json& first, const Json& latest, const Json& patient,
                 const Json& therapist) {
  const std::string instrument = first["instrument"];
  Json row = {{"mrn", patient["mrn"]},
              {"therapist", therapist.is_null() ? Json() : therapist["name"]},
              {"instrument", instrument},
              {"baseline_date", first["administered_on"]},
              {"baseline_score", first["total_score"]},
              {"latest_date", latest["administered_on"]},
              {"latest_score", latest["total_score"]},
              {"latest_severity", latest["severity"]},
              {"change", nullptr},
              {"direction", "baseline only"}};
  if (first["id"] == latest["id"]) return row;
  const int change = latest["total_score"].get<int>() - first["total_score"].get<int>();
  row["change"] = change;
  const int reliable = reliable_change(instrument);
  row["direction"] = change <= -reliable  ? "improved"
                     : change >= reliable ? "worsened"
                                          : "no reliable change";
  return row;
}

Result<Json> measure_rows(db::Database& db, const DateBounds& period) {
  DOSSIER_ASSIGN_OR_RETURN(
      db::Rows given,
      db.query("SELECT id, patient_id, instrument, administered_on, total_score, severity "
               "FROM assessments WHERE administered_on <= ? ORDER BY patient_id, instrument, "
               "administered_on, id",
               {period.end}));
  Json rows = Json::array();
  for (size_t i = 0; i < given.size();) {
    size_t j = i;
    const Json* latest = nullptr;
    for (; j < given.size() && given[j]["patient_id"] == given[i]["patient_id"] &&
           given[j]["instrument"] == given[i]["instrument"];
         ++j) {
      if (period.contains(given[j]["administered_on"].get<std::string>())) latest = &given[j];
    }
    if (latest != nullptr) {
      const std::string patient_id = given[i]["patient_id"];
      DOSSIER_ASSIGN_OR_RETURN(Json patient,
                               db.query_one("SELECT mrn FROM patients WHERE id = ?", {patient_id}));
      DOSSIER_ASSIGN_OR_RETURN(Json therapist, load_primary_therapist(db, patient_id));
      rows.push_back(measure_row(given[i], *latest, patient, therapist));
    }
    i = j;
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Json& a, const Json& b) {
    return std::tie(a["instrument"], a["mrn"]) < std::tie(b["instrument"], b["mrn"]);
  });
  return rows;
}

Json measure_summary(const Json& rows) {
  Json out = Json::array();
  for (const char* instrument : {"PHQ-9", "GAD-7"}) {
    int clients = 0;
    int with_change = 0;
    int total_change = 0;
    std::map<std::string, int> directions;
    for (const auto& r : rows) {
      if (r["instrument"] != instrument) continue;
      ++clients;
      ++directions[r["direction"].get<std::string>()];
      if (r["change"].is_number()) {
        ++with_change;
        total_change += r["change"].get<int>();
      }
    }
    out.push_back(
        {{"instrument", instrument},
         {"clients", clients},
         {"improved", directions["improved"]},
         {"no_reliable_change", directions["no reliable change"]},
         {"worsened", directions["worsened"]},
         {"baseline_only", directions["baseline only"]},
         {"mean_change",
          with_change == 0 ? Json() : Json(std::round(10.0 * total_change / with_change) / 10.0)}});
  }
  return out;
}

// Claim files (837P and CMS-1500) the practice produced in the period.
Result<Json> claim_files(db::Database& db, const DateBounds& period) {
  DOSSIER_ASSIGN_OR_RETURN(
      db::Rows rows,
      db.query("SELECT format, COUNT(*) AS n FROM export_jobs WHERE export_type = "
               "'insurance_report' AND format IN ('x12', 'cms1500') AND status = 'completed' AND "
               "substr(completed_at, 1, 10) >= ? AND substr(completed_at, 1, 10) <= ? "
               "GROUP BY format ORDER BY format",
               {period.start, period.end}));
  Json out = Json::array();
  for (const auto& r : rows) out.push_back({{"format", r["format"]}, {"count", r["n"]}});
  return out;
}

}  // namespace

Result<Json> gather_practice_summary(db::Database& db, const Job& job) {
  const DateBounds period = bounds_from(job.parameters);
  DOSSIER_ASSIGN_OR_RETURN(SessionFigures figures, session_figures(db, period));
  DOSSIER_ASSIGN_OR_RETURN(Json measures, measure_rows(db, period));
  DOSSIER_ASSIGN_OR_RETURN(Json files, claim_files(db, period));
  DOSSIER_ASSIGN_OR_RETURN(Json practice, load_practice(db));
  figures.billing["claim_files"] = files;
  Json context = {{"export", export_header(job)},
                  {"practice", practice},
                  {"period", {{"start", period.start}, {"end", period.end}}},
                  {"totals", figures.totals},
                  {"therapists", figures.therapists},
                  {"cpt_mix", figures.cpt_mix},
                  {"measures", measures},
                  {"measure_summary", measure_summary(measures)},
                  {"billing", figures.billing}};
  return context;
}

}  // namespace dossier::gather
