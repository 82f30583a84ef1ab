// The job queue on both backends: is it ever the bottleneck?
//
//   dossier_queue_bench [ADMIN_POSTGRES_URL]
//
// For SQLite (a WAL file, as the embedded default runs) and, when a PostgreSQL admin URL is
// given, for a fresh PostgreSQL database on that server:
//   1. overhead — 1,000 jobs claimed and completed by one worker with nothing to render:
//      jobs per second, claim latency p50/p99, claim + complete per job;
//   2. scaling — 120 progress-report PDFs rendered by a WorkerPool of one thread, then of two:
//      jobs per second each, and the ratio (the machine has two cores).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "audit/audit_chain.h"
#include "catalog/template_store.h"
#include "core/clock.h"
#include "core/ids.h"
#include "db/migrations.h"
#include "db/open_database.h"
#include "db/testing/test_database.h"
#include "demo/demo.h"
#include "jobs/export_request.h"
#include "jobs/job_store.h"
#include "jobs/worker_pool.h"
#include "pipeline/producer.h"
#include "storage/blob_store.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kOverheadJobs = 1000;
constexpr int kRenderJobs = 120;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

template <typename T>
T must(Result<T> r, const char* what) {
  if (!r.ok()) {
    std::fprintf(stderr, "queue_bench: %s: %s\n", what, r.error().detail.c_str());
    std::exit(1);
  }
  return std::move(r).value();
}

void must(Status s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "queue_bench: %s: %s\n", what, s.error().detail.c_str());
    std::exit(1);
  }
}

// A database of the practice under test, migrated, with a demo practice in it.
struct Practice {
  std::unique_ptr<db::testing::TestDatabase> postgres;  // owns the database when on PostgreSQL
  std::unique_ptr<db::Database> sqlite;
  Json tokens;
  // The practice is thrown away after the run, so a constant key chains its audit rows.
  audit::ChainKey audit_key{std::string(32, 'b')};

  db::Database& db() { return postgres ? postgres->db() : *sqlite; }
};

Practice open_practice(db::Backend backend, const fs::path& dir) {
  Practice p;
  if (backend == db::Backend::kPostgres) {
    p.postgres = must(db::testing::TestDatabase::create(backend, 8), "create a database");
  } else {
    p.sqlite = must(db::open_database({.sqlite_path = (dir / "bench.db").string()}), "open");
  }
  must(db::migrate(p.db()), "migrate");
  must(catalog::install_system_templates(p.db()), "templates");
  p.tokens = must(demo::generate(p.db(), {.patients = 12, .seed = 1, .today = "2026-11-01"}),
                  "demo practice");
  return p;
}

auth::Caller therapist(const Practice& p) {
  return {p.tokens["therapists"][0]["user_id"], auth::Role::kTherapist, "127.0.0.1", "bench"};
}

void enqueue(Practice& p, const std::string& format, int n) {
  jobs::JobStore store(p.db(), system_clock(), p.audit_key);
  const Json& t = p.tokens["therapists"][0];
  for (int i = 0; i < n; ++i) {
    const Json body = {{"patient_id", t["patient_ids"][i % t["patient_ids"].size()]},
                       {"format", format}};
    auto request =
        must(jobs::parse_export_request(jobs::ExportType::kProgressReport, body), "request");
    must(store.create(therapist(p), request), "enqueue");
  }
}

// One row of the result table; empty cells print as "-".
void row(const char* backend, const char* load, size_t jobs, double rate, const std::string& p50,
         const std::string& p99, const std::string& per_job, const std::string& scaling) {
  std::printf("| %-8s | %-22s | %5zu | %8.1f | %9s | %9s | %14s | %11s |\n", backend, load, jobs,
              rate, p50.c_str(), p99.c_str(), per_job.c_str(), scaling.c_str());
}

std::string fixed(double v, const char* suffix = "") {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f%s", v, suffix);
  return text;
}

