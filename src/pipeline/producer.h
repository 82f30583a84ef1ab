// The export pipeline as workers and previews run it: gather → redact → render, with the
// job's template (or its export type's system template) for document formats.
#pragma once

#include <optional>
#include <string>

#include "audit/audit_chain.h"
#include "auth/caller.h"
#include "db/database.h"
#include "formats/renderer.h"
#include "jobs/worker_pool.h"

namespace dossier::pipeline {

struct Produced {
  formats::Rendered file;
  Json redaction;  //!< the redaction report (redact/redactor.h)
};

//! gather → redact → render for one export_jobs row into `out`; the row's format decides
//! whether a template is needed.
Result<Produced> produce_export(db::Database& db, const Json& job, const ByteSink& out);

//! The same collected in memory (file.bytes), for one document of a batch or bundle ZIP.
Result<Produced> produce_collected(db::Database& db, const Json& job);

//! The same collected in memory, for a preview's stand-in row, whose report nobody keeps.
Result<formats::Rendered> produce(db::Database& db, const Json& job);

//! Produces the file of a claimed export_jobs row.
jobs::Producer make_producer(db::Database& db);

//! Renders `template_id` for a patient the caller may see, without a job: the body names
//! the patient and, optionally, the export's own parameters (dates, sections, sessions);
//! "format" is pdf or html. Session-note previews default to the patient's latest sessions.
//! A practice-wide template names no patient (admins only) and previews the calendar month
//! before today unless the body gives start_date and end_date.
//! The preview is audited under `audit_key`. With `draft`, the template's unsaved content is
//! rendered instead of its stored one (the web editor's live preview): only for callers who
//! may change the template (catalog::editable_template), with the template's own assets.
Result<formats::Rendered> preview_template(db::Database& db, const audit::ChainKey& audit_key,
                                           const auth::Caller& caller,
                                           const std::string& template_id, const Json& body,
                                           const std::optional<std::string>& draft = std::nullopt);

}  // namespace dossier::pipeline
