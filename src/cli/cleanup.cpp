#include "cli/cleanup.h"

#include <iostream>

#include "cli/commands.h"
#include "core/log.h"
#include "jobs/cleanup.h"

namespace dossier::cli {

void cleanup_pass(Environment& env) {
  if (auto pass = jobs::expire_files(*env.db, *env.files, system_clock(), env.audit_key);
      !pass.ok()) {
    log::error("cleanup_failed", {{"error", pass.error().detail}});
  }
}

int run_cleanup(const CleanupArgs& args) {
  auto env = open_environment(args.location, {.pool_size = 2});
  if (!env.ok()) return fail_with("cannot open the practice", env.error());
  auto pass = jobs::expire_files(*env->db, *env->files, system_clock(), env->audit_key);
  if (!pass.ok()) return fail_with("the cleanup pass failed", pass.error());
  std::cout << "Expired " << pass->expired << " exports";
  if (pass->files_failed) std::cout << "; " << pass->files_failed << " files could not be removed";
  std::cout << ".\n";
  return pass->files_failed ? 1 : 0;
}

}  // namespace dossier::cli
