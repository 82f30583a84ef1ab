// Session notes in bulk, "bundle": "zip": a session_notes job whose request names many
// sessions makes a ZIP with one document per session (named "<session id><extension>", in
// the request's order) and manifest.json (ordered_zip.h; unit member "session_id"). Each
// document is exactly the job's export for that one session. The default bundle, "merged",
// is the one document with every note that session-note exports have always made.
#pragma once

#include "core/byte_sink.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"
#include "jobs/worker_pool.h"

namespace dossier::pipeline {

//! True for a session_notes job row (parameters as text or object) that asked for a ZIP.
bool is_zip_bundle(const Json& job);

//! The ZIP of a claimed zip-bundle job row, its documents rendered on `threads` threads.
Result<jobs::ProducedFile> produce_session_bundle(db::Database& db, const Json& job,
                                                  const ByteSink& out, int threads = 2);

}  // namespace dossier::pipeline
