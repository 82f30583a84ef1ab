// The export pipeline as the workers run it: gather → render. (Redaction and sealing slot
// in between as later stages.)
#pragma once

#include "db/database.h"
#include "jobs/worker_pool.h"

namespace dossier::cli {

jobs::Producer make_producer(db::Database& db);

}  // namespace dossier::cli
