// The export audit trail (45 CFR 164.312(b)): one row per step in an export's life, with
// who, which patient, from where.
//
// Rows are only ever appended, as links of a hash chain (audit/audit_chain.h) that shows
// any later edit, deletion or out-of-band insertion. Nothing in Dossier updates or deletes
// an audit row; the exceptions are two one-time sealings, which only write the chain
// columns (prev_hash, row_hash): of rows written before the chain existed (see migration
// 0008), and of an intact chain of plain SHA-256 hashes when the audit key is made
// (audit::open_chain_key).
//
// Actions:
//   created     a user asked for the export (the request's caller)
//   completed   a worker stored its file (user: the job's creator; no address)
//   failed      a worker gave up on it (user: the job's creator; no address)
//   downloaded  a user fetched the file
//   deleted     a user deleted the job and its file
//   shared      a user was handed a signed download link to the file (a link works without
//               a token, so whoever holds it may fetch the file); once per job and user per
//               link lifetime, not on every read that repeats the link
//   download_refused  a user asked for the file and it was not served: it failed its
//               integrity check (altered at rest) or could not be read
//   expired     the cleanup pass deleted the file after its expiry (user: the job's creator)
//   previewed   a user rendered a template for a patient (no job: a preview is shown, not
//               stored)
//   access_refused  an authenticated user was answered 403 or 404 on an export, a job or a
//               download: the ids they gave, as given, and the status
//   fhir_read   a user read a patient's record through the FHIR API (Patient/$everything;
//               no job: the Bundle is answered, not stored)
//   imported    a patient's record was loaded from a FHIR Bundle (POST /api/v1/import/fhir,
//               or `dossier import --fhir` with no user); metadata: the source format and
//               the rows per table
//   signed_in   a user signed in to the web pages (no patient, no job)
//   sign_in_failed  a sign-in to the web pages was refused; the user when the username named
//               one (never the username as typed: it may be a mistyped password); metadata
//               {"reason": "wrong_credentials" | "throttled"}
//   signed_out  a user ended their web session
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_chain.h"
#include "auth/caller.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::audit {

struct Entry {
  std::string action;                        //!< one of the actions above
  std::optional<std::string> export_job_id;  //!< nullopt for previews and refusals without one
  std::optional<std::string> patient_id;
  Json metadata = Json::object();  //!< ids and settings only, never PHI
};

//! The caller a worker-side step of `job` (an export_jobs row) is recorded for: its creator,
//! whose export it is, with no address since no request of theirs caused the step.
auth::Caller job_creator(const Json& job);

//! An entry about the export_jobs row `job`: its id and, when it has one, its patient.
Entry job_entry(std::string action, const Json& job, Json metadata = Json::object());

//! Appends one row for `caller` at the head of the chain, hashed under `key`. Call inside the
//! transaction of the change it records, as its last write: on PostgreSQL it holds the chain lock,
//! which serializes every append, until that transaction ends. Called outside a transaction it runs
//! in one of its own. An action not listed above is a bug: kInternal, nothing written. A caller
//! with no user id (the bearer of a forged link) is recorded without a user.
Status append(db::Database& db, const ChainKey& key, const auth::Caller& caller,
              const Entry& entry);

//! A request refused with 403 or 404, as the caller made it.
struct Refusal {
  std::string operation;  //!< e.g. "create_export", "read_job", "delete_job", "download"
  int status = 404;       //!< the HTTP status it was answered
  std::optional<std::string> job_id;      //!< as given, any text
  std::optional<std::string> patient_id;  //!< as given, any text
};

//! Appends 'access_refused' for `caller`. The ids go into metadata as given (cut to 64
//! bytes); into the row's job and patient columns only when they name an existing job or
//! patient (a job brings its patient), so the audit log's filters find probes of real ones.
Status record_refusal(db::Database& db, const ChainKey& key, const auth::Caller& caller,
                      const Refusal& refusal);

//! A signed download link handed to a caller.
struct SharedLink {
  std::string job_id;
  std::optional<std::string> patient_id;
  std::string link_expires_at;  //!< timestamp
};

//! Appends 'shared' for `caller` for each of `links` whose job has no 'shared' row of this
//! caller's user from `since` (a timestamp) on: with `since` a link lifetime ago, a job read
//! over and over records one row a lifetime, not one a read. Two reads racing may both
//! write one; a duplicate says nothing false.
Status record_shared_links(db::Database& db, const ChainKey& key, const auth::Caller& caller,
                           const std::vector<SharedLink>& links, const std::string& since);

//! Whether `action` is one of the actions above.
bool is_action(std::string_view action);
//! The actions above, comma-separated, for messages that list them.
std::string action_list();

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
