// Export pipeline benchmarks: gather + render of each export type over a demo practice,
// and the demo generator itself at benchmark scale.
#include <benchmark/benchmark.h>

#include "core/clock.h"
#include "core/ids.h"
#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"
#include "demo/demo.h"
#include "formats/renderer.h"
#include "gather/gather.h"
#include "jobs/export_request.h"

namespace dossier {
namespace {

struct Practice {
  std::unique_ptr<db::SqliteDatabase> db;
  Json tokens;
};

Practice& practice() {
  static Practice p = [] {
    Practice out{std::move(db::SqliteDatabase::open(":memory:")).value(), {}};
    if (!db::migrate(*out.db).ok()) std::abort();
    out.tokens =
        std::move(demo::generate(*out.db, {.patients = 200, .seed = 1, .today = "2026-11-01"}))
            .value();
    return out;
  }();
  return p;
}

// A job row as the queue hands it to a worker, for the demo's first therapist and patient.
Json job_row(jobs::ExportType type) {
  const Json& therapist = practice().tokens["therapists"][0];
  const std::string patient = therapist["patient_ids"][0];
  Json body = {{"format", "json"}};
  if (type == jobs::ExportType::kSessionNotes) {
    auto sessions = practice().db->query(
        "SELECT id FROM sessions WHERE patient_id = ? AND status = 'kept' LIMIT 10", {patient});
    body["session_ids"] = Json::array();
    for (const auto& s : *sessions) body["session_ids"].push_back(s["id"]);
  } else {
    body["patient_id"] = patient;
  }
  auto req = jobs::parse_export_request(type, body);
  if (!req.ok()) std::abort();
  return {{"id", new_uuid()},      {"user_id", therapist["user_id"]},
          {"patient_id", patient}, {"export_type", jobs::export_type_name(type)},
          {"format", "json"},      {"parameters", req->parameters.dump()}};
}

void BM_Export(benchmark::State& state, jobs::ExportType type) {
  const Json job = job_row(type);
  size_t bytes = 0;
  for (auto _ : state) {
    auto ctx = gather::gather(*practice().db, job, now_timestamp());
    auto out = formats::render({"json", *ctx});
    bytes = out->bytes.size();
    benchmark::DoNotOptimize(out->bytes.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}

BENCHMARK_CAPTURE(BM_Export, session_notes_json, jobs::ExportType::kSessionNotes)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Export, progress_report_json, jobs::ExportType::kProgressReport)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Export, treatment_summary_json, jobs::ExportType::kTreatmentSummary)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Export, full_record_json, jobs::ExportType::kFullRecord)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Export, insurance_report_json, jobs::ExportType::kInsuranceReport)
    ->Unit(benchmark::kMillisecond);

void BM_DemoPractice(benchmark::State& state) {
  for (auto _ : state) {
    auto db = std::move(db::SqliteDatabase::open(":memory:")).value();
    if (!db::migrate(*db).ok()) std::abort();
    auto tokens = demo::generate(
        *db, {.patients = static_cast<int>(state.range(0)), .seed = 1, .today = "2026-11-01"});
    benchmark::DoNotOptimize(tokens.ok());
  }
}
BENCHMARK(BM_DemoPractice)->Arg(1000)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace dossier

BENCHMARK_MAIN();
