// The system templates over a 20-patient demo practice, all the way to PDF: gather →
// render_template_html → doc::render_pdf, checked with pdftotext, pdfinfo and qpdf.
//
// DOSSIER_TEMPLATE_PREVIEW_DIR=/some/dir writes the first patient's PDFs there, to look at
// (DOSSIER_TEMPLATE_PREVIEW_PATIENT=n: the n-th patient instead).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "catalog/render_template.h"
#include "catalog/template_test_support.h"
#include "core/time_zone.h"
#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"
#include "demo/demo.h"
#include "doc/render.h"
#include "doc_test_support.h"  // tests/doc
#include "gather/gather.h"
#include "jobs/export_request.h"

namespace dossier::catalog {
namespace {

using jobs::ExportType;
using namespace test_support;

// Output of `command`, marked when it failed (the checks below look for the marker).
std::string run(const std::string& command) {
  const dossier::testing::CommandResult r = dossier::testing::run(command);
  return r.exit_code == 0 ? r.output : r.output + "\n[exit status non-zero]";
}

// The PDF's text in content order (cells' lines stay together), whitespace collapsed.
std::string pdf_text(const std::string& pdf) {
  const dossier::testing::TempDir dir;
  return collapse_whitespace(run("pdftotext -raw -enc UTF-8 '" + dir.write("in.pdf", pdf) + "' -"));
}

std::string qpdf_check(const std::string& pdf) {
  const dossier::testing::TempDir dir;
  const std::string out = run("qpdf --check '" + dir.write("in.pdf", pdf) + "'");
  return out.find("No syntax or stream encoding errors found") != std::string::npos ? "" : out;
}

doc::RenderOptions pdf_options() {
  doc::RenderOptions o;
  o.creation_date = kGeneratedAt;
  return o;
}

struct Rendered {
  std::string html;
  doc::RenderedPdf pdf;
};

// render_template_html + render_pdf; failures are test failures.
Rendered render(const std::string& source, const Json& ctx, const std::string& name) {
  Rendered r;
  auto html = render_template_html(source, ctx, name);
  if (!html.ok()) {
    ADD_FAILURE() << name << ": " << html.error().detail;
    return r;
  }
  r.html = std::move(html).value();
  auto pdf = doc::render_pdf(r.html, pdf_options());
  if (!pdf.ok()) {
    ADD_FAILURE() << name << ": render_pdf: " << pdf.error().detail;
    return r;
  }
  r.pdf = std::move(pdf).value();
  return r;
}

Rendered render_system(ExportType type, const Json& ctx) {
  const std::string name = jobs::export_type_name(type);
  return render(system_template_source(name), ctx, name);
}

// "2026-03-10" as the templates print it: "Mar 10, 2026" (short) or "March 10, 2026".
std::string printed_date(const std::string& iso, bool full) {
  static const char* kMonths[] = {"January",   "February", "March",    "April",
                                  "May",       "June",     "July",     "August",
                                  "September", "October",  "November", "December"};
  const int y = std::stoi(iso.substr(0, 4)), m = std::stoi(iso.substr(5, 2)),
            d = std::stoi(iso.substr(8, 2));
  const std::string month = kMonths[m - 1];
  return (full ? month : month.substr(0, 3)) + " " + std::to_string(d) + ", " + std::to_string(y);
}

std::string short_date(const std::string& iso) {
  return printed_date(iso, false);
}

std::string long_date(const std::string& iso) {
  return printed_date(iso, true);
}

void expect_page_footer(const std::string& text, int pages, const std::string& what) {
  ASSERT_GT(pages, 0) << what;
  EXPECT_NE(text.find("Page 1 of " + std::to_string(pages)), std::string::npos) << what;
  EXPECT_NE(text.find("Page " + std::to_string(pages) + " of " + std::to_string(pages)),
            std::string::npos)
      << what;
}

TEST(SystemTemplatesPdf, EveryTemplateForEveryPatient) {
  const auto patients = all_patients();
  ASSERT_EQ(patients.size(), 20u);
  for (size_t i = 0; i < patients.size(); ++i) {
    for (ExportType type : jobs::all_export_types()) {
      if (jobs::is_practice_wide(type)) continue;  // practice_summary_test.cpp
      const std::string what =
          std::string(jobs::export_type_name(type)) + " of patient " + std::to_string(i);
      SCOPED_TRACE(what);
      const Json ctx = context_for(type, patients[i]);
      ASSERT_FALSE(ctx.is_null());
      const Rendered r = render_system(type, ctx);
      ASSERT_FALSE(r.pdf.bytes.empty());
      const std::string text = pdf_text(r.pdf.bytes);
      const Json& patient =
          type == ExportType::kFullRecord ? ctx["tables"]["patients"][0] : ctx["patient"];
      const std::string name = patient.contains("name")
                                   ? patient["name"].get<std::string>()
                                   : patient["given_name"].get<std::string>() + " " +
                                         patient["family_name"].get<std::string>();
      EXPECT_NE(text.find(name), std::string::npos) << name;
      for (const auto& notice : ctx.value("notices", Json::array())) {
        EXPECT_NE(text.find(collapse_whitespace(notice["text"])), std::string::npos)
            << "notice missing";
      }
      EXPECT_EQ(text.find("None"), std::string::npos) << "a null printed as None";
      EXPECT_EQ(text.find("undefined"), std::string::npos);
      expect_page_footer(text, doc::testing::pdf_page_count(r.pdf.bytes), what);
      EXPECT_EQ(r.pdf.page_count, doc::testing::pdf_page_count(r.pdf.bytes));
      if (i < 2) {  // qpdf is slowish: a sample
        EXPECT_EQ(qpdf_check(r.pdf.bytes), "");
      }
    }
  }
}

TEST(SystemTemplatesPdf, ProgressReportOfEveryPatientShowsGoalsAndScores) {
  for (const PatientRef& who : all_patients()) {
    SCOPED_TRACE(who.patient_id);
    const Json ctx = context_for(ExportType::kProgressReport, who,
                                 {{"include_sections", {{"medical_necessity", true}}}});
    ASSERT_FALSE(ctx.is_null());
    const Rendered r = render_system(ExportType::kProgressReport, ctx);
    const std::string text = pdf_text(r.pdf.bytes);
    EXPECT_NE(text.find(ctx["patient"]["name"].get<std::string>()), std::string::npos);
    EXPECT_NE(text.find("Medical Necessity"), std::string::npos);
    for (const auto& goal : ctx["goals"]) {
      EXPECT_NE(text.find(collapse_whitespace(goal["description"])), std::string::npos)
          << goal["description"];
    }
    size_t scores = 0;
    for (const auto& a : ctx["assessments"]) {
      const std::string inst = a["instrument"];
      if (inst != "PHQ-9" && inst != "GAD-7") continue;
      ++scores;
      const std::string row =
          short_date(a["administered_on"]) + " " + std::to_string(a["total_score"].get<int>());
      EXPECT_NE(text.find(row), std::string::npos) << inst << " row " << row;
    }
    EXPECT_GT(scores, 0u);
    expect_page_footer(text, doc::testing::pdf_page_count(r.pdf.bytes), "progress report");
  }
}

// The medical-necessity section says why the modality was chosen and screens risk with
// PHQ-9 item 9, the way a payer reads it: every positive answer counted, none invented where
// no PHQ-9 was given.
TEST(SystemTemplatesPdf, MedicalNecessityGivesTheModalityRationaleAndTheRiskScreen) {
  int positive = 0, negative = 0;
  for (const PatientRef& who : all_patients()) {
    SCOPED_TRACE(who.patient_id);
    const Json ctx = context_for(ExportType::kTreatmentSummary, who, {{"purpose", "insurance"}});
    ASSERT_FALSE(ctx.is_null());
    const Json& risk = ctx["medical_necessity"]["risk_assessment"];
    const std::string text = pdf_text(render_system(ExportType::kTreatmentSummary, ctx).pdf.bytes);
    const Json& rationale = ctx["medical_necessity"]["modality_rationale"];
    ASSERT_TRUE(rationale.is_string());
    // Without spaces: the PDF may break a line after the hyphen of "time-limited".
    const auto squeeze = [](std::string t) {
      std::erase_if(t, [](char c) { return c == ' ' || c == '\n'; });
      return t;
    };
    EXPECT_NE(squeeze(text).find(squeeze(rationale)), std::string::npos) << rationale;
    if (risk.is_null()) {
      EXPECT_NE(text.find("Not screened with the PHQ-9"), std::string::npos);
      continue;
    }
    const int given = risk["administrations"];
    EXPECT_NE(text.find("PHQ-9 item 9"), std::string::npos);
    EXPECT_NE(text.find("“" + risk["latest_label"].get<std::string>() + "” on " +
                        long_date(risk["latest_date"])),
              std::string::npos);
    const size_t hits = risk["positive_dates"].size();
    if (hits > 0) {
      ++positive;
      EXPECT_NE(text.find("positive on " + std::to_string(hits) + " of " + std::to_string(given)),
                std::string::npos);
    } else {
      ++negative;
      EXPECT_NE(text.find("no positive answer in " + std::to_string(given)), std::string::npos);
    }
  }
  EXPECT_GT(positive, 0);  // the demo has clients of both kinds
  EXPECT_GT(negative, 0);
}

// A biller's report names the billing provider (the practice) with its address, describes
// every diagnosis and points each service line at the claim's diagnoses (A, B, …).
TEST(SystemTemplatesPdf, InsuranceReportNamesTheBillingProviderAndPointsAtDiagnoses) {
  const PatientRef who = all_patients()[0];
  const Json ctx = context_for(ExportType::kInsuranceReport, who);
  ASSERT_FALSE(ctx.is_null());
  const Json& claim = ctx["claim_info"];
  ASSERT_EQ(claim["billing_name"], ctx["practice"]["name"]);
  ASSERT_FALSE(claim["diagnoses"].empty());
  const std::string text = pdf_text(render_system(ExportType::kInsuranceReport, ctx).pdf.bytes);
  EXPECT_NE(text.find("Billing provider: " + claim["billing_name"].get<std::string>()),
            std::string::npos);
  EXPECT_NE(text.find(ctx["practice"]["address_line1"].get<std::string>()), std::string::npos);
  char pointer = 'A';
  for (const auto& d : claim["diagnoses"]) {
    const std::string row = std::string(1, pointer++) + " " + d["code"].get<std::string>() + " " +
                            collapse_whitespace(d["description"]);
    EXPECT_NE(text.find(row), std::string::npos) << row;
  }
  ASSERT_FALSE(ctx["service_lines"].empty());
  std::string pointers;
  for (const auto& p : ctx["service_lines"][0]["diagnosis_pointers"]) {
    pointers += (pointers.empty() ? "" : ", ") + p.get<std::string>();
  }
  EXPECT_EQ(pointers.substr(0, 1), "A");
  EXPECT_NE(text.find(" " + pointers + " 1 $"), std::string::npos) << "Dx pointer column";
}

// Every note format (therapists differ in theirs), AI-drafted and unsigned notes,
// psychotherapy notes under an authorization, transcripts.
TEST(SystemTemplatesPdf, SessionNotesLabelEveryKindOfNote) {
  std::set<std::string> formats;
  const auto patients = all_patients();
  for (size_t i = 0; i < patients.size(); i += 7) {  // one patient of each therapist
    SCOPED_TRACE(i);
    const Json ctx = context_for(
        ExportType::kSessionNotes, patients[i],
        {{"options", {{"include_transcript", true}, {"include_psychotherapy_notes", true}}},
         {"authorization",
          {{"reference", "AUTH-2026-001"},
           {"date", "2026-01-15"},
           {"scope", "psychotherapy notes for continuity of care"}}}});
    const Rendered r = render_system(ExportType::kSessionNotes, ctx);
    const std::string text = pdf_text(r.pdf.bytes);
    const auto expect = [&](const std::string& label) {
      EXPECT_NE(text.find(label), std::string::npos) << label;
    };
    expect("AUTH-2026-001");
    for (const auto& s : ctx["sessions"]) {
      expect(s["session"]["cpt_code"].get<std::string>());
      expect(short_date(s["date"]).substr(0, 3));
      for (const auto& n : s["notes"]) {
        const std::string format = n["format"];
        formats.insert(format);
        if (format == "soap") {
          for (const char* h : {"Subjective", "Objective", "Assessment", "Plan"}) expect(h);
        } else if (format == "dap") {
          for (const char* h : {"Data", "Assessment", "Plan"}) expect(h);
        } else if (format == "birp") {
          for (const char* h : {"Behavior", "Intervention", "Response", "Plan"}) expect(h);
        }
        for (const auto& [key, value] : n["sections"].items()) {
          if (value.is_string())
            expect(collapse_whitespace(value.get<std::string>()).substr(0, 40));
        }
        if (n["signed"].get<bool>()) {
          const Json& by = n["signed_by"];
          expect("Electronically signed by " + by["name"].get<std::string>() + ", " +
                 by["credentials"].get<std::string>() + " on");
        } else {
          expect("Unsigned draft");
        }
        if (n["ai_drafted"].get<bool>()) {
          expect(n["signed"].get<bool>() ? "AI-drafted — reviewed by clinician"
                                         : "AI-drafted — awaiting clinician review");
        }
        if (n["kind"] == "psychotherapy_note") expect("PSYCHOTHERAPY NOTE");
        if (n["transcript"].is_string()) expect("Transcript");
        for (const auto& item : n.value("action_items", Json::array())) {
          if (item.is_string()) expect(collapse_whitespace(item.get<std::string>()));
        }
      }
    }
  }
  for (const char* f : {"soap", "dap", "birp", "free"}) EXPECT_TRUE(formats.count(f)) << f;
}

// "9:05 AM": a clock time as the documents print it.
std::string clock_12h(const LocalTime& t) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%d:%02d %s", t.hour % 12 == 0 ? 12 : t.hour % 12, t.minute,
                t.hour < 12 ? "AM" : "PM");
  return buf;
}

