// `dossier serve`: the embedded default — API, worker pool and SQLite in one process.
#include <signal.h>

#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/data_dir.h"
#include "core/log.h"
#include "http/app.h"
#include "http/server.h"
#include "jobs/job_queue.h"
#include "jobs/worker_pool.h"
#include "pipeline/producer.h"

namespace dossier::cli {
namespace {

bool split_listen(const std::string& listen, std::string& host, int& port) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  host = listen.substr(0, colon);
  try {
    size_t used = 0;
    port = std::stoi(listen.substr(colon + 1), &used);
    return used == listen.size() - colon - 1 && port > 0 && port < 65536;
  } catch (const std::exception&) {
    return false;
  }
}

// Waits on SIGINT/SIGTERM (blocked in every thread) and then stops the server.
std::thread start_signal_watcher(http::Server& server, sigset_t signals) {
  return std::thread([&server, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    log::info("shutdown", {{"signal", sig}});
    server.stop();
  });
}

}  // namespace

int run_serve(const ServeArgs& args) {
  std::string host;
  int port = 0;
  if (!split_listen(args.listen, host, port)) {
    std::cerr << "dossier: --listen must be HOST:PORT\n";
    return 2;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto dir = open_data_dir(args.data_dir);
  if (!dir.ok()) return fail("cannot open the data directory: " + dir.error().detail);
  db::Database& db = *dir->db;
  jobs::JobStore job_store(db, system_clock());
  jobs::JobQueue queue(db, system_clock());
  jobs::WorkerPool workers(
      queue, *dir->files, pipeline::make_producer(db),
      {.threads = args.workers, .lease = std::chrono::seconds(args.lease_seconds)});
  http::App app{db, *dir->files, job_store, [&workers] { workers.notify(); }};
  http::Router router(db);
  http::add_all_routes(router, app);
  http::Server server(router, {.host = host, .port = port});

  workers.start();
  std::thread watcher = start_signal_watcher(server, signals);
  std::cout << "Dossier is serving " << args.data_dir << " on http://" << host << ":" << port
            << std::endl;
  log::info("serving", {{"listen", args.listen}, {"workers", args.workers}});
  Status status = server.run();
  if (!status.ok()) {
    pthread_kill(watcher.native_handle(), SIGTERM);
    watcher.join();
    workers.stop();
    return fail("cannot listen on " + args.listen);
  }
  watcher.join();
  workers.stop();
  return 0;
}

}  // namespace dossier::cli
