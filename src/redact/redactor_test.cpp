#include "redact/redactor.h"

#include <gtest/gtest.h>

#include "redact/identifiers.h"

namespace dossier::redact {
namespace {

const Json kPatient = {{"id", "0198518e-0a40-7cce-b399-a7401402c5ee"},
                       {"mrn", "MRN-004211"},
                       {"given_name", "Marisol"},
                       {"family_name", "Quintero-Vale"},
                       {"name", "Marisol Quintero-Vale"},
                       {"birth_date", "1990-07-14"},
                       {"age", 36},
                       {"address_line1", "418 Larch Row"},
                       {"city", "Millbrook"},
                       {"state", "IL"},
                       {"postal_code", "60614"},
                       {"phone", "(555) 201-3344"},
                       {"email", "marisol.q@example.net"},
                       {"emergency_contact_name", "Tobias Quintero"},
                       {"emergency_contact_phone", "555-777-1212"},
                       {"substance_use_sensitive", false}};

const Json kCoverage = Json::array({{{"id", "0198518e-0a40-7cce-b399-a7401402c5ef"},
                                     {"member_id", "XQZ884421"},
                                     {"payer_name", "Prairie Health"},
                                     {"subscriber_relationship", "spouse"},
                                     {"subscriber_given_name", "Tobias"},
                                     {"subscriber_family_name", "Quintero"}}});

Json note(const std::string& kind, bool ai, bool signed_, const std::string& text) {
  return {{"id", "0198518e-0a40-7cce-b399-a7401402c600"},
          {"kind", kind},
          {"ai_drafted", ai},
          {"signed_at", signed_ ? Json("2025-03-04T16:00:00Z") : Json(nullptr)},
          {"sections", {{"subjective", text}}},
          {"transcript", "T: How was the week, Marisol?"}};
}

Json context() {
  return {{"export",
           {{"job_id", "0198518e-0a40-7cce-b399-a7401402c601"},
            {"generated_at", "2026-12-06T10:00:00Z"},
            {"parameters", {{"start_date", "2025-01-01"}}}}},
          {"practice", {{"name", "Millbrook Counseling"}, {"npi", "1234567890"}}},
          {"patient", kPatient},
          {"coverage", kCoverage[0]},
          {"sessions",
           Json::array({{{"date", "2025-03-04"},
                         {"therapist", {{"name", "Rowan Marisol Hale"}, {"npi", "1987654321"}}},
                         {"notes", Json::array({
                                       note("progress_note", false, true,
                                            "Marisol reports Tobias called 555-777-1212; "
                                            "SSN 123-45-6789 came up. See https://x.example/a."),
                                       note("psychotherapy_note", false, true, "Process notes."),
                                       note("progress_note", true, false, "Draft by assistant."),
                                   })}}})},
          {"tables",
           {{"attachments", Json::array({{{"id", "a"},
                                          {"sha256", "00"},
                                          {"content_type", "image/png"},
                                          {"filename", "photo.png"}}})}}}};
}

struct Redacted {
  Json context;
  Json report;
};

Redacted run(Profile profile, std::vector<std::string> custom = {}) {
  const Policy policy = policy_for(profile);
  const RecordIdentifiers ids = identifiers_of(kPatient, kCoverage);
  std::vector<Term> terms;
  if (!policy.client_identifiers) terms = ids.client;
  if (!policy.contacts) terms.insert(terms.end(), ids.contacts.begin(), ids.contacts.end());
  std::vector<Term> custom_terms;
  for (auto& t : custom) custom_terms.push_back({t, "custom"});
  terms.insert(terms.end(), custom_terms.begin(), custom_terms.end());
  Redacted r{context(), {}};
  r.report = redact_context(r.context, profile, policy, Scrubber(terms, policy.patterns),
                            Scrubber(custom_terms, {}));
  return r;
}

int count(const Json& report, const char* list, const std::string& section,
          const std::string& kind) {
  for (const auto& e : report[list]) {
    if (e["section"] == section && e["kind"] == kind) return e["count"];
  }
  return 0;
}

const Json& notes(const Redacted& r) {
  return r.context["sessions"][0]["notes"];
}

TEST(RedactorTest, TreatmentChangesNothing) {
  const Redacted r = run(Profile::kTreatment);
  EXPECT_EQ(r.context, context());
  EXPECT_EQ(r.report["removed_total"], 0);
  EXPECT_EQ(r.report["withheld_total"], 0);
  EXPECT_EQ(r.report["profile"], "treatment");
}

TEST(RedactorTest, CustomTermsAreScrubbedInAnyProfile) {
  const Redacted r = run(Profile::kTreatment, {"Process"});
  EXPECT_EQ(notes(r)[1]["sections"]["subjective"], "[REDACTED:custom] notes.");
  EXPECT_EQ(count(r.report, "removed", "sessions", "custom"), 1);
}

TEST(RedactorTest, InsuranceKeepsTheMinimumNecessary) {
  const Redacted r = run(Profile::kInsurance);
  ASSERT_EQ(notes(r).size(), 1u);  // no psychotherapy note, no unsigned draft
  EXPECT_FALSE(notes(r)[0].contains("transcript"));
  EXPECT_EQ(notes(r)[0]["sections"]["subjective"],
            "Marisol reports [REDACTED:contact_name] called [REDACTED:phone]; SSN [REDACTED:ssn] "
            "came up. See [REDACTED:url].");
  EXPECT_EQ(r.context["patient"]["name"], "Marisol Quintero-Vale");
  EXPECT_EQ(r.context["patient"]["email"], "[REDACTED:email]");
  EXPECT_EQ(r.context["patient"]["emergency_contact_name"], "[REDACTED:contact_name]");
  EXPECT_EQ(r.context["coverage"]["subscriber_given_name"], "Tobias");  // the claim needs it
  EXPECT_EQ(r.context["tables"]["attachments"], Json::array());
  EXPECT_EQ(count(r.report, "withheld", "sessions", "psychotherapy_note"), 1);
  EXPECT_EQ(count(r.report, "withheld", "sessions", "unsigned_ai_draft"), 1);
  EXPECT_EQ(count(r.report, "withheld", "sessions", "transcript"), 1);
  EXPECT_EQ(count(r.report, "withheld", "tables.attachments", "attachment"), 1);
  EXPECT_EQ(count(r.report, "removed", "sessions", "ssn"), 1);
  EXPECT_EQ(count(r.report, "removed", "patient", "email"), 1);
}

TEST(RedactorTest, ARelativeSharingTheClientsFamilyNameLeavesTheClientsNameAlone) {
  Json patient = kPatient;
  patient["family_name"] = "Quintero";
  const RecordIdentifiers ids = identifiers_of(patient, kCoverage);
  for (const auto& t : ids.contacts) EXPECT_NE(t.text, "Quintero");
  EXPECT_EQ(ids.contacts.front().text, "Tobias Quintero");
}

TEST(RedactorTest, CustomTermsReachKeptIdentifierFields) {
  Json ctx = {{"patient", kPatient}};
  const Scrubber custom({{"Tobias", "custom"}}, {});
  redact_context(ctx, Profile::kTreatment, policy_for(Profile::kTreatment), custom, custom);
  EXPECT_EQ(ctx["patient"]["emergency_contact_name"], "[REDACTED:custom] Quintero");
  EXPECT_EQ(ctx["patient"]["name"], "Marisol Quintero-Vale");
}

TEST(RedactorTest, ClientAccessWithholdsPsychotherapyNotesOnly) {
  const Redacted r = run(Profile::kClientAccess);
  ASSERT_EQ(notes(r).size(), 1u);
  EXPECT_EQ(notes(r)[0]["kind"], "progress_note");
  EXPECT_TRUE(notes(r)[0].contains("transcript"));
  EXPECT_EQ(r.context["patient"], kPatient);
}

TEST(RedactorTest, TransferKeepsAuthorizedPsychotherapyNotes) {
  const Redacted r = run(Profile::kTransfer);
  ASSERT_EQ(notes(r).size(), 2u);
  EXPECT_EQ(notes(r)[1]["kind"], "psychotherapy_note");
}

TEST(RedactorTest, ResearchRemovesTheSafeHarborIdentifiers) {
  const Redacted r = run(Profile::kResearch);
  const Json& p = r.context["patient"];
  EXPECT_EQ(p["name"], "[REDACTED:name]");
  EXPECT_EQ(p["mrn"], "[REDACTED:mrn]");
  EXPECT_EQ(p["birth_date"], "1990");
  EXPECT_EQ(p["postal_code"], "606");
  EXPECT_EQ(p["state"], "IL");
  EXPECT_EQ(p["address_line1"], "[REDACTED:address]");
  EXPECT_EQ(p["phone"], "[REDACTED:phone]");
  EXPECT_NE(p["id"], kPatient["id"]);
  EXPECT_EQ(r.context["coverage"]["member_id"], "[REDACTED:member_id]");
  EXPECT_EQ(r.context["coverage"]["subscriber_given_name"], "[REDACTED:subscriber]");
  EXPECT_EQ(r.context["sessions"][0]["date"], "2025");
  EXPECT_EQ(notes(r)[0]["sections"]["subjective"],
            "[REDACTED:name] reports [REDACTED:contact_name] called [REDACTED:phone]; SSN "
            "[REDACTED:ssn] came up. See [REDACTED:url].");
  // Providers are not the subject: the therapist keeps a name that shares a part with hers.
  EXPECT_EQ(r.context["sessions"][0]["therapist"]["name"], "Rowan Marisol Hale");
  EXPECT_EQ(r.context["export"]["generated_at"], "2026-12-06T10:00:00Z");
  EXPECT_EQ(r.context["export"]["parameters"]["start_date"], "2025");
  EXPECT_GE(count(r.report, "removed", "patient", "name"), 3);
}

TEST(RedactorTest, ResearchGroupsTheOldest) {
  Json patient = kPatient;
  patient["age"] = 93;
  patient["birth_date"] = "1933-01-02";
  Json ctx = {{"patient", patient}};
  redact_context(ctx, Profile::kResearch, policy_for(Profile::kResearch), Scrubber({}, {}),
                 Scrubber({}, {}));
  EXPECT_EQ(ctx["patient"]["age"], "90 or older");
  EXPECT_EQ(ctx["patient"]["birth_date"], "[REDACTED:birth_date]");
}

TEST(RedactorTest, IdsStayConsistentWithinOneResearchExport) {
  Json ctx = {{"patient", kPatient},
              {"coverage", {{"member_id", "X"}, {"patient_id", kPatient["id"]}}},
              {"tables", {{"sessions", Json::array({{{"patient_id", kPatient["id"]}}})}}}};
  redact_context(ctx, Profile::kResearch, policy_for(Profile::kResearch), Scrubber({}, {}),
                 Scrubber({}, {}));
  const Json alias = ctx["patient"]["id"];
  EXPECT_NE(alias, kPatient["id"]);
  EXPECT_EQ(ctx["coverage"]["patient_id"], alias);
  EXPECT_EQ(ctx["tables"]["sessions"][0]["patient_id"], alias);
}

TEST(RedactorTest, SafeHarborZip) {
  EXPECT_EQ(safe_harbor_zip("60614-2201"), "606");
  EXPECT_EQ(safe_harbor_zip("03601"), "000");
  EXPECT_EQ(safe_harbor_zip("8"), "000");
}

}  // namespace
}  // namespace dossier::redact
