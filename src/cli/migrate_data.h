// `dossier migrate-data --from sqlite:PATH --to postgresql://…`: moves an embedded practice to
// PostgreSQL, every table, verified by row counts and a content hash per table.
#pragma once

#include <string>

namespace dossier::cli {

struct MigrateDataArgs {
  std::string from;  //!< sqlite:PATH
  std::string to;    //!< postgresql://… of a database with no practice in it yet
};
int run_migrate_data(const MigrateDataArgs& args);

}  // namespace dossier::cli
