// `dossier audit verify`: walks the export audit log's hash chain (audit/audit_chain.h) and
// names its first broken row, for an auditor or a cron job (exit status 1 when broken).
#include <charconv>
#include <filesystem>
#include <iostream>

#include "audit/audit_chain.h"
#include "cli/commands.h"
#include "db/migrations.h"
#include "db/open_database.h"

namespace dossier::cli {
namespace {

// "SEQ:HASH" as the report prints a head: a positive seq and 64 lower-case hex digits.
std::optional<audit::ChainHead> parse_head(const std::string& text) {
  const auto colon = text.find(':');
  if (colon == std::string::npos) return std::nullopt;
  audit::ChainHead head;
  const char* end = text.data() + colon;
  const auto [stop, ec] = std::from_chars(text.data(), end, head.seq);
  head.row_hash = text.substr(colon + 1);
  const bool hex = head.row_hash.size() == 64 &&
                   head.row_hash.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (ec != std::errc() || stop != end || head.seq < 1 || !hex) return std::nullopt;
  return head;
}

int print_report(const audit::VerifyReport& report) {
  if (report.ok) {
    std::cout << "The audit log is intact: " << report.rows_checked << " rows verified";
    if (report.last_verified.is_object()) {
      std::cout << "; head seq " << report.last_verified["seq"].get<int64_t>() << ", row_hash "
                << report.last_verified["row_hash"].get<std::string>();
    }
    std::cout << ".\n";
    return 0;
  }
  const audit::BrokenLink& broken = *report.first_broken;
  const std::string where =
      broken.seq ? "seq " + std::to_string(*broken.seq) : std::string("no seq (outside the chain)");
  // A head that is gone has no row to name, nor was it read.
  const bool read = !broken.id.empty() && broken.seq;
  std::cout << "Verified " << report.rows_checked - (read ? 1 : 0)
            << " rows before the first broken one.\n";
  return fail("the audit log is broken at " + where +
              (broken.id.empty() ? "" : ", id " + broken.id) + ": " + broken.problem);
}

}  // namespace

int run_audit_verify(const AuditArgs& args) {
  std::optional<audit::ChainHead> expected;
  if (!args.expect_head.empty() && !(expected = parse_head(args.expect_head))) {
    std::cerr << "dossier: --expect-head must be SEQ:HASH (a seq and 64 hex digits)\n";
    return 2;
  }
  const std::string sqlite_file = sqlite_path(args.location);
  // Verifying a practice that is not there would otherwise create an empty one, and pass.
  if (args.location.database_url.empty() && !std::filesystem::exists(sqlite_file)) {
    return fail("no practice in " + args.location.data_dir);
  }
  auto db = db::open_database(
      {.url = args.location.database_url, .sqlite_path = sqlite_file, .pool_size = 2});
  if (!db.ok()) return fail_with("cannot open the database", db.error());
  // A database from before the chain gets its columns, as on any other start, and a chain
  // from before the audit key is re-sealed under it.
  if (auto applied = db::migrate(**db); !applied.ok()) {
    return fail_with("migration failed", applied.error());
  }
  auto keys = storage::KeyRing::open(keys_dir(args.location));
  if (!keys.ok()) return fail_with("cannot open the keys", keys.error());
  auto key = audit::open_chain_key(**db, **keys);
  if (!key.ok()) return fail_with("cannot read the audit key", key.error());
  auto report = audit::verify(**db, *key, expected);
  if (!report.ok()) return fail_with("cannot verify the audit log", report.error());
  return print_report(*report);
}

}  // namespace dossier::cli
