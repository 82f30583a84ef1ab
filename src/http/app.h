// The services the HTTP handlers call, wired once at start-up by the CLI.
#pragma once

#include <chrono>
#include <functional>

#include "audit/audit_log.h"
#include "auth/signed_links.h"
#include "db/database.h"
#include "http/router.h"
#include "jobs/job_store.h"
#include "storage/blob_store.h"
#include "storage/key_ring.h"

namespace dossier::http {

struct App {
  db::Database& db;
  storage::BlobStore& files;
  jobs::JobStore& jobs;
  const auth::LinkSigner& links;
  const audit::ChainKey& audit_key;    //!< hashes every audit row a request writes
  std::chrono::hours link_lifetime;    //!< of a signed download link (never past the file's)
  std::function<void()> job_enqueued;  //!< wakes the embedded workers, if any
  storage::KeyRing* keys = nullptr;    //!< seal secrets kept in the database (schedules)
};

void add_system_routes(Router& router);
void add_export_routes(Router& router, App& app);
void add_audit_routes(Router& router, App& app);
void add_record_routes(Router& router, App& app);
void add_template_routes(Router& router, App& app);
void add_template_asset_routes(Router& router, App& app);
void add_token_routes(Router& router, App& app);
void add_disclosure_routes(Router& router, App& app);
void add_fhir_routes(Router& router, App& app);
void add_schedule_routes(Router& router, App& app);
void add_fhir_bulk_routes(Router& router, App& app);
void add_import_routes(Router& router, App& app);

//! Every route of the API.
void add_all_routes(Router& router, App& app);

//! Parses ?limit= (1–200, default 50) into `limit`; kValidation naming "limit".
Status parse_limit(const Context& ctx, int& limit);

//! Returns `error`, first recording it as 'access_refused' for `caller` when it is a 403 or
//! 404 (audit::record_refusal; `attempt`'s status is filled in here).
Error audit_refusal(App& app, const auth::Caller& caller, audit::Refusal attempt, Error error);

}  // namespace dossier::http
