// Document benchmark: the demo's progress report rendered by Dossier (template → HTML →
// layout → PDF, and DOCX from the same tree) and by WeasyPrint on the very HTML Dossier's
// template produced, warm, in one Python process. Prints a Markdown table.
//
// Usage: dossier_document_bench [ITERATIONS] (default 20)
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "catalog/render_template.h"
#include "core/ids.h"
#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"
#include "demo/demo.h"
#include "doc/render.h"
#include "docx/docx_writer.h"
#include "gather/gather.h"
#include "jobs/export_request.h"

namespace dossier {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

void check(bool ok, const char* what) {
  if (!ok) {
    std::cerr << "bench setup failed: " << what << "\n";
    std::exit(1);
  }
}

// Extends one patient's history with copies of its sessions, notes and assessments moved
// back by whole 18-month blocks, so that a report can span 200 sessions of realistic
// content. Bench-only SQL (SQLite date functions).
void extend_history(db::Database& db, const std::string& patient, int copies) {
  check(db.execute("CREATE TEMP TABLE orig_sessions AS SELECT * FROM sessions WHERE patient_id = ?",
                   {patient})
            .ok(),
        "snapshot sessions");
  check(
      db.execute("CREATE TEMP TABLE orig_notes AS SELECT * FROM session_notes WHERE patient_id = ?",
                 {patient})
          .ok(),
      "snapshot notes");
  check(
      db.execute(
            "CREATE TEMP TABLE orig_assessments AS SELECT * FROM assessments WHERE patient_id = ?",
            {patient})
          .ok(),
      "snapshot assessments");
  for (int k = 1; k <= copies; ++k) {
    const std::string shift = "-" + std::to_string(546 * k) + " days";
    const Json tag = "-copy" + std::to_string(k);
    check(db.execute("INSERT INTO sessions SELECT id || ?, patient_id, therapist_id, "
                     "strftime('%Y-%m-%dT%H:%M:%S.000Z', start_time, ?), "
                     "strftime('%Y-%m-%dT%H:%M:%S.000Z', end_time, ?), "
                     "duration_minutes, cpt_code, modifiers, place_of_service, telehealth, status, "
                     "fee_cents, "
                     "amount_paid_cents, created_at, updated_at FROM orig_sessions",
                     {tag, shift, shift})
              .ok(),
          "copy sessions");
    check(
        db.execute("INSERT INTO session_notes SELECT id || ?, session_id || ?, patient_id, "
                   "author_id, kind, format, "
                   "sections, ai_drafted, transcript, action_items, signed_by, signed_at, "
                   "strftime('%Y-%m-%dT%H:%M:%S.000Z', created_at, ?), updated_at FROM orig_notes",
                   {tag, tag, shift})
            .ok(),
        "copy notes");
    check(db.execute("INSERT INTO assessments SELECT id || ?, patient_id, NULL, instrument, "
                     "date(administered_on, ?), "
                     "item_answers, total_score, severity, created_at FROM orig_assessments",
                     {tag, shift})
              .ok(),
          "copy assessments");
  }
}

struct Report {
  std::string label;
  Json context;
  std::string html;
  int sessions = 0;
};

// The progress report's HTML for the patient's latest `sessions` kept sessions.
Report progress_report_html(db::Database& db, const Json& therapist, const std::string& patient,
                            int sessions) {
  auto rows = db.query(
      "SELECT start_time FROM sessions WHERE patient_id = ? AND status = 'kept' "
      "ORDER BY start_time DESC LIMIT 1 OFFSET ?",
      {patient, sessions - 1});
  check(rows.ok() && !rows->empty(), "not enough sessions");
  const std::string start = (*rows)[0]["start_time"].get<std::string>().substr(0, 10);
  auto req = jobs::parse_export_request(
      jobs::ExportType::kProgressReport,
      {{"patient_id", patient}, {"format", "pdf"}, {"start_date", start}});
  check(req.ok(), "request");
  const Json job = {{"id", new_uuid()},      {"user_id", therapist["user_id"]},
                    {"patient_id", patient}, {"export_type", "progress_report"},
                    {"format", "pdf"},       {"parameters", req->parameters.dump()}};
  auto ctx = gather::gather(db, job, "2026-11-01T12:00:00.000Z");
  check(ctx.ok(), "gather");
  auto html = catalog::render_template_html(catalog::system_template_source("progress_report"),
                                            *ctx, "progress_report");
  check(html.ok(), "template");
  return {std::to_string(sessions) + " sessions", std::move(*ctx), std::move(*html), sessions};
}

struct Timing {
  double pdf_ms = 0;
  double docx_ms = 0;
  double template_ms = 0;
  int pages = 0;
};

Timing time_dossier(const Report& r, int iterations) {
  Timing t;
  const std::string source = catalog::system_template_source("progress_report");
  auto start = Clock::now();
  for (int i = 0; i < iterations; ++i) {
    check(catalog::render_template_html(source, r.context, "progress_report").ok(), "template");
  }
  t.template_ms = ms_since(start) / iterations;
  doc::RenderOptions options;
  options.creation_date = "2026-11-01T12:00:00Z";
  auto warm = doc::render_pdf(r.html, options);
  check(warm.ok(), "render_pdf");
  t.pages = warm->page_count;
  start = Clock::now();
  for (int i = 0; i < iterations; ++i) check(doc::render_pdf(r.html, options).ok(), "render_pdf");
  t.pdf_ms = ms_since(start) / iterations;
  start = Clock::now();
  for (int i = 0; i < iterations; ++i) {
    auto document = doc::build_document(r.html, options);
    check(document.ok() && docx::write_docx(*document, {.created = "2026-11-01T12:00:00Z"}).ok(),
          "docx");
  }
  t.docx_ms = ms_since(start) / iterations;
  return t;
}

// Peak RSS of rendering one document in a fresh child process, in MiB.
double peak_rss_mib(const Report& r) {
  const pid_t pid = fork();
  if (pid == 0) {
    doc::RenderOptions options;
    _exit(doc::render_pdf(r.html, options).ok() ? 0 : 1);
  }
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// WeasyPrint's warm ms per document for each HTML file, by file name.
std::map<std::string, double> time_weasyprint(const std::vector<std::string>& files,
                                              int iterations) {
  std::string cmd = "/usr/bin/python3 " + std::string(DOSSIER_BENCH_DIR) + "/weasyprint_bench.py " +
                    std::to_string(iterations);
  for (const auto& f : files) cmd += " " + f;
  std::map<std::string, double> out;
  FILE* pipe = popen(cmd.c_str(), "r");
  check(pipe != nullptr, "weasyprint");
  char line[4096];
  while (fgets(line, sizeof line, pipe)) {
    Json j = Json::parse(line, nullptr, false);
    if (j.is_object()) out[j["file"].get<std::string>()] = j["ms_per_document"].get<double>();
  }
  check(pclose(pipe) == 0, "weasyprint run (is Debian's weasyprint installed?)");
  return out;
}

}  // namespace
}  // namespace dossier

