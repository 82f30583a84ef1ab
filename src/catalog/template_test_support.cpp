#include "catalog/template_test_support.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"
#include "demo/demo.h"
#include "gather/gather.h"
#include "jobs/disclosure_request.h"
#include "jobs/export_request.h"

namespace dossier::catalog::test_support {
namespace {

using jobs::ExportType;

struct Demo {
  std::unique_ptr<db::SqliteDatabase> db;
  Json tokens;
};

const Demo& demo() {
  static const Demo d = [] {
    Demo out{std::move(db::SqliteDatabase::open(":memory:")).value(), {}};
    if (!db::migrate(*out.db).ok()) std::abort();
    auto tokens = demo::generate(*out.db, {.patients = 20, .seed = 1, .today = "2026-11-01"});
    if (!tokens.ok()) std::abort();
    out.tokens = std::move(tokens).value();
    return out;
  }();
  return d;
}

}  // namespace

std::vector<PatientRef> all_patients() {
  std::vector<PatientRef> out;
  for (const auto& t : demo().tokens["therapists"]) {
    for (const auto& p : t["patient_ids"]) out.push_back({p, t["user_id"]});
  }
  return out;
}

db::Database& database() {
  return *demo().db;
}

// Sessions with a note in each format (SOAP, DAP, BIRP, free text), in date order.
Json sessions_with_each_note_format(const std::string& patient_id) {
  auto rows = database().query(
      "SELECT MIN(n.session_id) AS id FROM session_notes n JOIN sessions s ON s.id = n.session_id "
      "WHERE n.patient_id = ? GROUP BY n.format, n.kind ORDER BY 1",
      {patient_id});
  Json ids = Json::array();
  for (const auto& r : *rows) ids.push_back(r["id"]);
  return ids;
}

// The Context a worker would gather for `type` (request `body` plus the patient).
Json context_for(ExportType type, const PatientRef& who, Json body) {
  body["format"] = "pdf";
  if (type == ExportType::kSessionNotes) {
    if (!body.contains("session_ids"))
      body["session_ids"] = sessions_with_each_note_format(who.patient_id);
  } else {
    body["patient_id"] = who.patient_id;
  }
  auto req = jobs::parse_export_request(type, body);
  if (!req.ok()) {
    ADD_FAILURE() << "request: " << req.error().detail;
    return Json();
  }
  const Json job = {{"id", "01900000-0000-7000-8000-000000000001"},
                    {"user_id", who.therapist_id},
                    {"patient_id", who.patient_id},
                    {"export_type", jobs::export_type_name(type)},
                    {"format", "pdf"},
                    {"parameters", req->parameters.dump()}};
  auto ctx = gather::gather(database(), job, kGeneratedAt);
  if (!ctx.ok()) {
    ADD_FAILURE() << "gather: " << ctx.error().detail;
    return Json();
  }
  (*ctx)["disclosure"] = jobs::disclosure_of(req->parameters);
  return std::move(ctx).value();
}

std::string spec_template_source() {
  std::ifstream in(std::string(DOSSIER_TEMPLATE_FIXTURES) + "/spec_progress_report.html.j2");
  std::stringstream source;
  source << in.rdbuf();
  return source.str();
}

std::string collapse_whitespace(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace dossier::catalog::test_support
