// The practice summary over the 20-patient demo practice: its figures against the record
// counted another way, and its system template through to the PDF's text.
#include <gtest/gtest.h>

#include <map>

#include "catalog/render_template.h"
#include "catalog/template_test_support.h"
#include "doc/render.h"
#include "doc_test_support.h"  // tests/doc
#include "gather/gather.h"
#include "jobs/export_request.h"

namespace dossier::catalog {
namespace {

using namespace test_support;

constexpr const char* kStart = "2026-09-01";
constexpr const char* kEnd = "2026-10-31";

Json summary_context() {
  auto req =
      jobs::parse_export_request(jobs::ExportType::kPracticeSummary,
                                 {{"format", "pdf"}, {"start_date", kStart}, {"end_date", kEnd}});
  EXPECT_TRUE(req.ok()) << (req.ok() ? "" : req.error().detail);
  auto admin = database().query_one("SELECT id FROM users WHERE role = 'admin'");
  const Json job = {{"id", "01900000-0000-7000-8000-000000000009"},
                    {"user_id", (*admin)["id"]},
                    {"patient_id", nullptr},
                    {"export_type", "practice_summary"},
                    {"format", "pdf"},
                    {"parameters", req->parameters.dump()}};
  auto ctx = gather::gather(database(), job, kGeneratedAt);
  EXPECT_TRUE(ctx.ok()) << (ctx.ok() ? "" : ctx.error().detail);
  return ctx.ok() ? *ctx : Json();
}

// Sessions in the period by therapist and status, counted one by one.
std::map<std::string, std::map<std::string, int>> sessions_by_therapist() {
  auto rows = database().query("SELECT therapist_id, status, start_time FROM sessions");
  std::map<std::string, std::map<std::string, int>> out;
  for (const auto& r : *rows) {
    const std::string day = r["start_time"].get<std::string>().substr(0, 10);
    if (day >= kStart && day <= kEnd) ++out[r["therapist_id"]][r["status"]];
  }
  return out;
}

TEST(PracticeSummary, SessionsByTherapistMatchTheRecord) {
  const Json ctx = summary_context();
  ASSERT_TRUE(ctx.is_object());
  const auto expected = sessions_by_therapist();
  ASSERT_FALSE(expected.empty());
  int kept = 0;
  int no_show = 0;
  for (const auto& t : ctx["therapists"]) {
    const auto found = expected.find(t["id"]);
    const std::map<std::string, int> none;
    const auto& counts = found == expected.end() ? none : found->second;
    const auto count = [&counts](const char* s) { return counts.count(s) ? counts.at(s) : 0; };
    EXPECT_EQ(t["kept"], count("kept")) << t["name"];
    EXPECT_EQ(t["no_show"], count("no_show")) << t["name"];
    EXPECT_EQ(t["cancelled"], count("cancelled")) << t["name"];
    kept += count("kept");
    no_show += count("no_show");
  }
  EXPECT_EQ(ctx["totals"]["kept"], kept);
  EXPECT_EQ(ctx["totals"]["no_show"], no_show);
  int cpt_total = 0;
  for (const auto& c : ctx["cpt_mix"]) cpt_total += c["count"].get<int>();
  EXPECT_EQ(cpt_total, kept);
  EXPECT_EQ(ctx["billing"]["billable_sessions"], kept);
}

TEST(PracticeSummary, EachAssessedClientShowsTheirFirstAndLatestScore) {
  const Json ctx = summary_context();
  ASSERT_FALSE(ctx["measures"].empty());
  for (const auto& m : ctx["measures"]) {
    auto patient = database().query_one("SELECT id FROM patients WHERE mrn = ?", {m["mrn"]});
    ASSERT_TRUE(patient->is_object());
    auto given = database().query(
        "SELECT administered_on, total_score FROM assessments WHERE patient_id = ? AND "
        "instrument = ? AND administered_on <= ? ORDER BY administered_on",
        {(*patient)["id"], m["instrument"], kEnd});
    ASSERT_FALSE(given->empty());
    EXPECT_EQ(m["baseline_score"], given->front()["total_score"]);
    EXPECT_EQ(m["latest_score"], given->back()["total_score"]);
    EXPECT_GE(m["latest_date"].get<std::string>(), kStart);
    if (given->size() > 1) {
      EXPECT_EQ(m["change"], m["latest_score"].get<int>() - m["baseline_score"].get<int>());
    } else {
      EXPECT_EQ(m["direction"], "baseline only");
    }
  }
}

TEST(PracticeSummary, ThePdfShowsEveryTherapistAndNoClientName) {
  const Json ctx = summary_context();
  auto html =
      render_template_html(system_template_source("practice_summary"), ctx, "practice_summary");
  ASSERT_TRUE(html.ok()) << html.error().detail;
  doc::RenderOptions options;
  options.creation_date = kGeneratedAt;
  auto pdf = doc::render_pdf(*html, options);
  ASSERT_TRUE(pdf.ok()) << pdf.error().detail;
  const std::string text = collapse_whitespace(doc::testing::pdf_text(pdf->bytes));
  EXPECT_NE(text.find("Practice Summary"), std::string::npos);
  EXPECT_NE(text.find("Period September 1, 2026 – October 31, 2026"), std::string::npos) << text;
  for (const auto& t : ctx["therapists"]) {
    EXPECT_NE(text.find(t["name"].get<std::string>()), std::string::npos) << t["name"];
  }
  EXPECT_NE(text.find(ctx["measures"][0]["mrn"].get<std::string>()), std::string::npos);
  // Staff and clients are drawn from the same name pools: a client's family name may also
  // be a therapist's, which the report rightly prints.
  auto names = database().query(
      "SELECT family_name FROM patients WHERE family_name NOT IN (SELECT family_name FROM users)");
  ASSERT_FALSE(names->empty());
  for (const auto& p : *names) {
    EXPECT_EQ(text.find(p["family_name"].get<std::string>()), std::string::npos)
        << "a client's name is in the practice summary";
  }
}

}  // namespace
}  // namespace dossier::catalog
