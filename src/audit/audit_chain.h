// The hash chain that makes the export audit trail tamper-evident.
//
// Every row of export_audit_log has a place in the chain, `seq` (1, 2, 3, … with no gaps),
// the hash of the row before it, `prev_hash` (64 zeros for seq 1), and its own hash:
//
//   row_hash = lower-case hex HMAC-SHA256, under the practice's audit key, of the UTF-8 text
//     of the JSON array
//     [prev_hash, seq, id, export_job_id, user_id, patient_id, action, ip_address,
//      user_agent, metadata, created_at]
//
// dumped compactly (no spaces, non-ASCII as is, invalid UTF-8 replaced by U+FFFD), with
// SQL NULL as null, seq as a number and the other columns as strings, except metadata: its
// stored text parsed as JSON and dumped with every object's keys sorted (text that is not
// JSON counts as that text, a string). Each row's hash thus covers every column but itself,
// and through prev_hash the whole chain before it.
//
// The audit key (DATA_DIR/keys/audit.secret, 32 random bytes, beside the master keys) is what
// someone with write access to the database lacks: without it they cannot give an edited,
// forged or re-linked row a hash that verifies, so verify() names a row whose content (or
// seq or prev_hash) was edited, a row deleted from anywhere but the end, a row added by other
// means than append, and a chain rewritten with recomputed hashes. Chains from before the
// key carried plain SHA-256 hashes; open_chain_key() re-seals them once, under the key, when
// they are intact, and from then on only keyed hashes verify.
//
// What the database alone cannot show is rows cut from the end: the shorter chain is a
// valid chain. So every append logs the new head (seq and row_hash, nothing else), and a
// head recorded outside the database — shipped logs, or the `last_verified` of an earlier
// report — can be checked with verify(…, expected_head) (`dossier audit verify
// --expect-head SEQ:HASH`, `?expect_seq=&expect_hash=` on the endpoint): the chain must
// still hold that row with that hash. A head logged by an append whose transaction then
// failed is replaced by the next append's line for the same seq.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/json.h"
#include "core/result.h"
#include "db/database.h"
#include "storage/key_ring.h"

namespace dossier::audit {

//! The secret every row_hash is keyed with; the same in every process of a practice.
class ChainKey {
 public:
  //! REQUIRES: `secret` is 32 random bytes.
  explicit ChainKey(std::string secret) : secret_(std::move(secret)) {}
  const std::string& secret() const { return secret_; }

 private:
  std::string secret_;
};

//! The practice's audit key from `keys`. The first time there is none, makes it and, under
//! the chain lock (one process at a time, on either backend), re-seals the chain written
//! before it: when the chain verifies with plain SHA-256 hashes, every row's prev_hash and
//! row_hash are recomputed under the key in one transaction; when it does not, nothing is
//! re-sealed, the break is logged, and verify() goes on reporting it.
Result<ChainKey> open_chain_key(db::Database& db, storage::KeyRing& keys);

//! The text row_hash is computed over: the JSON array above, for `row`, an export_audit_log
//! row as a JSON object keyed by column (row_hash itself, when present, is ignored).
std::string hashed_content(const Json& row);

//! The row_hash of `row` under `key`.
std::string chain_hash(const ChainKey& key, const Json& row);

//! Gives `row` (every column but seq, prev_hash and row_hash) the next place in the chain and
//! inserts it, all in one transaction (a savepoint inside the caller's): the head is read
//! and the row written under a lock that serializes appends across processes, so the chain
//! never forks. On PostgreSQL the lock is held until the caller's transaction ends. Logs the
//! new head (info "audit_appended": seq and row_hash).
Status append_to_chain(db::Database& db, const ChainKey& key, Json row);

//! A place in the chain and the hash of the row there.
struct ChainHead {
  int64_t seq = 0;
  std::string row_hash;
};

struct BrokenLink {
  std::optional<int64_t> seq;  //!< nullopt for a row outside the chain (no seq)
  std::string id;              //!< "" for an expected head that is gone
  //! "altered"                  its content no longer matches its row_hash
  //! "deleted before this row"  its seq skips one or more: rows before it are gone
  //! "does not follow the previous row"  its prev_hash is not the row_hash of the row before
  //!                            it: one of the two was replaced, hash and all
  //! "inserted"                 it was never appended: no hash, no seq, or a seq out of order
  //! "deleted from the end"     the expected head's seq is past the end of the chain
  //! "not the expected head"    the row at the expected head's seq has another row_hash
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

//! Walks the chain in seq order, streaming, and reports its first broken link under `key`;
//! rows outside the chain count after the whole chain. With `expected_head`, the chain must
//! also still hold that row with that hash. Ids and positions only, never row content. Rows
//! from before the chain existed are sealed first, once (see the 0008 migration).
Result<VerifyReport> verify(db::Database& db, const ChainKey& key,
                            const std::optional<ChainHead>& expected_head = std::nullopt);

}  // namespace dossier::audit
