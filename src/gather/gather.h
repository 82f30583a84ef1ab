// gather: read the record for one export job into a Context — a plain JSON tree that
// renderers and templates consume. One gatherer per export type; this is the dispatcher.
//
// Gatherers read only what the job's type, parameters and creator allow: psychotherapy
// notes only with an authorization on the request and only those the creator may read;
// notes never for billers (their requests are refused earlier, this is the second lock).
#pragma once

#include "core/json.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::gather {

//! The Context for a claimed export_jobs row. `generated_at` is stamped into the
//! context's "export" member, the only part that differs between two runs.
Result<Json> gather(db::Database& db, const Json& job, const std::string& generated_at);

}  // namespace dossier::gather
