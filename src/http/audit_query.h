// How GET /api/v1/export/audit reads its filters, shared with the web pages' Audit page so
// both accept exactly the same thing.
#pragma once

#include "audit/audit_log.h"
#include "core/result.h"
#include "http/router.h"

namespace dossier::http {

//! ?user_id=&patient_id=&job_id=&cursor= (UUIDs), ?action= (an audit action), ?since=&until=
//! (a date YYYY-MM-DD or an ISO 8601 timestamp) and ?limit= (1–200) as an audit::Query;
//! kValidation naming every field that is not valid.
Result<audit::Query> parse_audit_query(const Context& ctx);

}  // namespace dossier::http
