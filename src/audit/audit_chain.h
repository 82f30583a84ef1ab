// The hash chain that makes the export audit trail tamper-evident.
//
// Every row of export_audit_log has a place in the chain, `seq` (1, 2, 3, … with no gaps),
// the hash of the row before it, `prev_hash` (64 zeros for seq 1), and its own hash:
//
//   row_hash = lower-case hex SHA-256 of the UTF-8 text of the JSON array
//     [prev_hash, seq, id, export_job_id, user_id, patient_id, action, ip_address,
//      user_agent, metadata, created_at]
//
// dumped compactly (no spaces, non-ASCII as is, invalid UTF-8 replaced by U+FFFD), with
// SQL NULL as null, seq as a number and the other columns as strings, except metadata: its
// stored text parsed as JSON and dumped with every object's keys sorted (text that is not
// JSON counts as that text, a string). Each row's hash thus covers every column but itself,
// and through prev_hash the whole chain before it.
//
// What verify() can tell: a row whose content (or seq or prev_hash) was edited, a row
// deleted from anywhere but the end, and a row added by other means than append. What it
// cannot: rows cut from the end of the chain, or a chain rewritten with every hash
// recomputed (the hash has no secret); keep `last_verified` of a report elsewhere to catch
// those.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/json.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::audit {

//! The row_hash of `row`, an export_audit_log row as a JSON object keyed by column (row_hash
//! itself, when present, is ignored).
std::string chain_hash(const Json& row);

//! Gives `row` (every column but seq, prev_hash and row_hash) the next place in the chain and
//! inserts it, all in one transaction (a savepoint inside the caller's): the head is read
//! and the row written under a lock that serializes appends across processes, so the chain
//! never forks. On PostgreSQL the lock is held until the caller's transaction ends.
Status append_to_chain(db::Database& db, Json row);

struct BrokenLink {
  std::optional<int64_t> seq;  //!< nullopt for a row outside the chain (no seq)
  std::string id;
  //! "altered"                  its content no longer matches its row_hash
  //! "deleted before this row"  its seq skips one or more: rows before it are gone
  //! "does not follow the previous row"  its prev_hash is not the row_hash of the row before
  //!                            it: one of the two was replaced, hash and all
  //! "inserted"                 it was never appended: no hash, no seq, or a seq out of order
  std::string problem;
};

struct VerifyReport {
  int64_t rows_checked = 0;  //!< chain rows read, up to and including the first broken one
  bool ok = true;
  std::optional<BrokenLink> first_broken;
  //! The last row that verified, as {"seq", "row_hash"}; null when there is none. When ok,
  //! this is the head: recorded elsewhere, it shows later whether the end was cut off.
  Json last_verified;

  Json to_json() const;
};

//! Walks the chain in seq order, streaming, and reports its first broken link; rows outside
//! the chain count after the whole chain. Ids and positions only, never row content. Rows
//! from before the chain existed are sealed first, once (see the 0008 migration).
Result<VerifyReport> verify(db::Database& db);

}  // namespace dossier::audit