// Stored times are UTC; a document shows them where the practice is (the demo practice's
// zone is its city's), each with the zone's abbreviation.
TEST(SystemTemplatesPdf, SessionTimesAndSignaturesAreInThePracticeZone) {
  const Json ctx = context_for(ExportType::kSessionNotes, all_patients()[0]);
  const std::string zone = ctx["practice"]["time_zone"];
  ASSERT_TRUE(zone.starts_with("America/")) << zone;
  const std::string text = pdf_text(render_system(ExportType::kSessionNotes, ctx).pdf.bytes);
  const auto local = [&](const Json& utc) {
    auto t = to_local_time(*parse_timestamp(utc.get<std::string>()), zone);
    EXPECT_TRUE(t.ok());
    return t.ok() ? *t : LocalTime{};
  };
  int signatures = 0;
  for (const auto& entry : ctx["sessions"]) {
    const LocalTime start = local(entry["session"]["start_time"]);
    const LocalTime end = local(entry["session"]["end_time"]);
    const std::string shown = clock_12h(start) + "–" + clock_12h(end) + " " + start.abbreviation;
    EXPECT_NE(text.find(shown), std::string::npos) << shown;
    for (const auto& n : entry["notes"]) {
      if (!n["signed_at"].is_string()) continue;
      const LocalTime signed_at = local(n["signed_at"]);
      const std::string esign = " at " + clock_12h(signed_at) + " " + signed_at.abbreviation;
      EXPECT_NE(text.find(esign), std::string::npos) << esign;
      ++signatures;
    }
  }
  EXPECT_GT(signatures, 0);
  EXPECT_EQ(text.find("UTC"), std::string::npos);
}

