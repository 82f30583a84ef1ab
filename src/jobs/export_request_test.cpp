#include "jobs/export_request.h"

#include <gtest/gtest.h>

namespace dossier::jobs {
namespace {

constexpr const char* kPatient = "0190f0e2-7c1a-7abc-8def-0123456789ab";

std::vector<std::string> paths(const Result<ExportRequest>& r) {
  std::vector<std::string> out;
  if (!r.ok()) {
    for (const auto& f : r.error().fields) out.push_back(f.path);
  }
  return out;
}

TEST(ExportRequestTest, ProgressReportDefaultsEverySectionAndResolvesAliases) {
  auto r = parse_export_request(ExportType::kProgressReport,
                                {{"patient_id", kPatient},
                                 {"format", "json"},
                                 {"start_date", "2024-01-01"},
                                 {"end_date", "2024-03-10"},
                                 {"include_sections", {{"goals", false}, {"assessments", false}}}});
  ASSERT_TRUE(r.ok()) << r.error().detail;
  const Json& s = r->parameters["include_sections"];
  EXPECT_EQ(s["treatment_goals"], false);
  EXPECT_EQ(s["goals"], false);
  EXPECT_EQ(s["assessments"], false);
  EXPECT_EQ(s["patient_info"], true);
  EXPECT_EQ(s["medical_necessity"], false);
  EXPECT_EQ(r->parameters["start_date"], "2024-01-01");
}

TEST(ExportRequestTest, AliasesAreThereWhenNoSectionsAreGiven) {
  auto r = parse_export_request(ExportType::kProgressReport,
                                {{"patient_id", kPatient}, {"format", "pdf"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->parameters["include_sections"]["goals"], true);
  EXPECT_EQ(r->parameters["include_sections"]["progress"], true);
}

TEST(ExportRequestTest, TemplateSectionsAreDefaultsTheRequestOverrides) {
  const Json resolved =
      resolve_sections(ExportType::kProgressReport,
                       {{"goals", false}, {"assessments", false}, {"medical_necessity", true}},
                       {{"assessments", true}});
  EXPECT_EQ(resolved["treatment_goals"], false);
  EXPECT_EQ(resolved["goals"], false);
  EXPECT_EQ(resolved["assessments"], true);
  EXPECT_EQ(resolved["medical_necessity"], true);
  EXPECT_EQ(resolved["patient_info"], true);
}

TEST(ExportRequestTest, CollectsEveryProblemWithItsPath) {
  auto r = parse_export_request(ExportType::kProgressReport,
                                {{"patient_id", "nope"},
                                 {"format", "odt"},
                                 {"start_date", "2024-02-30"},
                                 {"include_sections", {{"horoscope", true}, {"goals", "yes"}}},
                                 {"colour", "blue"}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kValidation);
  const auto p = paths(r);
  for (const char* want : {"patient_id", "format", "start_date", "include_sections.horoscope",
                           "include_sections.goals", "colour"}) {
    EXPECT_NE(std::find(p.begin(), p.end(), want), p.end()) << want;
  }
}

TEST(ExportRequestTest, FormatErrorListsImplementedFormats) {
  auto r =
      parse_export_request(ExportType::kFullRecord, {{"patient_id", kPatient}, {"format", "odt"}});
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0].path, "format");
  EXPECT_NE(r.error().fields[0].problem.find("json, pdf, docx, csv, xlsx"), std::string::npos);
}

// The byte order mark is a CSV option: a boolean, and only for CSV.
TEST(ExportRequestTest, BomIsABooleanOptionOfCsv) {
  auto ok = parse_export_request(
      ExportType::kProgressReport,
      {{"patient_id", kPatient}, {"format", "csv"}, {"options", {{"bom", true}}}});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->parameters["options"]["bom"], true);
  for (const Json& bad : {Json("yes"), Json(1), Json::array({true})}) {
    auto r = parse_export_request(
        ExportType::kSessionNotes,
        {{"session_ids", {kPatient}}, {"format", "csv"}, {"options", {{"bom", bad}}}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(paths(r), std::vector<std::string>{"options.bom"}) << bad.dump();
  }
  auto json = parse_export_request(
      ExportType::kFullRecord,
      {{"patient_id", kPatient}, {"format", "json"}, {"options", {{"bom", true}}}});
  ASSERT_FALSE(json.ok());
  EXPECT_EQ(paths(json), std::vector<std::string>{"options.bom"});
}

TEST(ExportRequestTest, RangeThatEndsBeforeItStarts) {
  auto r = parse_export_request(ExportType::kFullRecord,
                                {{"patient_id", kPatient},
                                 {"format", "json"},
                                 {"date_range", {{"start", "2024-03-01"}, {"end", "2024-01-01"}}}});
  EXPECT_EQ(paths(r), std::vector<std::string>{"date_range.end"});
}

TEST(ExportRequestTest, PsychotherapyNotesNeedAnAuthorization) {
  auto r = parse_export_request(ExportType::kSessionNotes,
                                {{"session_ids", {kPatient}},
                                 {"format", "json"},
                                 {"options", {{"include_psychotherapy_notes", true}}}});
  EXPECT_EQ(paths(r), std::vector<std::string>{"authorization"});
  auto ok = parse_export_request(
      ExportType::kSessionNotes,
      {{"session_ids", {kPatient}},
       {"format", "json"},
       {"options", {{"include_psychotherapy_notes", true}}},
       {"authorization", {{"reference", "AUTH-7"}, {"date", "2026-01-02"}, {"scope", "notes"}}}});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->parameters["authorization"]["reference"], "AUTH-7");
}

TEST(ExportRequestTest, DisclosureMembersAreChecked) {
  auto r = parse_export_request(
      ExportType::kFullRecord,
      {{"patient_id", kPatient},
       {"format", "json"},
       {"purpose", 7},
       {"recipient", {{"organization", "Lakeside Clinic"}}},
       {"redaction", {{"profile", "everything"}, {"terms", {"ok", "x"}}}},
       {"authorization", {{"reference", "A"}, {"date", "2999-01-01"}, {"scope", "all"}}},
       {"consent", {{"date", "2025-02-30"}}}});
  EXPECT_EQ(paths(r), (std::vector<std::string>{"purpose", "recipient.name", "redaction.profile",
                                                "redaction.terms[1]", "authorization.date",
                                                "consent.reference", "consent.date"}));
}

TEST(ExportRequestTest, DisclosureMembersAreKeptInTheParameters) {
  auto r = parse_export_request(
      ExportType::kProgressReport,
      {{"patient_id", kPatient},
       {"format", "pdf"},
       {"purpose", "continuity of care"},
       {"recipient", {{"name", "Dr. Imani Okafor"}, {"organization", "Lakeside Clinic"}}},
       {"redaction", {{"profile", "transfer"}, {"terms", {"Riverside"}}}}});
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(r->parameters["purpose"], "continuity of care");
  EXPECT_EQ(r->parameters["recipient"]["organization"], "Lakeside Clinic");
  EXPECT_EQ(r->parameters["redaction"]["profile"], "transfer");
  EXPECT_EQ(r->parameters["redaction"]["terms"], Json::array({"Riverside"}));
}

TEST(ExportRequestTest, SessionIdsMustBeDistinctUuids) {
  auto r = parse_export_request(ExportType::kSessionNotes,
                                {{"session_ids", {kPatient, kPatient, 7}}, {"format", "json"}});
  EXPECT_EQ(paths(r), (std::vector<std::string>{"session_ids[1]", "session_ids[2]"}));
  auto empty = parse_export_request(ExportType::kSessionNotes,
                                    {{"session_ids", Json::array()}, {"format", "json"}});
  EXPECT_EQ(paths(empty), std::vector<std::string>{"session_ids"});
}

TEST(ExportRequestTest, NonObjectBody) {
  auto r = parse_export_request(ExportType::kFullRecord, Json::array());
  EXPECT_EQ(paths(r), std::vector<std::string>{"body"});
}

TEST(ExportRequestTest, InsuranceReportTakesSessionsOrRangeNotBoth) {
  auto r = parse_export_request(ExportType::kInsuranceReport, {{"patient_id", kPatient},
                                                               {"format", "json"},
                                                               {"session_ids", {kPatient}},
                                                               {"start_date", "2024-01-01"}});
  EXPECT_EQ(paths(r), std::vector<std::string>{"session_ids"});
}

}  // namespace
}  // namespace dossier::jobs
