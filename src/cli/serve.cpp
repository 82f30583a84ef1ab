// `dossier serve`: the HTTP API, with its own render workers unless --no-worker.
#include <signal.h>

#include <fstream>
#include <iostream>
#include <optional>
#include <thread>

#include "cli/cleanup.h"
#include "cli/commands.h"
#include "cli/periodic.h"
#include "cli/render_workers.h"
#include "core/log.h"
#include "db/open_database.h"
#include "http/app.h"
#include "http/server.h"
#include "schedule/delivery.h"
#include "schedule/scheduler.h"
#include "web/export_pages.h"
#include "web/web.h"

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

// Both TLS files or neither (main enforces that), each readable: a usage error otherwise.
bool tls_files_readable(const ServeArgs& args) {
  for (const auto& [flag, path] :
       {std::pair{"--tls-cert", args.tls_cert}, std::pair{"--tls-key", args.tls_key}}) {
    if (!path.empty() && !std::ifstream(path)) {
      std::cerr << "dossier: " << flag << ": cannot read " << path << "\n";
      return false;
    }
  }
  return true;
}

// HTTP threads, the workers, their lease keeper, the scheduler, and a spare (the cleanup pass).
int pool_size(const ServeArgs& args) {
  return 10 + (args.no_worker ? 0 : args.workers.threads + 1) + (args.schedule_seconds > 0 ? 1 : 0);
}

int usage_error(const char* what, const Error& e) {
  std::cerr << "dossier: " << what << ": "
            << (e.fields.empty() ? e.detail
                                 : e.fields.front().path + " " + e.fields.front().problem)
            << "\n";
  return 2;
}

// Where scheduled reports go: links to the address users reach, copies to the directory
// given, email through the practice's SMTP server when one is configured.
Result<schedule::DeliveryOptions> delivery_options(const ServeArgs& args,
                                                   const std::string& data_dir) {
  schedule::DeliveryOptions options;
  options.public_url = args.public_url.empty()
                           ? (args.tls_cert.empty() ? "http://" : "https://") + args.listen
                           : args.public_url;
  while (options.public_url.ends_with('/')) options.public_url.pop_back();
  options.copy_directory = args.schedule_copy_dir;
  options.link_lifetime = std::chrono::hours(args.link_hours);
  DOSSIER_ASSIGN_OR_RETURN(options.smtp, schedule::load_smtp_settings(data_dir, [](const char* n) {
                             return std::getenv(n);
                           }));
  return options;
}

// The web pages' settings. Their cookies are Secure when browsers reach Dossier over HTTPS:
// its own TLS, or a proxy in front that terminates it (--public-url https://…).
web::Site web_site(const ServeArgs& args, db::Database& db, const audit::ChainKey& audit_key) {
  return {.db = db,
          .audit_key = audit_key,
          .clock = system_clock(),
          .sessions = {.idle = std::chrono::seconds(args.session_idle_seconds),
                       .absolute = std::chrono::hours(args.session_hours)},
          .throttle = {},
          .secure_cookies = !args.tls_cert.empty() || args.public_url.starts_with("https://")};
}

}  // namespace

int run_serve(const ServeArgs& args) {
  std::string host;
  int port = 0;
  if (!split_listen(args.listen, host, port)) {
    std::cerr << "dossier: --listen must be HOST:PORT\n";
    return 2;
  }
  if (!tls_files_readable(args)) return 2;
  block_shutdown_signals();
  auto env = open_environment(args.location, {.pool_size = pool_size(args)});
  if (!env.ok()) return fail_with("cannot open the practice", env.error());
  db::Database& db = *env->db;
  jobs::JobStore job_store(db, system_clock(), env->audit_key);
  std::optional<RenderWorkers> workers;
  auto link_secret = env->keys->link_secret();
  if (!link_secret.ok()) return fail_with("cannot read the link secret", link_secret.error());
  const auth::LinkSigner links(*link_secret);
  auto delivery = delivery_options(args, env->data_dir);
  if (!delivery.ok()) return usage_error("email settings", delivery.error());
  http::App app{db,
                *env->files,
                job_store,
                links,
                env->audit_key,
                std::chrono::hours(args.link_hours),
                [&workers] {
                  if (workers) workers->notify();
                },
                env->keys.get()};
  http::Router router(db);
  http::add_all_routes(router, app);
  const web::Site site = web_site(args, db, env->audit_key);
  web::add_web_routes(router, site);
  web::add_export_pages(router, site, app);
  // The bucket holds a whole minute's requests: bursts are fine, a steady flood is not.
  std::optional<http::RateLimiter> limiter;
  if (args.rate_limit > 0) {
    limiter.emplace(args.rate_limit, args.rate_limit, system_clock());
    router.limit_rate(*limiter);
  }
  auto server = http::Server::create(
      router,
      {.host = host, .port = port, .tls_cert_file = args.tls_cert, .tls_key_file = args.tls_key});
  if (!server.ok()) {
    const Error& e = server.error();
    std::cerr << "dossier: --tls-cert/--tls-key: "
              << (e.fields.empty() ? e.detail : e.fields.front().problem) << "\n";
    return 2;
  }
  if (!args.no_worker) workers.emplace(*env, args.workers);

  if (workers) workers->start();
  PeriodicTask cleanup(std::chrono::minutes(args.cleanup_minutes), [&env] { cleanup_pass(*env); });
  schedule::Scheduler scheduler(db, job_store, system_clock());
  schedule::Deliverer deliverer(db, *env->files, env->keys.get(), links, env->audit_key,
                                system_clock(), std::move(*delivery));
  std::optional<PeriodicTask> scheduling;
  if (args.schedule_seconds > 0) {
    scheduling.emplace(std::chrono::seconds(args.schedule_seconds), [&] {
      auto ran = scheduler.run_due();
      if (!ran.ok()) log::error("scheduler_failed", {{"error", ran.error().detail}});
      if (ran.ok() && *ran > 0 && workers) workers->notify();
      if (auto sent = deliverer.deliver_due(); !sent.ok()) {
        log::error("delivery_failed", {{"error", sent.error().detail}});
      }
    });
  }
  std::thread watcher([&server] {
    log::info("shutdown", {{"signal", wait_for_shutdown_signal()}});
    (*server)->stop();
  });
  std::cout << "Dossier is serving "
            << (args.location.database_url.empty() ? args.location.data_dir
                                                   : db::redact_url(args.location.database_url))
            << " on " << (args.tls_cert.empty() ? "http" : "https") << "://" << host << ":" << port
            << std::endl;
  log::info("serving", {{"listen", args.listen},
                        {"tls", !args.tls_cert.empty()},
                        {"rate_limit_per_minute", args.rate_limit},
                        {"workers", args.no_worker ? 0 : args.workers.threads},
                        {"backend", db.backend() == db::Backend::kSqlite ? "sqlite" : "postgres"}});
  Status status = (*server)->run();
  if (!status.ok()) {
    pthread_kill(watcher.native_handle(), SIGTERM);
    watcher.join();
    scheduling.reset();
    if (workers) workers->shutdown();
    return fail("cannot listen on " + args.listen);
  }
  watcher.join();
  scheduling.reset();  // it wakes the workers: stopped first
  if (workers) workers->shutdown();
  return 0;
}

}  // namespace dossier::cli
