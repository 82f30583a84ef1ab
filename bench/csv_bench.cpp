// CSV throughput: every patient of a demo practice exported as a full-record CSV (a ZIP of
// tables): gather, then render into a sink that only counts, as a worker streams it (no
// redaction or encryption). Reports rows per second end to end and for rendering alone, and
// the peak RSS before and after the exports, so that a run at 100 patients and one at 1000
// show whether memory grows with the practice. The practice is a SQLite file, as the embedded
// default keeps it, generated before the measurement starts.
//
// Usage: dossier_csv_bench PATIENTS
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/clock.h"
#include "core/ids.h"
#include "demo_practice.h"
#include "formats/renderer.h"
#include "formats/tabular/projection.h"
#include "gather/gather.h"
#include "jobs/export_request.h"

namespace dossier {
namespace {

Json full_record_job(const std::string& user_id, const std::string& patient_id) {
  auto req = jobs::parse_export_request(jobs::ExportType::kFullRecord,
                                        {{"patient_id", patient_id}, {"format", "csv"}});
  if (!req.ok()) std::abort();
  return {{"id", new_uuid()},         {"user_id", user_id},
          {"patient_id", patient_id}, {"export_type", "full_record"},
          {"format", "csv"},          {"parameters", req->parameters.dump()}};
}

int64_t rows_of(const Json& context) {
  int64_t rows = 0;
  for (const auto& table : formats::tabular::project("full_record", context)) {
    (void)table.for_each_row([&rows](const formats::tabular::Row&) {
      ++rows;
      return Status{};
    });
  }
  return rows;
}

int run(int patients) {
  bench::DemoPractice practice(patients);
  const double rss_before = bench::peak_rss_mb();
  int64_t rows = 0, bytes = 0, exports = 0;
  std::chrono::duration<double> spent{0}, rendering{0};
  const ByteSink counting = [&bytes](std::string_view chunk) {
    bytes += static_cast<int64_t>(chunk.size());
    return Status{};
  };
  for (const auto& [patient_id, therapist_id] : practice.patients()) {
    const Json job = full_record_job(therapist_id, patient_id);
    const auto start = std::chrono::steady_clock::now();
    auto context = gather::gather(practice.db(), job, now_timestamp());
    if (!context.ok()) return 1;
    const auto gathered = std::chrono::steady_clock::now();
    if (!formats::render({"csv", *context}, counting).ok()) return 1;
    spent += std::chrono::steady_clock::now() - start;
    rendering += std::chrono::steady_clock::now() - gathered;
    rows += rows_of(*context);
    ++exports;
  }
  std::printf(
      "patients %5d  exports %5lld  rows %9lld  %8.0f rows/s (render alone %8.0f)  %7.1f MB out  "
      "peak RSS %6.1f MB before, %6.1f MB after (+%.1f MB)\n",
      patients, static_cast<long long>(exports), static_cast<long long>(rows),
      static_cast<double>(rows) / spent.count(), static_cast<double>(rows) / rendering.count(),
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
