// `dossier export`: a batch export from the command line, run by the same code as the API's
// batch job (pipeline/batch_export.h) for a user of the practice, written to a local ZIP.
#pragma once

#include <string>

#include "cli/environment.h"

namespace CLI {
class App;
}

namespace dossier::cli {

struct ExportArgs {
  Location location;
  std::string user_id;  //!< whose export it is: visibility and role as for their API calls
  std::string type;     //!< export_type: progress_report, full_record, …
  std::string format;
  std::string patients;  //!< comma-separated ids; empty with caseload
  bool caseload = false;
  std::string options;  //!< a single export's further body members, as a JSON object
  std::string out;      //!< the ZIP to write; replaced only once the batch is whole
};

//! Adds the `export` subcommand's options to `command`.
void add_export_options(CLI::App& command, ExportArgs& args);

//! Runs the batch: a progress bar on stderr when it is a terminal, then a summary (done,
//! failed with their reasons, the ZIP's size). 0 when every patient was exported, 1 when
//! some failed or the batch could not run, 2 for a request that is not valid.
int run_export(const ExportArgs& args);

}  // namespace dossier::cli
