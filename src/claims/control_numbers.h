// Interchange control numbers of 837P exports (ISA13, GS06, ST02): unique across every
// export of the practice and kept with the job that used one (table claim_interchanges,
// migration 0012), so an acknowledgement names the job and a job run again after a crash
// writes the file it would have written.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"
#include "db/database.h"

namespace dossier::claims {

//! The job's control number: the one it already holds, else the next free one (1, 2, …),
//! recorded for it. Safe when several workers of one database allocate at once.
//! kUnavailable once 999,999,999 numbers (ISA13's nine digits) are used up.
Result<int64_t> control_number_for(db::Database& db, const std::string& job_id);

}  // namespace dossier::claims
