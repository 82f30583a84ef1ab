// The cleanup pass: exports whose files passed their expiry (7 days after completion by
// default) lose their file; the job is marked expired and the step audited. `serve` runs it
// every hour, `dossier cleanup` on demand. Several processes may run it at once on one
// database: each job is expired by exactly one of them.
#pragma once

#include <cstdint>

#include "audit/audit_chain.h"
#include "core/clock.h"
#include "core/result.h"
#include "db/database.h"
#include "storage/blob_store.h"

namespace dossier::jobs {

struct CleanupReport {
  int64_t expired = 0;       //!< jobs marked expired by this pass
  int64_t files_failed = 0;  //!< files whose removal failed (logged; the job is expired anyway)
};

//! Expires every completed, not deleted job whose expires_at is past `clock`'s now, auditing
//! each under `audit_key`.
Result<CleanupReport> expire_files(db::Database& db, storage::BlobStore& files, const Clock& clock,
                                   const audit::ChainKey& audit_key);

}  // namespace dossier::jobs
