#include "audit/audit_chain.h"

#include <functional>

#include "core/crypto.h"
#include "core/log.h"
#include "db/dialect.h"

namespace dossier::audit {
namespace {

// nlohmann::json keeps objects in std::map, so dumping one sorts its keys at every depth.
using Canonical = nlohmann::json;

// The columns row_hash covers, in the order of the hashed array (see audit_chain.h).
constexpr const char* kHashedColumns[] = {"prev_hash",  "seq",        "id",        "export_job_id",
                                          "user_id",    "patient_id", "action",    "ip_address",
                                          "user_agent", "metadata",   "created_at"};

constexpr const char* kChainColumns =
    "seq, id, export_job_id, user_id, patient_id, action, ip_address, user_agent, metadata, "
    "created_at, prev_hash, row_hash";

constexpr const char* kHeadSql =
    "SELECT seq, row_hash FROM export_audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1";

// Rows are sealed in batches so a long pre-chain history never sits whole in memory.
constexpr int kSealBatch = 500;

const std::string kGenesis(64, '0');

const Json& column(const Json& row, const char* name) {
  static const Json kNull;
  const auto it = row.find(name);
  return it == row.end() ? kNull : *it;
}

Canonical canonical_metadata(const Json& stored) {
  if (!stored.is_string()) return Canonical(stored);
  Canonical parsed = Canonical::parse(stored.get<std::string>(), nullptr, false);
  return parsed.is_discarded() ? Canonical(stored) : parsed;
}

// The chain's last link: what the next row follows.
struct Link {
  int64_t seq = 0;
  std::string row_hash = kGenesis;
};

// The row_hash of `row` under `key`, or its plain SHA-256 hash, as chains had before the
// audit key, when `key` is null.
std::string row_hash_of(const ChainKey* key, const Json& row) {
  return key ? chain_hash(*key, row) : crypto::sha256_hex(hashed_content(row));
}

// REQUIRES: the chain lock. Gives every chain row, in seq order, the prev_hash and row_hash
// under `key` that append would have.
Status seal_rows(db::Database& db, const ChainKey& key) {
  Link last;
  for (;;) {
    DOSSIER_ASSIGN_OR_RETURN(db::Rows rows,
                             db.query(std::string("SELECT ") + kChainColumns +
                                          " FROM export_audit_log WHERE seq > ? ORDER BY seq "
                                          "LIMIT ?",
                                      {last.seq, kSealBatch}));
    if (rows.empty()) return {};
    for (Json& row : rows) {
      // Only a hand-edited table has a seq that is not a number; verify names that row.
      if (!row["seq"].is_number_integer()) return {};
      row["prev_hash"] = last.row_hash;
      last = {row["seq"].get<int64_t>(), chain_hash(key, row)};
      DOSSIER_TRY(db.execute("UPDATE export_audit_log SET prev_hash = ?, row_hash = ? WHERE id = ?",
                             {row["prev_hash"], last.row_hash, row["id"]}));
    }
  }
}

// REQUIRES: the chain lock. Hashes the rows the 0008 migration numbered, once: only while no
// row has a hash yet. Later, a row without a hash is one that append never wrote, and
// sealing it would hide it from verify.
Status seal_unhashed_chain(db::Database& db, const ChainKey& key) {
  DOSSIER_ASSIGN_OR_RETURN(
      Json hashed,
      db.query_one("SELECT id FROM export_audit_log WHERE row_hash IS NOT NULL LIMIT 1"));
  return hashed.is_null() ? seal_rows(db, key) : Status{};
}

// REQUIRES: the chain lock.
Result<Link> chain_head(db::Database& db, const ChainKey& key) {
  DOSSIER_ASSIGN_OR_RETURN(Json head, db.query_one(kHeadSql));
  if (head.is_object() && head["row_hash"].is_null()) {
    DOSSIER_TRY(seal_unhashed_chain(db, key));
    DOSSIER_ASSIGN_OR_RETURN(head, db.query_one(kHeadSql));
  }
  if (head.is_null()) return Link{};
  // Audit fails closed: with no number to follow, no export step can be recorded.
  if (!head["seq"].is_number_integer())
    return Error::internal("the audit chain's head is malformed");
  // A head without a hash even now was not written by append; verify reports it, and the
  // new row links to it with an empty prev_hash rather than failing the change it records.
  return Link{head["seq"].get<int64_t>(),
              head["row_hash"].is_string() ? head["row_hash"].get<std::string>() : ""};
}

Status with_chain_lock(db::Database& db, const std::function<Status()>& body) {
  return db.transaction([&]() -> Status {
    if (const char* lock = db::audit_chain_lock(db.backend())) DOSSIER_TRY(db.query(lock));
    return body();
  });
}

// Why `row` does not follow `last`, or nullptr when it does.
const char* link_problem(const ChainKey* key, const Json& row, const Link& last) {
  const Json& seq = column(row, "seq");
  const Json& row_hash = column(row, "row_hash");
  if (!row_hash.is_string() || !column(row, "prev_hash").is_string()) return "inserted";
  if (!crypto::constant_time_equal(row_hash_of(key, row), row_hash.get<std::string>())) {
    return "altered";
  }
  if (!seq.is_number_integer() || seq.get<int64_t>() <= last.seq) return "inserted";
  if (seq.get<int64_t>() > last.seq + 1) return "deleted before this row";
  if (column(row, "prev_hash") != last.row_hash) return "does not follow the previous row";
  return nullptr;
}

// Walks the chain under `key` (plain SHA-256 when null); see verify().
Result<VerifyReport> walk(db::Database& db, const ChainKey* key,
                          const std::optional<ChainHead>& expected) {
  VerifyReport report;
  Link last;
  const auto broken = [&](const Json& row, const char* problem) {
    const Json& seq = column(row, "seq");
    report.first_broken =
        BrokenLink{seq.is_number_integer() ? std::optional(seq.get<int64_t>()) : std::nullopt,
                   column(row, "id").is_string() ? row["id"].get<std::string>() : "", problem};
  };
  // The sink's error only stops the scan at the first broken link; first_broken tells it
  // apart from a database error.
  const db::RowSink check = [&](db::Row&& row) -> Status {
    ++report.rows_checked;
    const char* problem = link_problem(key, row, last);
    if (!problem && expected && row["seq"] == expected->seq &&
        row["row_hash"] != expected->row_hash) {
      problem = "not the expected head";
    }
    if (problem) {
      broken(row, problem);
      return Error::make(ErrorCode::kConflict, "broken link");
    }
    last = {row["seq"].get<int64_t>(), row["row_hash"].get<std::string>()};
    return {};
  };
  const Status walked = db.for_each(std::string("SELECT ") + kChainColumns +
                                        " FROM export_audit_log WHERE seq IS NOT NULL ORDER BY seq",
                                    {}, check);
  if (!walked.ok() && !report.first_broken) return walked.error();
  if (!report.first_broken) {
    DOSSIER_ASSIGN_OR_RETURN(Json outside,
                             db.query_one("SELECT id, seq FROM export_audit_log WHERE seq IS "
                                          "NULL ORDER BY created_at, id LIMIT 1"));
    if (outside.is_object()) broken(outside, "inserted");
  }
  if (!report.first_broken && expected && last.seq < expected->seq) {
    report.first_broken = BrokenLink{expected->seq, "", "deleted from the end"};
  }
  report.ok = !report.first_broken;
  report.last_verified =
      last.seq == 0 ? Json(nullptr) : Json{{"seq", last.seq}, {"row_hash", last.row_hash}};
  return report;
}

// REQUIRES: the chain lock, and no audit key adopted yet. Moves a chain of plain SHA-256
// hashes under `key`, once: an intact one is re-sealed; a broken one is left as it is, for
// verify to name. A chain already under `key` (a process that re-sealed it stopped before
// adopting the key) is left alone.
Status reseal_under_key(db::Database& db, const ChainKey& key) {
  DOSSIER_TRY(seal_unhashed_chain(db, key));
  DOSSIER_ASSIGN_OR_RETURN(VerifyReport plain, walk(db, nullptr, std::nullopt));
  if (plain.ok) {
    DOSSIER_TRY(seal_rows(db, key));
    log::info("audit_chain_keyed", {{"rows", plain.rows_checked}});
    return {};
  }
  DOSSIER_ASSIGN_OR_RETURN(VerifyReport keyed, walk(db, &key, std::nullopt));
  if (!keyed.ok) {
    // Re-sealing would launder the break: the key is adopted, the chain left as found.
    log::error("audit_chain_broken_before_keying",
               {{"seq", keyed.first_broken->seq ? Json(*keyed.first_broken->seq) : Json(nullptr)},
                {"id", keyed.first_broken->id},
                {"problem", keyed.first_broken->problem}});
  }
  return {};
}

}  // namespace

Result<ChainKey> open_chain_key(db::Database& db, storage::KeyRing& keys) {
  DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> adopted, keys.audit_key());
  if (adopted) return ChainKey(std::move(*adopted));
  std::optional<ChainKey> key;
  DOSSIER_TRY(with_chain_lock(db, [&]() -> Status {
    // Another process sharing the keys may have adopted one while this one waited.
    DOSSIER_ASSIGN_OR_RETURN(adopted, keys.audit_key());
    if (adopted) {
      key.emplace(std::move(*adopted));
      return {};
    }
    DOSSIER_ASSIGN_OR_RETURN(std::string pending, keys.pending_audit_key());
    key.emplace(std::move(pending));
    return reseal_under_key(db, *key);
  }));
  // Only once the re-seal has committed: until then a restart finds the pending key and
  // re-seals again, with the same key.
  DOSSIER_TRY(keys.promote_audit_key());
  DOSSIER_ASSIGN_OR_RETURN(adopted, keys.audit_key());
  if (!adopted || *adopted != key->secret()) {
    return Error::internal("the audit key changed while it was being adopted");
  }
  return std::move(*key);
}

