// Bulk Data exports as jobs: the export_jobs row a kick-off creates (export_type fhir_bulk,
// format ndjson, no patient, the request in parameters) and what its polling and download
// URLs read back. They run on the same queue, workers, leases, audit rows, encryption,
// expiry and cleanup as every other export; only the API in front of them differs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_chain.h"
#include "auth/caller.h"
#include "core/clock.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"
#include "fhir/bulk_request.h"

namespace dossier::pipeline {

//! How many bulk exports one user may have pending or processing at once, by default.
inline constexpr int kDefaultMaxActiveBulkExports = 2;

//! Creates the job of a checked kick-off with its 'created' audit row, in one transaction.
//! `request_url` is the kick-off's URL as the manifest repeats it. kRateLimited when the
//! caller already has `max_active` bulk exports pending or processing; kNotFound for a
//! Group the caller may not see. Returns the job id.
Result<std::string> create_bulk_job(db::Database& db, const Clock& clock,
                                    const audit::ChainKey& audit_key, const auth::Caller& caller,
                                    const fhir::BulkRequest& request,
                                    const std::string& request_url, int max_active);

//! The not deleted bulk export `job_id` of `caller`: only its creator sees it (an admin
//! polling another user's export gets kNotFound too — the status URL is the creator's).
Result<Json> bulk_job_row(db::Database& db, const auth::Caller& caller, const std::string& job_id);

//! One output file of a completed bulk export: its slice of the stored file.
struct BulkPart {
  std::string type;
  int64_t offset = 0;
  int64_t length = 0;
  int64_t count = 0;
};

//! The parts of a completed job row (file_parts); empty when it has none.
std::vector<BulkPart> bulk_parts(const Json& row);

//! The part of `type` in a completed job row; nullopt when the export has no such file.
std::optional<BulkPart> bulk_part(const Json& row, const std::string& type);

//! The completion manifest of a completed job row; file URLs are `files_url` + "/" + Type +
//! ".ndjson".
Json bulk_manifest(const Json& row, const std::string& files_url);

}  // namespace dossier::pipeline
