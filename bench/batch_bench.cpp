// Batch throughput: N session-note PDFs (one document per session, the session-note ZIP
// bundle's unit) rendered by the batch engine (pipeline/ordered_zip.h: renderers on both
// cores, the ZIP written in order) into a sink that only counts, as a worker streams it to
// storage (no encryption). Reports documents per second, the CPU the process used
// (getrusage user + system time over wall time: 2.0 is both cores busy) and the peak RSS
// before and after, so that runs at two batch sizes show whether memory grows with the batch.
// The practice is a SQLite file generated in a child process before the measurement starts.
//
// Usage: dossier_batch_bench DOCUMENTS [THREADS]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/ids.h"
#include "demo_practice.h"
#include "jobs/export_request.h"
#include "pipeline/ordered_zip.h"
#include "pipeline/producer.h"

namespace dossier {
namespace {

double cpu_seconds() {
  rusage r{};
  getrusage(RUSAGE_SELF, &r);
  auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return secs(r.ru_utime) + secs(r.ru_stime);
}

// Sessions that have a progress note, with their patient and therapist, in id order.
std::vector<Json> sessions_with_notes(db::Database& db, int limit) {
  auto rows = db.query(
      "SELECT s.id, s.patient_id, s.therapist_id FROM sessions s WHERE EXISTS (SELECT 1 FROM "
      "session_notes n WHERE n.session_id = s.id AND n.kind = 'progress_note') ORDER BY s.id "
      "LIMIT ?",
      {limit});
  if (!rows.ok()) std::abort();
  return std::move(*rows);
}

Json session_note_job(const Json& session) {
  auto req = jobs::parse_export_request(
      jobs::ExportType::kSessionNotes,
      {{"session_ids", Json::array({session["id"]})}, {"format", "pdf"}});
  if (!req.ok()) std::abort();
  return {{"id", new_uuid()},
          {"user_id", session["therapist_id"]},
          {"patient_id", session["patient_id"]},
          {"template_id", nullptr},
          {"export_type", "session_notes"},
          {"format", "pdf"},
          {"parameters", req->parameters.dump()}};
}

int run(int documents, int threads) {
  // About 20 sessions with notes per demo patient. The practice is the same size for every
  // batch up to 1,000 documents, so that runs at two sizes differ only in the batch.
  bench::DemoPractice practice(std::max(100, documents / 10));
  std::vector<std::string> units;
  std::unordered_map<std::string, Json> jobs;  // by session id
  for (const auto& s : sessions_with_notes(practice.db(), documents)) {
    units.push_back(s["id"]);
    jobs.emplace(s["id"], session_note_job(s));
  }
  if (static_cast<int>(units.size()) < documents) {
    std::fprintf(stderr, "the demo practice has only %zu sessions with notes\n", units.size());
    return 1;
  }
  const double rss_before = bench::peak_rss_mb();
  int64_t bytes = 0;
  const pipeline::RenderUnit render = [&](const std::string& unit) {
    auto produced = pipeline::produce(practice.db(), jobs.at(unit));
    if (!produced.ok()) return Result<pipeline::UnitDocument>(produced.error());
    return Result<pipeline::UnitDocument>(
        pipeline::UnitDocument{std::move(produced->bytes), produced->extension, Json::object()});
  };
  pipeline::OrderedZipOptions options;
  options.threads = threads;
  options.unit_key = "session_id";
  const double cpu_start = cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  auto summary = pipeline::write_ordered_zip(
      units, render,
      [&bytes](std::string_view chunk) {
        bytes += static_cast<int64_t>(chunk.size());
        return Status{};
      },
      options);
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = cpu_seconds() - cpu_start;
  if (!summary.ok() || summary->done != documents) {
    std::fprintf(stderr, "the batch failed: %s\n",
                 summary.ok() ? "some documents failed" : summary.error().summary().c_str());
    return 1;
  }
  std::printf(
      "documents %5d  threads %d  %7.1f docs/s  %6.2f s  CPU %4.2f cores  %7.1f MB zip  "
      "peak RSS %6.1f MB before, %6.1f MB after (+%.1f MB)\n",
      documents, threads, documents / wall, wall, cpu / wall, static_cast<double>(bytes) / 1e6,
      rss_before, bench::peak_rss_mb(), bench::peak_rss_mb() - rss_before);
  return 0;
}

}  // namespace
}  // namespace dossier

int main(int argc, char** argv) {
  const int documents = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int threads = argc > 2 ? std::atoi(argv[2]) : 2;
  return dossier::run(documents, threads);
}
