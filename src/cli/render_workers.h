// The render workers of a process: `serve` embeds them (unless --no-worker), `worker` runs
// nothing else. Shared so both shut down the same way.
#pragma once

#include <memory>

#include "cli/commands.h"
#include "cli/environment.h"
#include "jobs/job_queue.h"
#include "jobs/worker_pool.h"

namespace dossier::cli {

class RenderWorkers {
 public:
  RenderWorkers(Environment& env, const WorkerSettings& settings);

  void start() { pool_.start(); }
  //! Wakes an idle worker: a job was just created in this process.
  void notify() { pool_.notify(); }
  //! Stops claiming and waits the shutdown grace for the jobs in hand. Jobs that outlast it
  //! are handed back to the queue and the process exits at once (their threads cannot be
  //! interrupted); otherwise returns.
  void shutdown();

 private:
  jobs::JobQueue queue_;
  jobs::WorkerPool pool_;
  std::chrono::seconds grace_;
};

//! Blocks SIGINT and SIGTERM in the calling thread and every thread it starts later, so
//! that wait_for_shutdown_signal() receives them.
void block_shutdown_signals();
//! Waits for SIGINT or SIGTERM (blocked first) and returns its number.
int wait_for_shutdown_signal();

}  // namespace dossier::cli