// Every scalar of `j` replaced by null, as a record with every optional field missing.
Json null_leaves(const Json& j) {
  if (j.is_object()) {
    Json out = Json::object();
    for (const auto& [k, v] : j.items()) out[k] = null_leaves(v);
    return out;
  }
  if (j.is_array()) {
    Json out = Json::array();
    for (const auto& v : j) out.push_back(null_leaves(v));
    return out;
  }
  return nullptr;
}

TEST(SystemTemplatesPdf, NullsRenderAsDashesNeverNone) {
  const PatientRef who = all_patients()[6];
  for (ExportType type : jobs::all_export_types()) {
    if (jobs::is_practice_wide(type)) continue;  // practice_summary_test.cpp
    const std::string name = jobs::export_type_name(type);
    SCOPED_TRACE(name);
    const Json ctx = null_leaves(context_for(type, who));
    auto html = render_template_html(system_template_source(name), ctx, name);
    ASSERT_TRUE(html.ok()) << html.error().detail;
    for (size_t at = html->find("None"); at != std::string::npos; at = html->find("None", at + 1)) {
      std::string around = html->substr(at < 60 ? 0 : at - 60, 80);
      for (char& c : around) c = c == '\n' ? ' ' : c;
      ADD_FAILURE() << "None printed: …" << around;
    }
    EXPECT_NE(html->find("—"), std::string::npos);
    auto pdf = doc::render_pdf(*html, pdf_options());
    ASSERT_TRUE(pdf.ok()) << pdf.error().detail;
  }
}