int main(int argc, char** argv) {
  using namespace dossier;
  const int iterations = argc > 1 ? std::atoi(argv[1]) : 20;
  auto db = std::move(db::SqliteDatabase::open(":memory:")).value();
  check(db::migrate(*db).ok(), "migrate");
  auto tokens = demo::generate(*db, {.patients = 20, .seed = 1, .today = "2026-11-01"});
  check(tokens.ok(), "demo");
  const Json& therapist = (*tokens)["therapists"][0];
  const std::string patient = therapist["patient_ids"][0];
  extend_history(*db, patient, 3);

  std::vector<Report> reports = {progress_report_html(*db, therapist, patient, 24),
                                 progress_report_html(*db, therapist, patient, 200)};
  const auto dir = std::filesystem::temp_directory_path() / ("dossier-bench-" + new_uuid());
  std::filesystem::create_directories(dir);
  std::vector<std::string> files;
  for (const auto& r : reports) {
    files.push_back((dir / ("progress-" + std::to_string(r.sessions) + ".html")).string());
    std::ofstream(files.back()) << r.html;
  }
  const auto weasy = time_weasyprint(files, std::max(1, iterations / 4));

  // WeasyPrint gets the HTML; Dossier's PDF column is the same HTML → PDF step, and the
  // template column is what Dossier adds before it (both engines get identical HTML).
  std::cout << "| report | pages | template ms | Dossier HTML→PDF ms | ms/page | WeasyPrint "
               "HTML→PDF ms | speed-up | "
               "HTML→DOCX ms | peak RSS MiB |\n"
            << "|---|---|---|---|---|---|---|---|---|\n";
  for (size_t i = 0; i < reports.size(); ++i) {
    const Timing t = time_dossier(reports[i], iterations);
    const double w = weasy.at(files[i]);
    char row[512];
    std::snprintf(
        row, sizeof row,
        "| progress report, %s | %d | %.2f | %.1f | %.2f | %.0f | %.0fx | %.1f | %.0f |\n",
        reports[i].label.c_str(), t.pages, t.template_ms, t.pdf_ms, t.pdf_ms / t.pages, w,
        w / t.pdf_ms, t.docx_ms, peak_rss_mib(reports[i]));
    std::cout << row;
  }
  std::filesystem::remove_all(dir);
  return 0;
}
