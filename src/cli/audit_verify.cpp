// `dossier audit verify`: walks the export audit log's hash chain (audit/audit_chain.h) and
// names its first broken row, for an auditor or a cron job (exit status 1 when broken).
#include <filesystem>
#include <iostream>

#include "audit/audit_chain.h"
#include "cli/commands.h"
#include "db/migrations.h"
#include "db/open_database.h"

namespace dossier::cli {

int run_audit_verify(const AuditArgs& args) {
  const std::string sqlite_file = sqlite_path(args.location);
  // Verifying a practice that is not there would otherwise create an empty one, and pass.
  if (args.location.database_url.empty() && !std::filesystem::exists(sqlite_file)) {
    return fail("no practice in " + args.location.data_dir);
  }
  auto db = db::open_database(
      {.url = args.location.database_url, .sqlite_path = sqlite_file, .pool_size = 2});
  if (!db.ok()) return fail_with("cannot open the database", db.error());
  // A database from before the chain gets its columns, as on any other start.
  if (auto applied = db::migrate(**db); !applied.ok()) {
    return fail_with("migration failed", applied.error());
  }
  auto report = audit::verify(**db);
  if (!report.ok()) return fail_with("cannot verify the audit log", report.error());
  if (report->ok) {
    std::cout << "The audit log is intact: " << report->rows_checked << " rows verified";
    if (report->last_verified.is_object()) {
      std::cout << "; head seq " << report->last_verified["seq"].get<int64_t>() << ", row_hash "
                << report->last_verified["row_hash"].get<std::string>();
    }
    std::cout << ".\n";
    return 0;
  }
  const audit::BrokenLink& broken = *report->first_broken;
  const std::string where =
      broken.seq ? "seq " + std::to_string(*broken.seq) : std::string("no seq (outside the chain)");
  std::cout << "Verified " << report->rows_checked - (broken.seq ? 1 : 0)
            << " rows before the first broken one.\n";
  return fail("the audit log is broken at " + where + ", id " + broken.id + ": " + broken.problem);
}

}  // namespace dossier::cli