std::string hashed_content(const Json& row) {
  Canonical content = Canonical::array();
  for (const char* name : kHashedColumns) {
    const Json& value = column(row, name);
    content.push_back(std::string_view(name) == "metadata" ? canonical_metadata(value)
                                                           : Canonical(value));
  }
  return content.dump(-1, ' ', false, Canonical::error_handler_t::replace);
}

std::string chain_hash(const ChainKey& key, const Json& row) {
  return crypto::hmac_sha256_hex(key.secret(), hashed_content(row));
}

Status append_to_chain(db::Database& db, const ChainKey& key, Json row) {
  return with_chain_lock(db, [&]() -> Status {
    DOSSIER_ASSIGN_OR_RETURN(Link head, chain_head(db, key));
    row["seq"] = head.seq + 1;
    row["prev_hash"] = head.row_hash;
    row["row_hash"] = chain_hash(key, row);
    DOSSIER_TRY(db.insert("export_audit_log", row));
    // A record of the head outside the database, the only way to see the end cut off later.
    log::info("audit_appended", {{"seq", row["seq"]}, {"row_hash", row["row_hash"]}});
    return {};
  });
}

Json VerifyReport::to_json() const {
  Json out = {{"ok", ok}, {"rows_checked", rows_checked}, {"first_broken", nullptr}};
  if (first_broken) {
    out["first_broken"] = {{"seq", first_broken->seq ? Json(*first_broken->seq) : Json(nullptr)},
                           {"id", first_broken->id},
                           {"problem", first_broken->problem}};
  }
  out["last_verified"] = last_verified;
  return out;
}

Result<VerifyReport> verify(db::Database& db, const ChainKey& key,
                            const std::optional<ChainHead>& expected_head) {
  DOSSIER_ASSIGN_OR_RETURN(Json head, db.query_one(kHeadSql));
  if (head.is_object() && head["row_hash"].is_null()) {
    DOSSIER_TRY(with_chain_lock(db, [&] { return seal_unhashed_chain(db, key); }));
  }
  return walk(db, &key, expected_head);
}

}  // namespace dossier::audit