void overhead(Practice& p, const char* backend) {
  enqueue(p, "json", kOverheadJobs);
  jobs::JobQueue queue(p.db(), system_clock(), p.audit_key);
  std::vector<double> claims, totals;
  const auto start = Clock::now();
  for (;;) {
    const auto t0 = Clock::now();
    Json job = must(queue.claim("bench", std::chrono::seconds(60)), "claim");
    if (job.is_null()) break;
    claims.push_back(ms_since(t0));
    must(queue.complete(job["id"], "bench", {job["id"].get<std::string>() + ".json", 1, "h", {}},
                        std::chrono::hours(1)),
         "complete");
    totals.push_back(ms_since(t0));
  }
  const double seconds = ms_since(start) / 1000;
  double sum = 0;
  for (double t : totals) sum += t;
  row(backend, "queue only, 1 worker", totals.size(), static_cast<double>(totals.size()) / seconds,
      fixed(percentile(claims, 0.5)), fixed(percentile(claims, 0.99)),
      fixed(sum / static_cast<double>(totals.size())), "-");
}

double render_rate(Practice& p, const fs::path& files_dir, int threads) {
  enqueue(p, "pdf", kRenderJobs);
  auto files = storage::make_local_blob_store(files_dir.string());
  jobs::JobQueue queue(p.db(), system_clock(), p.audit_key);
  jobs::WorkerPool pool(queue, *files, pipeline::make_producer(p.db()),
                        {.threads = threads, .idle_poll = std::chrono::milliseconds(5)});
  const auto start = Clock::now();
  pool.start();
  while (must(queue.backlog(), "backlog") > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const double seconds = ms_since(start) / 1000;
  pool.stop();
  return kRenderJobs / seconds;
}

// The same renders without the queue: `threads` threads call the producer directly on job
// rows claimed beforehand. What the queue costs is the difference to render_rate().
double direct_rate(Practice& p, int threads) {
  enqueue(p, "pdf", kRenderJobs);
  jobs::JobQueue queue(p.db(), system_clock(), p.audit_key);
  std::vector<Json> rows;
  for (Json job; !(job = must(queue.claim("bench", std::chrono::hours(1)), "claim")).is_null();) {
    rows.push_back(std::move(job));
  }
  const jobs::Producer produce = pipeline::make_producer(p.db());
  std::atomic<size_t> next{0};
  const auto start = Clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (size_t i; (i = next++) < rows.size();) {
        std::string bytes;
        must(produce(rows[i],
                     [&bytes](std::string_view chunk) {
                       bytes.append(chunk);
                       return Status{};
                     }),
             "render");
      }
    });
  }
  for (auto& t : pool) t.join();
  return static_cast<double>(rows.size()) / (ms_since(start) / 1000);
}

void run(db::Backend backend, const char* name) {
  const fs::path dir = fs::temp_directory_path() / ("dossier-queue-bench-" + new_uuid());
  fs::create_directories(dir);
  {
    Practice p = open_practice(backend, dir);
    overhead(p, name);
    const double one = render_rate(p, dir / "files", 1);
    const double two = render_rate(p, dir / "files", 2);
    row(name, "PDF renders, 1 worker", kRenderJobs, one, "-", "-", "-", "-");
    row(name, "PDF renders, 2 workers", kRenderJobs, two, "-", "-", "-", fixed(two / one, "x"));
    const double direct_one = direct_rate(p, 1);
    const double direct_two = direct_rate(p, 2);
    row(name, "no queue, 1 thread", kRenderJobs, direct_one, "-", "-", "-", "-");
    row(name, "no queue, 2 threads", kRenderJobs, direct_two, "-", "-", "-",
        fixed(direct_two / direct_one, "x"));
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace dossier

int main(int argc, char** argv) {
  using namespace dossier;
  std::printf(
      "| backend  | load                   |  jobs |   jobs/s | claim p50 | claim p99 | "
      "claim+complete | vs 1 worker |\n");
  std::printf(
      "|----------|------------------------|-------|----------|-----------|-----------|"
      "----------------|-------------|\n");
  run(db::Backend::kSqlite, "sqlite");
  if (argc > 1) {
    setenv("DOSSIER_TEST_POSTGRES_URL", argv[1], 1);
    run(db::Backend::kPostgres, "postgres");
  }
  std::printf("(latencies in ms)\n");
  return 0;
}
