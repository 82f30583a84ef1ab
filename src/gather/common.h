// Loaders shared by the gatherers: rows of a patient in API form, people, and the
// export header every context starts with.
#pragma once

#include <optional>
#include <string>

#include "auth/caller.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::gather {

//! What a gatherer needs to know about the job it serves.
struct Job {
  std::string id;
  std::string export_type;
  std::string format;
  std::string patient_id;
  Json parameters;
  auth::Caller creator;
  std::string generated_at;
};

Result<Job> load_job(db::Database& db, const Json& row, const std::string& generated_at);

//! Rows of `table` (a record/schema.h table) where `where` holds, in API form, ordered by
//! the table's order column then id; streamed from the database row by row.
Result<Json> load_rows(db::Database& db, const std::string& table, const std::string& where,
                       const db::Params& params);

//! The patient in API form plus "name" (given + family) and "age" (whole years on `on`).
Result<Json> load_patient(db::Database& db, const std::string& patient_id, const std::string& on);

//! A clinician as reports print them: id, name, credentials, npi, license, taxonomy.
Result<Json> load_clinician(db::Database& db, const std::string& user_id);

//! The patient's primary therapist (first on the care team), or null.
Result<Json> load_primary_therapist(db::Database& db, const std::string& patient_id);

Result<Json> load_practice(db::Database& db);

//! {"job_id", "export_type", "format", "generated_at", "generated_by", "parameters"}.
Json export_header(const Job& job);

//! Whether notes of kind psychotherapy_note by `author_id` may go into this export.
bool may_include_psychotherapy_note(const Job& job, const std::string& author_id);

//! Date part (YYYY-MM-DD) of an ISO timestamp.
std::string date_of(const std::string& timestamp);

//! The optional date bounds of the job as SQL-comparable strings ("" when unbounded).
struct DateBounds {
  std::string start;
  std::string end;
  bool contains(const std::string& date) const;
};
DateBounds bounds_from(const Json& parameters);

}  // namespace dossier::gather

namespace dossier::gather {

//! Notices a disclosure of this patient's record must carry (42 CFR Part 2 for
//! substance-use records).
Json required_notices(const Json& patient);

}  // namespace dossier::gather
