// FHIR Bulk Data throughput: a system-level $export of a whole demo practice by its admin, as
// the worker runs it (pipeline::produce_bulk: per patient gather, redact, map, spool by type,
// then the NDJSON written out) from a SQLite file into a sink that only counts. Reports
// resources per second end to end and the peak RSS before and after the export, so that a run
// at 100 patients and one at 1000 (separate processes: scripts/run-bench) show whether memory
// grows with the practice.
//
// Usage: dossier_fhir_bulk_bench PATIENTS
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "auth/caller.h"
#include "core/log.h"
#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"
#include "demo/demo.h"
#include "fhir/bulk_request.h"
#include "pipeline/fhir_bulk.h"

namespace dossier {
namespace {

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // kilobytes on Linux
}

// A practice in a SQLite file of its own, removed when the benchmark ends.
struct TempDatabase {
  std::filesystem::path dir;
  TempDatabase() {
    char tmpl[] = "/tmp/dossier-fhir-bulk-bench.XXXXXX";
    if (!mkdtemp(tmpl)) std::abort();
    dir = tmpl;
  }
  ~TempDatabase() { std::filesystem::remove_all(dir); }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;
};

int run(int patients) {
  log::set_quiet(true);
  TempDatabase tmp;
  auto opened = db::SqliteDatabase::open((tmp.dir / "dossier.db").string());
  if (!opened.ok()) return 1;
  auto db = std::move(opened).value();
  if (!db::migrate(*db).ok()) return 1;
  auto tokens = demo::populate(*db, {.patients = patients, .seed = 1, .today = "2026-11-01"});
  if (!tokens.ok()) return 1;
  const double rss_before = peak_rss_mb();
  int64_t bytes = 0;
  const ByteSink counting = [&bytes](std::string_view chunk) {
    bytes += static_cast<int64_t>(chunk.size());
    return Status{};
  };
  fhir::BulkRequest request;
  request.types = fhir::bulk_resource_types();
  const auth::Caller admin{tokens->admin.user_id, auth::Role::kAdmin, {}, {}};
  pipeline::BulkStats stats;
  const auto start = std::chrono::steady_clock::now();
  auto produced = pipeline::produce_bulk(*db, admin, request, counting, &stats);
  const std::chrono::duration<double> spent = std::chrono::steady_clock::now() - start;
  if (!produced.ok()) {
    std::fprintf(stderr, "bulk export failed: %s\n", produced.error().detail.c_str());
    return 1;
  }
  std::printf(
      "patients %5lld  resources %9lld  %8.0f resources/s  %7.2f s  %7.1f MB NDJSON  "
      "peak RSS %6.1f MB before, %6.1f MB after (+%.1f MB)\n",
      static_cast<long long>(stats.patients), static_cast<long long>(stats.resources),
      static_cast<double>(stats.resources) / spent.count(), spent.count(),
      static_cast<double>(bytes) / 1e6, rss_before, peak_rss_mb(), peak_rss_mb() - rss_before);
  return 0;
}

}  // namespace
}  // namespace dossier

int main(int argc, char** argv) {
  const int patients = argc > 1 ? std::atoi(argv[1]) : 100;
  return dossier::run(patients);
}
