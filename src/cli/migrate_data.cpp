#include "cli/migrate_data.h"

#include <iomanip>
#include <iostream>

#include "cli/commands.h"
#include "db/copy_database.h"
#include "db/migrations.h"
#include "db/open_database.h"

namespace dossier::cli {

int run_migrate_data(const MigrateDataArgs& args) {
  if (!args.from.starts_with("sqlite:")) return fail("--from must be sqlite:PATH");
  if (!args.to.starts_with("postgresql://") && !args.to.starts_with("postgres://")) {
    return fail("--to must be a postgresql:// URL");
  }
  auto from = db::open_database({.url = args.from, .pool_size = 1});
  if (!from.ok()) return fail_with("cannot open " + args.from, from.error());
  auto to = db::open_database({.url = args.to, .pool_size = 2});
  if (!to.ok()) return fail_with("cannot open " + db::redact_url(args.to), to.error());
  // Both sides at this binary's schema, so every column has a place to go.
  for (db::Database* d : {from->get(), to->get()}) {
    if (auto m = db::migrate(*d); !m.ok()) return fail_with("migration failed", m.error());
  }
  auto copied = db::copy_database(**from, **to);
  if (!copied.ok()) return fail_with("nothing was moved", copied.error());
  int64_t total = 0;
  for (const db::TableCopy& t : *copied) {
    std::cout << std::left << std::setw(20) << t.table << std::right << std::setw(9) << t.rows
              << " rows  sha256 " << t.sha256 << "\n";
    total += t.rows;
  }
  std::cout << "Moved " << total << " rows in " << copied->size() << " tables to "
            << db::redact_url(args.to) << "; every table verified\n";
  return 0;
}

}  // namespace dossier::cli
