// The cleanup pass as `serve` runs it (every hour, through cli/periodic.h) and as `dossier
// cleanup` runs it once: export files past their expiry, and ended web sessions with old
// sign-in attempts.
#pragma once

#include "cli/environment.h"

namespace dossier::cli {

//! One cleanup pass, as `serve` runs it every period: failures are logged, and the next
//! pass retries them.
void cleanup_pass(Environment& env);

}  // namespace dossier::cli
