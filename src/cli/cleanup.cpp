#include "cli/cleanup.h"

#include <iostream>

#include "auth/sign_in_throttle.h"
#include "auth/web_sessions.h"
#include "cli/commands.h"
#include "core/log.h"
#include "jobs/cleanup.h"

namespace dossier::cli {
namespace {

// Web sessions past their lifetime, and sign-in attempts a day old: the throttle's window is
// minutes, and the audit log keeps the record of each attempt.
Status forget_ended_sign_ins(db::Database& db) {
  const TimePoint now = system_clock().now();
  DOSSIER_TRY(auth::delete_ended_sessions(db, now));
  DOSSIER_TRY(auth::delete_sign_in_attempts_before(db, now - std::chrono::hours(24)));
  return {};
}

}  // namespace

void cleanup_pass(Environment& env) {
  if (auto pass = jobs::expire_files(*env.db, *env.files, system_clock(), env.audit_key);
      !pass.ok()) {
    log::error("cleanup_failed", {{"error", pass.error().detail}});
  }
  if (Status forgot = forget_ended_sign_ins(*env.db); !forgot.ok()) {
    log::error("sign_in_cleanup_failed", {{"error", forgot.error().detail}});
  }
}

int run_cleanup(const CleanupArgs& args) {
  auto env = open_environment(args.location, {.pool_size = 2});
  if (!env.ok()) return fail_with("cannot open the practice", env.error());
  auto pass = jobs::expire_files(*env->db, *env->files, system_clock(), env->audit_key);
  if (!pass.ok()) return fail_with("the cleanup pass failed", pass.error());
  if (Status forgot = forget_ended_sign_ins(*env->db); !forgot.ok()) {
    return fail_with("the cleanup pass failed", forgot.error());
  }
  std::cout << "Expired " << pass->expired << " exports";
  if (pass->files_failed) std::cout << "; " << pass->files_failed << " files could not be removed";
  std::cout << ".\n";
  return pass->files_failed ? 1 : 0;
}

}  // namespace dossier::cli