TEST(SystemTemplatesPdf, SpecProgressReportTemplateRendersForEveryPatient) {
  const std::string source = spec_template_source();
  ASSERT_FALSE(source.empty());
  for (const PatientRef& who : all_patients()) {
    SCOPED_TRACE(who.patient_id);
    const Json ctx = context_for(ExportType::kProgressReport, who);
    const Rendered r = render(source, ctx, "spec_progress_report");
    const std::string text = pdf_text(r.pdf.bytes);
    EXPECT_NE(text.find("Progress Report"), std::string::npos);
    EXPECT_NE(text.find("Patient: " + ctx["patient"]["name"].get<std::string>()),
              std::string::npos);
    EXPECT_NE(text.find("Treatment Goals & Progress"), std::string::npos);
    for (const auto& goal : ctx["goals"]) {
      EXPECT_NE(text.find(collapse_whitespace(goal["description"])), std::string::npos);
    }
    for (const auto& dx : ctx["diagnoses"]) {
      EXPECT_NE(text.find(dx["code"].get<std::string>() + " - "), std::string::npos);
    }
  }
}

TEST(SystemTemplatesPdf, ImagesFromFilesAndTheNetworkAreLeftOut) {
  const std::string source =
      "<html><body><h1>{{ patient.name }}</h1>"
      "<img src=\"file:///etc/passwd\"><img src=\"http://127.0.0.1:9/x.png\">"
      "<p>end</p></body></html>";
  const Json ctx = {{"patient", {{"name", "Ann Example"}}}};
  const Rendered r = render(source, ctx, "hostile");
  ASSERT_FALSE(r.pdf.bytes.empty());
  const std::string text = pdf_text(r.pdf.bytes);
  EXPECT_NE(text.find("Ann Example"), std::string::npos);
  EXPECT_EQ(text.find("root:"), std::string::npos);
  bool file_noted = false, http_noted = false;
  for (const auto& n : r.pdf.notes) {
    file_noted |= n.find("scheme file") != std::string::npos;
    http_noted |= n.find("scheme http") != std::string::npos;
  }
  EXPECT_TRUE(file_noted);
  EXPECT_TRUE(http_noted);
  EXPECT_EQ(r.pdf.bytes.find("/Subtype /Image"), std::string::npos);
  EXPECT_EQ(r.pdf.bytes.find("/Subtype/Image"), std::string::npos);
}

