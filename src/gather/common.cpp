#include "gather/common.h"

#include "core/dates.h"
#include "record/schema.h"

namespace dossier::gather {

Result<Job> load_job(db::Database& db, const Json& row, const std::string& generated_at) {
  Job job;
  job.id = row["id"];
  job.export_type = row["export_type"];
  job.format = row["format"];
  job.patient_id = row["patient_id"].is_string() ? row["patient_id"].get<std::string>() : "";
  job.parameters = row["parameters"].is_string() ? Json::parse(row["parameters"].get<std::string>())
                                                 : Json::object();
  job.generated_at = generated_at;
  DOSSIER_ASSIGN_OR_RETURN(
      Json user, db.query_one("SELECT id, role FROM users WHERE id = ?", {row["user_id"]}));
  if (user.is_null()) return Error::internal("the job's creator no longer exists");
  auto role = auth::parse_role(user["role"].get<std::string>());
  if (!role) return Error::internal("the job's creator has an unknown role");
  job.creator = {user["id"], *role, {}, {}};
  return job;
}

Result<Json> load_rows(db::Database& db, const std::string& table, const std::string& where,
                       const db::Params& params) {
  const record::TableSpec* spec = record::find_table(table);
  if (!spec) return Error::internal("unknown table");
  const std::string order = spec->column("id") ? spec->order_column + ", id" : spec->order_column;
  // Row by row into the context: the raw rows never sit in memory beside their API form.
  Json out = Json::array();
  DOSSIER_TRY(db.for_each("SELECT * FROM " + table + " WHERE " + where + " ORDER BY " + order,
                          params, [&](db::Row&& row) {
                            out.push_back(record::to_object(*spec, row));
                            return Status{};
                          }));
  return out;
}

namespace {

int age_on(const std::string& birth_date, const std::string& on) {
  auto b = parse_date(birth_date);
  auto d = parse_date(on.substr(0, 10));
  if (!b || !d) return 0;
  int age = d->year - b->year;
  if (std::pair(d->month, d->day) < std::pair(b->month, b->day)) --age;
  return age;
}

}  // namespace

Result<Json> load_patient(db::Database& db, const std::string& patient_id, const std::string& on) {
  DOSSIER_ASSIGN_OR_RETURN(Json rows, load_rows(db, "patients", "id = ?", {patient_id}));
  if (rows.empty()) return Error::not_found("patient");
  Json p = rows[0];
  p["name"] = p["given_name"].get<std::string>() + " " + p["family_name"].get<std::string>();
  p["age"] = age_on(p["birth_date"], on);
  return p;
}

Result<Json> load_clinician(db::Database& db, const std::string& user_id) {
  DOSSIER_ASSIGN_OR_RETURN(
      Json u, db.query_one("SELECT id, role, given_name, family_name, credentials, npi, "
                           "license_number, license_state, taxonomy FROM users WHERE id = ?",
                           {user_id}));
  if (u.is_null()) return Json();
  std::string name = u["given_name"].get<std::string>() + " " + u["family_name"].get<std::string>();
  return Json{{"id", u["id"]},
              {"name", name},
              {"credentials", u["credentials"]},
              {"npi", u["npi"]},
              {"license_number", u["license_number"]},
              {"license_state", u["license_state"]},
              {"taxonomy", u["taxonomy"]}};
}

Result<Json> load_primary_therapist(db::Database& db, const std::string& patient_id) {
  DOSSIER_ASSIGN_OR_RETURN(
      Json row, db.query_one("SELECT c.user_id FROM care_team c JOIN users u ON u.id = c.user_id "
                             "WHERE c.patient_id = ? AND u.role = 'therapist' "
                             "ORDER BY CASE c.role WHEN 'primary' THEN 0 ELSE 1 END, c.assigned_at",
                             {patient_id}));
  if (row.is_null()) return Json();
  return load_clinician(db, row["user_id"]);
}

Result<Json> load_practice(db::Database& db) {
  DOSSIER_ASSIGN_OR_RETURN(Json rows, load_rows(db, "practice", "1 = 1", {}));
  return rows.empty() ? Json() : rows[0];
}

Json export_header(const Job& job) {
  return {{"job_id", job.id},
          {"export_type", job.export_type},
          {"format", job.format},
          {"generated_at", job.generated_at},
          {"generated_by", job.creator.user_id},
          {"parameters", job.parameters}};
}

bool may_include_psychotherapy_note(const Job& job, const std::string& author_id) {
  const Json& options = job.parameters.value("options", Json::object());
  if (!options.value("include_psychotherapy_notes", false)) return false;
  return job.creator.is_admin() || job.creator.user_id == author_id;
}

std::string date_of(const std::string& timestamp) {
  return timestamp.substr(0, 10);
}

bool DateBounds::contains(const std::string& date) const {
  return (start.empty() || date >= start) && (end.empty() || date <= end);
}

DateBounds bounds_from(const Json& parameters) {
  return {parameters.value("start_date", std::string()),
          parameters.value("end_date", std::string())};
}

}  // namespace dossier::gather

namespace dossier::gather {

// 42 CFR 2.32(a)(2), as kept by the 2024 final rule: the short form of the notice that must
// accompany each disclosure of a Part 2 record.
Json required_notices(const Json& patient) {
  Json notices = Json::array();
  if (patient.value("substance_use_sensitive", false)) {
    notices.push_back(
        {{"regulation", "42 CFR part 2"},
         {"text", "42 CFR part 2 prohibits unauthorized use or disclosure of these records."}});
  }
  return notices;
}

}  // namespace dossier::gather
