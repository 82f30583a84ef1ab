// FHIR Bulk Data throughput: a system-level $export of a whole demo practice by its admin, as
// the worker runs it (pipeline::produce_bulk: per patient gather, redact, map, spool by type,
// then the NDJSON written out) from a SQLite file (bench/demo_practice.h) into a sink that
// only counts. Reports resources per second end to end and the peak RSS before and after the
// export, so that a run at 100 patients and one at 1000 (separate processes:
// scripts/run-bench) show whether memory grows with the practice.
//
// Usage: dossier_fhir_bulk_bench PATIENTS
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "auth/caller.h"
#include "core/log.h"
#include "demo_practice.h"
#include "fhir/bulk_request.h"
#include "pipeline/fhir_bulk.h"

namespace dossier {
namespace {

int run(int patients) {
  log::set_quiet(true);
  bench::DemoPractice practice(patients);
  const double rss_before = bench::peak_rss_mb();
  int64_t bytes = 0;
  const ByteSink counting = [&bytes](std::string_view chunk) {
    bytes += static_cast<int64_t>(chunk.size());
    return Status{};
  };
  fhir::BulkRequest request;
  request.types = fhir::bulk_resource_types();
  const auth::Caller admin{practice.admin_id(), auth::Role::kAdmin, {}, {}};
  pipeline::BulkStats stats;
  const auto start = std::chrono::steady_clock::now();
  auto produced = pipeline::produce_bulk(practice.db(), admin, request, counting, &stats);
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
      static_cast<double>(bytes) / 1e6, rss_before, bench::peak_rss_mb(),
      bench::peak_rss_mb() - rss_before);
  return 0;
}

}  // namespace
}  // namespace dossier

int main(int argc, char** argv) {
  const int patients = argc > 1 ? std::atoi(argv[1]) : 100;
  return dossier::run(patients);
}
