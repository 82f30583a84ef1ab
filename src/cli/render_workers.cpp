#include "cli/render_workers.h"

#include <signal.h>

#include <cstdio>
#include <cstdlib>

#include "core/log.h"
#include "pipeline/producer.h"

namespace dossier::cli {
namespace {

sigset_t shutdown_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  return signals;
}

// Workers in another process than the API are woken by LISTEN/NOTIFY, so polling is only a
// safety net there; the embedded queue has no cross-process signal and polls twice a second.
std::chrono::milliseconds idle_poll(const db::Database& db) {
  return db.backend() == db::Backend::kPostgres ? std::chrono::seconds(5)
                                                : std::chrono::milliseconds(500);
}

}  // namespace

RenderWorkers::RenderWorkers(Environment& env, const WorkerSettings& settings)
    : queue_(*env.db, system_clock(), env.audit_key),
      pool_(queue_, *env.files, pipeline::make_producer(*env.db),
            {.threads = settings.threads,
             .lease = std::chrono::seconds(settings.lease_seconds),
             .idle_poll = idle_poll(*env.db)}),
      grace_(settings.shutdown_grace_seconds) {}

void RenderWorkers::shutdown() {
  if (pool_.stop_within(grace_)) return;
  log::warn("shutdown_forced", {{"grace_seconds", grace_.count()}});
  std::fflush(nullptr);
  std::_Exit(0);
}

void block_shutdown_signals() {
  const sigset_t signals = shutdown_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

int wait_for_shutdown_signal() {
  const sigset_t signals = shutdown_signals();
  int sig = 0;
  sigwait(&signals, &sig);
  return sig;
}

}  // namespace dossier::cli
