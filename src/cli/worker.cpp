// `dossier worker`: render workers only, for machines apart from the API servers. They
// share the database and the file store with every `serve --no-worker`.
#include <iostream>

#include "cli/commands.h"
#include "cli/render_workers.h"
#include "core/log.h"

namespace dossier::cli {

int run_worker(const WorkerArgs& args) {
  block_shutdown_signals();
  // The workers, their lease keeper, and a spare; the listener has its own connection.
  auto env = open_environment(args.location, {.pool_size = args.workers.threads + 2});
  if (!env.ok()) return fail_with("cannot open the practice", env.error());
  RenderWorkers workers(*env, args.workers);
  workers.start();
  std::cout << "Dossier worker running with " << args.workers.threads << " threads" << std::endl;
  log::info("worker_started", {{"threads", args.workers.threads}});
  log::info("shutdown", {{"signal", wait_for_shutdown_signal()}});
  workers.shutdown();
  log::info("worker_stopped");
  return 0;
}

}  // namespace dossier::cli
