#include "web/export_form.h"

#include <gtest/gtest.h>

#include "jobs/export_request.h"

namespace dossier::web {
namespace {

using jobs::ExportType;

const char* kPatient = "0a1b2c3d-0000-4000-8000-000000000001";
const char* kSessionA = "0a1b2c3d-0000-4000-8000-00000000000a";
const char* kSessionB = "0a1b2c3d-0000-4000-8000-00000000000b";

auth::Caller caller_of(auth::Role role) {
  return {"u", role, {}, {}};
}

std::vector<std::string> slugs(const std::vector<ExportKind>& kinds) {
  std::vector<std::string> out;
  for (const auto& k : kinds) out.emplace_back(k.slug);
  return out;
}

TEST(ExportFormTest, EachRoleIsOfferedWhatTheApiLetsItMake) {
  EXPECT_EQ(slugs(export_kinds_for(caller_of(auth::Role::kBiller))),
            std::vector<std::string>{"insurance-report"});
  EXPECT_EQ(slugs(export_kinds_for(caller_of(auth::Role::kTherapist))),
            (std::vector<std::string>{"progress-report", "session-notes", "treatment-summary",
                                      "full-record", "insurance-report"}));
  const auto admin = slugs(export_kinds_for(caller_of(auth::Role::kAdmin)));
  EXPECT_EQ(admin.size(), 6u);
  EXPECT_EQ(admin.back(), "practice-summary");
  EXPECT_FALSE(find_export_kind(export_kinds_for(caller_of(auth::Role::kBiller)), "full-record"));
}

TEST(ExportFormTest, AProgressReportFormBecomesTheApiBodyWithEverySectionAsABoolean) {
  FormFields form{{"csrf_token", "t"},
                  {"type", "progress-report"},
                  {"patient_id", kPatient},
                  {"format", "pdf"},
                  {"template_id", ""},
                  {"start_date", "2025-01-01"},
                  {"end_date", ""},
                  {"include_sections.diagnosis", "on"},
                  {"include_sections.medical_necessity", "on"},
                  {"purpose", "Referral"},
                  {"recipient.name", "Dr. Test"},
                  {"recipient.organization", ""},
                  {"redaction.profile", "transfer"},
                  {"options.bom", "on"}};
  const Json body = export_body(ExportType::kProgressReport, form);
  EXPECT_EQ(body["patient_id"], kPatient);
  EXPECT_EQ(body["format"], "pdf");
  EXPECT_EQ(body["start_date"], "2025-01-01");
  // Empty inputs are left to the API's defaults; the form's own fields never reach the API.
  for (const char* absent : {"template_id", "end_date", "csrf_token", "type", "options"}) {
    EXPECT_FALSE(body.contains(absent)) << absent;
  }
  EXPECT_EQ(body["recipient"], (Json{{"name", "Dr. Test"}}));
  EXPECT_EQ(body["redaction"]["profile"], "transfer");
  EXPECT_EQ(body["purpose"], "Referral");
  EXPECT_EQ(body["include_sections"]["diagnosis"], true);
  EXPECT_EQ(body["include_sections"]["medical_necessity"], true);
  EXPECT_EQ(body["include_sections"]["recommendations"], false);
  // Aliases are the API's synonyms, not inputs of their own.
  EXPECT_FALSE(body["include_sections"].contains("goals"));
  EXPECT_EQ(body["include_sections"].size(), 9u);
  // What the API would make of it: a request, not a validation error.
  EXPECT_TRUE(jobs::parse_export_request(ExportType::kProgressReport, body).ok());
}

TEST(ExportFormTest, SessionNotesNameTheirSessionsAndOptionsNotAPatient) {
  FormFields form{{"patient_id", kPatient},
                  {"format", "docx"},
                  {std::string("session_ids.") + kSessionB, "on"},
                  {std::string("session_ids.") + kSessionA, "on"},
                  {"options.include_ai_notes", "on"},
                  {"options.bundle", "zip"},
                  {"options.bom", "on"}};
  const Json body = export_body(ExportType::kSessionNotes, form);
  EXPECT_FALSE(body.contains("patient_id"));
  EXPECT_EQ(body["session_ids"], (Json{kSessionA, kSessionB}));
  EXPECT_EQ(body["options"], (Json{{"include_transcript", false},
                                   {"include_ai_notes", true},
                                   {"include_action_items", false},
                                   {"bundle", "zip"}}));
  EXPECT_TRUE(jobs::parse_export_request(ExportType::kSessionNotes, body).ok());
}

TEST(ExportFormTest, OtherTypesTakeTheirOwnMembers) {
  const Json record = export_body(ExportType::kFullRecord, {{"patient_id", kPatient},
                                                            {"format", "json"},
                                                            {"date_range.start", "2025-02-01"},
                                                            {"date_range.end", "2025-03-01"}});
  EXPECT_EQ(record["date_range"], (Json{{"start", "2025-02-01"}, {"end", "2025-03-01"}}));
  EXPECT_TRUE(jobs::parse_export_request(ExportType::kFullRecord, record).ok());

  const Json claim = export_body(ExportType::kInsuranceReport,
                                 {{"patient_id", kPatient}, {"format", "x12"}, {"start_date", ""}});
  EXPECT_FALSE(claim.contains("session_ids"));  // none ticked: the date range (or all) applies
  EXPECT_FALSE(claim.contains("include_sections"));
  EXPECT_TRUE(jobs::parse_export_request(ExportType::kInsuranceReport, claim).ok());

  const Json summary = export_body(ExportType::kPracticeSummary, {{"patient_id", kPatient},
                                                                  {"format", "csv"},
                                                                  {"start_date", "2025-01-01"},
                                                                  {"end_date", "2025-06-30"},
                                                                  {"purpose", "ignored"}});
  EXPECT_FALSE(summary.contains("patient_id"));
  EXPECT_FALSE(summary.contains("purpose"));
  EXPECT_FALSE(summary.contains("options"));  // the BOM box was not ticked
  EXPECT_TRUE(jobs::parse_export_request(ExportType::kPracticeSummary, summary).ok());

  const Json plan =
      export_body(ExportType::kTreatmentSummary,
                  {{"patient_id", kPatient}, {"format", "pdf"}, {"purpose", "transfer"}});
  EXPECT_EQ(plan["purpose"], "transfer");
  EXPECT_TRUE(jobs::parse_export_request(ExportType::kTreatmentSummary, plan).ok());
}

TEST(ExportFormTest, PsychotherapyNotesTravelWithTheClientsAuthorization) {
  const Json body =
      export_body(ExportType::kFullRecord, {{"patient_id", kPatient},
                                            {"format", "pdf"},
                                            {"options.include_psychotherapy_notes", "on"},
                                            {"authorization.reference", "AUTH-1"},
                                            {"authorization.date", "2025-01-02"},
                                            {"authorization.scope", "Transfer of care"},
                                            {"consent.reference", ""}});
  EXPECT_EQ(body["options"]["include_psychotherapy_notes"], true);
  EXPECT_EQ(body["authorization"],
            (Json{{"reference", "AUTH-1"}, {"date", "2025-01-02"}, {"scope", "Transfer of care"}}));
  EXPECT_FALSE(body.contains("consent"));
  EXPECT_TRUE(jobs::parse_export_request(ExportType::kFullRecord, body).ok());
  // Without the authorization the API's problem names it; the form puts it at its reference.
  const Json bare = export_body(
      ExportType::kFullRecord,
      {{"patient_id", kPatient}, {"format", "pdf"}, {"options.include_psychotherapy_notes", "on"}});
  auto refused = jobs::parse_export_request(ExportType::kFullRecord, bare);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(form_errors(refused.error())["fields"].contains("authorization.reference"));
  // Progress reports never carry them.
  EXPECT_FALSE(
      export_body(ExportType::kProgressReport, {{"options.include_psychotherapy_notes", "on"}})
          .contains("options"));
}

TEST(ExportFormTest, TheRecipientsAddressAndTermsToRedactOnePerLine) {
  const Json body = export_body(ExportType::kProgressReport,
                                {{"patient_id", kPatient},
                                 {"format", "pdf"},
                                 {"recipient.name", "Records Desk"},
                                 {"recipient.address", "12 Harbor Road, Portland, ME"},
                                 {"redaction.terms", " Lakeside Clinic \r\n\nRiver Street\n"}});
  EXPECT_EQ(body["recipient"]["address"], "12 Harbor Road, Portland, ME");
  EXPECT_EQ(body["redaction"]["terms"], (Json{"Lakeside Clinic", "River Street"}));
  EXPECT_TRUE(jobs::parse_export_request(ExportType::kProgressReport, body).ok());
  // A term the API refuses is shown at the text area, whichever line it was.
  const Json bad =
      export_body(ExportType::kProgressReport,
                  {{"patient_id", kPatient}, {"format", "pdf"}, {"redaction.terms", "fine\nx"}});
  auto refused = jobs::parse_export_request(ExportType::kProgressReport, bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(form_errors(refused.error())["fields"]["redaction.terms"]["id"],
            "error-redaction-terms");
}

TEST(ExportFormTest, TheDefaultsAreThoseOfTheType) {
  FormFields progress = default_form_values(ExportType::kProgressReport);
  EXPECT_EQ(form_value(progress, "format"), "pdf");
  EXPECT_TRUE(progress.contains("include_sections.diagnosis"));
  EXPECT_FALSE(progress.contains("include_sections.medical_necessity"));  // off by default
  EXPECT_FALSE(progress.contains("include_sections.goals"));              // an alias
  progress["patient_id"] = kPatient;
  const Json body = export_body(ExportType::kProgressReport, progress);
  auto parsed = jobs::parse_export_request(ExportType::kProgressReport, body);
  ASSERT_TRUE(parsed.ok());
  // The untouched form asks for exactly what the API gives a body without include_sections.
  EXPECT_EQ(parsed->parameters["include_sections"],
            jobs::resolve_sections(ExportType::kProgressReport, Json::object(), Json::object()));

  const FormFields notes = default_form_values(ExportType::kSessionNotes);
  EXPECT_TRUE(notes.contains("options.include_ai_notes"));
  EXPECT_FALSE(notes.contains("options.include_transcript"));
}

TEST(ExportFormTest, TheApisFieldErrorsLandBesideTheirInputs) {
  const Json body = export_body(ExportType::kProgressReport, {{"patient_id", kPatient},
                                                              {"format", "pdf"},
                                                              {"start_date", "2025-03-01"},
                                                              {"end_date", "2025-01-01"}});
  auto parsed = jobs::parse_export_request(ExportType::kProgressReport, body);
  ASSERT_FALSE(parsed.ok());
  const Json errors = form_errors(parsed.error());
  ASSERT_TRUE(errors["fields"].contains("end_date"));
  EXPECT_EQ(errors["fields"]["end_date"]["id"], "error-end_date");
  EXPECT_NE(errors["fields"]["end_date"]["problem"].get<std::string>().find("start_date"),
            std::string::npos);
  ASSERT_EQ(errors["summary"].size(), 1u);
  EXPECT_EQ(errors["summary"][0]["id"], "end_date");
  EXPECT_EQ(errors["summary"][0]["label"], "To");
}

TEST(ExportFormTest, ListAndSectionProblemsGoToTheirFieldsetsAndNestedOnesToTheirInputs) {
  Error e{ErrorCode::kValidation, "the request is not valid", {}};
  e.fields = {{"session_ids[0]", "is not a session of this patient"},
              {"session_ids[2]", "is not a session of this patient"},
              {"include_sections.horoscope", "is not a section"},
              {"date_range.start", "must be a date"},
              {"recipient.name", "is too long"},
              {"subscriber.member_id", "is missing"}};
  const Json errors = form_errors(e);
  EXPECT_EQ(errors["fields"]["session_ids"]["id"], "error-session_ids");
  EXPECT_EQ(errors["fields"]["session_ids"]["problem"],
            "is not a session of this patient; is not a session of this patient");
  EXPECT_EQ(errors["fields"]["include_sections"]["problem"], "is not a section");
  EXPECT_EQ(errors["fields"]["date_range.start"]["id"], "error-date_range-start");
  EXPECT_EQ(errors["fields"]["recipient.name"]["id"], "error-recipient-name");
  ASSERT_EQ(errors["summary"].size(), 6u);
  EXPECT_EQ(errors["summary"][3]["id"], "date_range-start");
  // What a claim lacks is no input of the form: listed, not linked, not placed.
  EXPECT_EQ(errors["summary"][5], (Json{{"name", "subscriber.member_id"},
                                        {"id", nullptr},
                                        {"label", "subscriber.member_id"},
                                        {"problem", "is missing"}}));
  EXPECT_FALSE(errors["fields"].contains("subscriber.member_id"));
  EXPECT_EQ(input_id("options.include_transcript"), "options-include_transcript");
}

}  // namespace
}  // namespace dossier::web
