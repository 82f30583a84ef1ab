// What the Audit page shows, as plain functions: the export audit trail exactly as
// GET /api/v1/export/audit lists it (the same filters, read by the same parser), for admins
// only, with the names of the users and clients its rows refer to and whether the audit
// chain verifies.
#pragma once

#include <string>

#include "audit/audit_chain.h"
#include "audit/audit_log.h"
#include "auth/caller.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"
#include "http/router.h"

namespace dossier::web {

//! Entries on one page of the Audit page.
inline constexpr int kAuditPageSize = 50;

//! The filters of the Audit page's GET form (?user_id=&patient_id=&action=&since=&until=
//! &job_id=&cursor=) as the API reads them; fields left empty filter nothing, and a date in
//! `until` includes that day (the API's `until` excludes it). kValidation naming the field.
Result<audit::Query> parse_audit_filters(const http::Request& request, const auth::Caller& caller);

//! One page of the trail for `query`: {"entries": [{"id", "created_at", "action", "user",
//! "client" (names or null), "user_id", "patient_id", "job_id", "ip_address", "metadata"
//! (compact JSON text)}], "next_cursor", "users", "clients" (every one, [{"id", "name"}], for
//! the filters), "actions", "chain": {"ok", "rows_checked"} when `verify_chain`, else null}.
//! Verifying reads the whole chain, so it is done when asked. kNotFound unless the caller is
//! an admin: the page does not exist for anyone else.
Result<Json> audit_trail(db::Database& db, const audit::ChainKey& key, const auth::Caller& caller,
                         const audit::Query& query, bool verify_chain);

}  // namespace dossier::web
