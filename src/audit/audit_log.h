// The export audit trail (45 CFR 164.312(b)): one row per created, downloaded, deleted or
// shared export, with who, which patient, from where. Rows are only ever appended.
#pragma once

#include <optional>
#include <string>

#include "auth/caller.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::audit {

struct Entry {
  std::string action;  //!< created | downloaded | deleted | shared
  std::string export_job_id;
  std::optional<std::string> patient_id;
  Json metadata = Json::object();  //!< ids and settings only, never PHI
};

//! Appends one row for `caller`. Call inside the transaction of the change it records.
Status append(db::Database& db, const auth::Caller& caller, const Entry& entry);

struct Query {
  std::optional<std::string> user_id;
  std::optional<std::string> patient_id;
  std::optional<std::string> export_job_id;
  std::optional<std::string> action;
  std::optional<std::string> since;  //!< timestamp, inclusive
  std::optional<std::string> until;  //!< timestamp, exclusive
  int limit = 100;
  std::optional<std::string> cursor;  //!< id of the last row of the previous page
};

//! Rows matching `query`, newest first: {"entries": [...], "next_cursor": id|null}.
Result<Json> list(db::Database& db, const Query& query);

}  // namespace dossier::audit