// The PDF's pages as pdftotext -layout prints them (columns kept on their lines).
std::vector<std::string> pdf_page_texts(const std::string& pdf) {
  const dossier::testing::TempDir dir;
  const std::string text = run("pdftotext -layout -enc UTF-8 '" + dir.write("in.pdf", pdf) + "' -");
  std::vector<std::string> pages;
  std::istringstream in(text);
  for (std::string page; std::getline(in, page, '\f');) pages.push_back(page);
  return pages;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The contents page lists every section with the page its heading is on: the numbers come from
// target-counter() in the template, the heading's page from the PDF's text, page by page.
TEST(SystemTemplatesPdf, FullRecordContentsGiveThePagesOfTheSections) {
  const auto patients = all_patients();
  for (size_t i = 0; i < patients.size(); i += 3) {
    SCOPED_TRACE(i);
    const Json ctx = context_for(ExportType::kFullRecord, patients[i],
                                 {{"include_sections", {{"attachments", true}}}});
    const Rendered r = render_system(ExportType::kFullRecord, ctx);
    const std::vector<std::string> pages = pdf_page_texts(r.pdf.bytes);
    ASSERT_EQ(static_cast<int>(pages.size()), r.pdf.page_count);
    // "  3.   Diagnoses      2": the entries of the contents, in order.
    static const std::regex kEntry(R"(^\s*(\d+)\.\s+(\S.*\S)\s{2,}(\d+)\s*$)");
    std::vector<std::pair<std::string, int>> entries;
    std::istringstream lines(pages.at(0));
    for (std::string line; std::getline(lines, line);) {
      std::smatch m;
      if (!std::regex_match(line, m, kEntry)) continue;
      EXPECT_EQ(std::stoi(m[1]), static_cast<int>(entries.size()) + 1) << line;
      entries.emplace_back(m[2], std::stoi(m[3]));
    }
    ASSERT_GE(entries.size(), 8u) << pages.at(0);
    EXPECT_EQ(entries.back().first, "Records not included");
    // Each heading is a line of its own, on or after the previous section's page.
    size_t from = 0;
    for (const auto& [title, page] : entries) {
      size_t found = pages.size();
      for (size_t p = from; p < pages.size() && found == pages.size(); ++p) {
        std::istringstream page_lines(pages[p]);
        for (std::string line; std::getline(page_lines, line);) {
          if (lower(collapse_whitespace(line)) == lower(title)) found = p;
        }
      }
      ASSERT_LT(found, pages.size()) << "no heading " << title;
      EXPECT_EQ(page, static_cast<int>(found) + 1) << title;
      from = found;
    }
    EXPECT_GT(entries.back().second, 2);  // the record runs over several pages
  }
}

// Not a check: with DOSSIER_TEMPLATE_PREVIEW_DIR set, writes the first patient's documents.
TEST(SystemTemplatesPdf, Preview) {
  const char* dir = std::getenv("DOSSIER_TEMPLATE_PREVIEW_DIR");
  if (dir == nullptr) GTEST_SKIP() << "set DOSSIER_TEMPLATE_PREVIEW_DIR to write previews";
  const char* index = std::getenv("DOSSIER_TEMPLATE_PREVIEW_PATIENT");
  const PatientRef who = all_patients().at(index ? std::stoul(index) : 0);
  const std::vector<std::pair<ExportType, Json>> docs = {
      {ExportType::kProgressReport, {{"include_sections", {{"medical_necessity", true}}}}},
      {ExportType::kSessionNotes,
       {{"options", {{"include_transcript", true}, {"include_psychotherapy_notes", true}}},
        {"authorization",
         {{"reference", "AUTH-2026-001"},
          {"date", "2026-01-15"},
          {"scope", "psychotherapy notes for continuity of care"}}}}},
      {ExportType::kTreatmentSummary, {{"purpose", "insurance"}}},
      {ExportType::kFullRecord, {{"include_sections", {{"attachments", true}}}}},
      {ExportType::kInsuranceReport, Json::object()}};
  std::vector<std::pair<std::string, std::string>> pages;  // (file base, html)
  for (const auto& [type, body] : docs) {
    const Json ctx = context_for(type, who, body);
    const std::string name = jobs::export_type_name(type);
    const std::string base = std::string(dir) + "/" + name;
    std::ofstream(base + ".json", std::ios::binary) << ctx.dump(2);
    auto html = render_template_html(system_template_source(name), ctx, name);
    ASSERT_TRUE(html.ok()) << html.error().detail;
    std::ofstream(base + ".html", std::ios::binary) << *html;
    pages.emplace_back(base, std::move(html).value());
  }
  for (const auto& [base, html] : pages) {
    auto pdf = doc::render_pdf(html, pdf_options());
    ASSERT_TRUE(pdf.ok()) << pdf.error().detail;
    std::ofstream(base + ".pdf", std::ios::binary) << pdf->bytes;
  }
}

}  // namespace
}  // namespace dossier::catalog
