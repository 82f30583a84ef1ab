#include "gather/full_record.h"

#include <algorithm>
#include <set>

#include "record/schema.h"

namespace dossier::gather {
namespace {

struct SectionTables {
  const char* section;
  std::vector<const char*> tables;
};

// Which include_sections key carries which tables. practice and users are always there:
// they name the clinicians the rows point at.
const std::vector<SectionTables>& section_tables() {
  static const std::vector<SectionTables> kMap = {
      {"demographics", {"patients", "care_team"}},
      {"coverage", {"coverage"}},
      {"diagnoses", {"diagnoses"}},
      {"treatment_plans", {"treatment_plans", "goals", "goal_measurements"}},
      {"sessions", {"sessions"}},
      {"notes", {"session_notes"}},
      {"assessments", {"assessments"}},
      {"attachments", {"attachments"}},
  };
  return kMap;
}

Result<Json> load_dated(db::Database& db, const std::string& table, const Job& job,
                        const DateBounds& bounds) {
  std::string where = std::string(table == "patients" ? "id" : "patient_id") + " = ?";
  db::Params params{job.patient_id};
  const std::string date_expr = table == "sessions"            ? "substr(start_time, 1, 10)"
                                : table == "assessments"       ? "administered_on"
                                : table == "goal_measurements" ? "measured_on"
                                : table == "session_notes"
                                    ? "(SELECT substr(s.start_time, 1, 10) FROM sessions s WHERE "
                                      "s.id = session_notes.session_id)"
                                    : "";
  if (!date_expr.empty() && !bounds.start.empty()) {
    where += " AND " + date_expr + " >= ?";
    params.push_back(bounds.start);
  }
  if (!date_expr.empty() && !bounds.end.empty()) {
    where += " AND " + date_expr + " <= ?";
    params.push_back(bounds.end);
  }
  return load_rows(db, table, where, params);
}

Json withhold_psychotherapy_notes(const Json& notes, const Job& job) {
  Json kept = Json::array();
  for (const auto& n : notes) {
    if (n["kind"] != "psychotherapy_note" || may_include_psychotherapy_note(job, n["author_id"])) {
      kept.push_back(n);
    }
  }
  return kept;
}

Result<Json> referenced_users(db::Database& db, const Json& tables) {
  std::set<std::string> ids;
  const std::vector<std::pair<const char*, const char*>> refs = {
      {"care_team", "user_id"},
      {"treatment_plans", "therapist_id"},
      {"sessions", "therapist_id"},
      {"session_notes", "author_id"},
      {"session_notes", "signed_by"}};
  for (const auto& [table, column] : refs) {
    if (!tables.contains(table)) continue;
    for (const auto& row : tables[table]) {
      if (row[column].is_string()) ids.insert(row[column].get<std::string>());
    }
  }
  Json users = Json::array();
  const record::TableSpec* spec = record::find_table("users");
  for (const auto& id : ids) {
    DOSSIER_ASSIGN_OR_RETURN(Json row, db.query_one("SELECT * FROM users WHERE id = ?", {id}));
    if (!row.is_null()) users.push_back(record::to_object(*spec, row));
  }
  return users;
}

Json excluded_tables(const Json& sections) {
  Json excluded = Json::array();
  for (const auto& table : record::clinical_tables()) {
    if (!table.excluded_reason.empty()) {
      excluded.push_back({{"table", table.name}, {"reason", table.excluded_reason}});
    }
  }
  for (const auto& st : section_tables()) {
    if (sections.value(st.section, false)) continue;
    for (const char* t : st.tables) {
      excluded.push_back(
          {{"table", t},
           {"reason", std::string("not requested (include_sections.") + st.section + ")"}});
    }
  }
  return excluded;
}

}  // namespace

Result<Json> gather_full_record(db::Database& db, const Job& job) {
  const Json& sections = job.parameters["include_sections"];
  const DateBounds bounds = bounds_from(job.parameters);
  Json tables = Json::object();
  DOSSIER_ASSIGN_OR_RETURN(Json practice_rows, load_rows(db, "practice", "1 = 1", {}));
  tables["practice"] = practice_rows;
  for (const auto& st : section_tables()) {
    if (!sections.value(st.section, false)) continue;
    for (const char* t : st.tables) {
      DOSSIER_ASSIGN_OR_RETURN(Json rows, load_dated(db, t, job, bounds));
      tables[t] =
          std::string(t) == "session_notes" ? withhold_psychotherapy_notes(rows, job) : rows;
    }
  }
  DOSSIER_ASSIGN_OR_RETURN(Json users, referenced_users(db, tables));
  tables["users"] = users;
  DOSSIER_ASSIGN_OR_RETURN(Json patient, load_patient(db, job.patient_id, job.generated_at));

  Json excluded = excluded_tables(sections);
  if (!job.parameters["options"].value("include_psychotherapy_notes", false)) {
    excluded.push_back({{"table", "session_notes"},
                        {"rows", "kind = psychotherapy_note"},
                        {"reason",
                         "psychotherapy notes leave the practice only with a specific "
                         "authorization (45 CFR 164.508(a)(2))"}});
  }
  Json doc = {{"export", export_header(job)},
              {"format_version", 1},
              {"patient_id", job.patient_id},
              {"date_range", bounds.start.empty() && bounds.end.empty()
                                 ? Json(nullptr)
                                 : Json{{"start", bounds.start}, {"end", bounds.end}}},
              {"notices", required_notices(patient)},
              {"tables", tables},
              {"excluded", excluded}};
  if (sections.value("timeline", false)) doc["timeline"] = build_timeline(tables);
  return doc;
}

}  // namespace dossier::gather
