// Resource API: the table itself, patients, coverage, care team, users, practice, attachments.
#include <set>

#include "core/base64.h"
#include "core/crypto.h"
#include "record/resource_spec.h"
#include "record/resources_test_fixture.h"

namespace dossier::record::testing {
namespace {

TEST(ResourceTableTest, EveryColumnOfEveryResourceHasAFieldSpec) {
  ASSERT_EQ(resource_names().size(), 13u);
  EXPECT_EQ(resource_names().front(), "patients");
  std::set<std::string> tables;
  for (const auto& spec : resource_specs()) {
    ASSERT_NE(spec.table, nullptr) << spec.name;
    tables.insert(spec.table->name);
    for (const auto& column : spec.table->columns) {
      EXPECT_NE(spec.field(column.name), nullptr) << spec.name << "." << column.name;
    }
    for (const auto& field : spec.fields) {
      EXPECT_TRUE(!field.column || spec.has_column(field.name)) << spec.name << "." << field.name;
    }
  }
  EXPECT_EQ(tables.size(), 13u);  // one resource per table, none twice
}

using PatientsTest = ResourcesTest;

TEST_F(PatientsTest, CreateRoundTripsAndPutsTheTherapistOnTheCareTeam) {
  Json body = patient_body();
  body["given_name"] = "  Zoë  ";
  body["family_name"] = "山田";
  Json created = make(therapist_a_, "patients", body);
  EXPECT_EQ(created["given_name"], "Zoë");  // trimmed, any script
  EXPECT_EQ(created["family_name"], "山田");
  EXPECT_EQ(created["status"], "active");
  EXPECT_EQ(created["substance_use_sensitive"], false);
  EXPECT_EQ(created["mrn"].get<std::string>().rfind("MRN-", 0), 0u);
  EXPECT_TRUE(created["created_at"].is_string());
  EXPECT_EQ(ok(get(*db_, therapist_a_, "patients", created["id"])), created);
  Json team =
      ok(list(*db_, therapist_a_, "care-team", {.patient_id = created["id"].get<std::string>()}));
  ASSERT_EQ(team["items"].size(), 1u);
  EXPECT_EQ(team["items"][0]["user_id"], kTherapistA);
  EXPECT_EQ(team["items"][0]["role"], "primary");
}

TEST_F(PatientsTest, AdminCreatesWithoutJoiningTheCareTeam) {
  Json created = make(admin_, "patients", patient_body());
  EXPECT_EQ(count("care_team"), 0);
  EXPECT_EQ(get(*db_, therapist_a_, "patients", created["id"]).error().code, ErrorCode::kNotFound);
}

TEST_F(PatientsTest, CollectsEveryProblemWithoutEchoingValues) {
  Json body = {{"given_name", "   "},       {"family_name", "Bad\xC3"},
               {"middle_name", 7},          {"birth_date", "2999-01-01"},
               {"sex", "Xylophone"},        {"state", "Zq"},
               {"email", "secret-address"}, {"phone", "call me"},
               {"favorite_color", "blue"},  {"created_at", "2024-01-01T00:00:00Z"}};
  auto r = create(*db_, therapist_a_, "patients", body);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kValidation);
  const auto found = problem_paths(r);
  const std::set<std::string> paths(found.begin(), found.end());
  const std::set<std::string> expected = {
      "given_name", "family_name", "middle_name", "birth_date",     "sex",
      "state",      "email",       "phone",       "favorite_color", "created_at"};
  EXPECT_EQ(paths, expected);
  for (const auto& f : r.error().fields) {
    for (const char* secret : {"Xylophone", "secret-address", "call me", "2999", "Zq"}) {
      EXPECT_EQ(f.problem.find(secret), std::string::npos) << f.path << ": " << f.problem;
    }
  }
  EXPECT_EQ(count("patients"), 0);
}

TEST_F(PatientsTest, RequiredMembersAndTypes) {
  auto r = create(*db_, therapist_a_, "patients", Json::object());
  for (const char* path : {"given_name", "family_name", "birth_date", "sex"}) {
    EXPECT_TRUE(has_problem(r, path)) << path;
  }
  EXPECT_TRUE(has_problem(create(*db_, therapist_a_, "patients", Json::array()), ""));
  Json body = patient_body();
  body["birth_date"] = "2023-02-29";
  EXPECT_TRUE(has_problem(create(*db_, therapist_a_, "patients", body), "birth_date"));
  body = patient_body();
  body["substance_use_sensitive"] = "yes";
  EXPECT_TRUE(has_problem(create(*db_, therapist_a_, "patients", body), "substance_use_sensitive"));
}

TEST_F(PatientsTest, MrnIsUniqueAndAdminsMayChooseIds) {
  Json body = patient_body();
  body["mrn"] = "A-100";
  body["id"] = "0190F0E2-7C1A-7ABC-8DEF-0123456789AB";
  Json first = make(admin_, "patients", body);
  EXPECT_EQ(first["id"], "0190f0e2-7c1a-7abc-8def-0123456789ab");
  EXPECT_EQ(first["mrn"], "A-100");
  body.erase("id");
  auto dup = create(*db_, admin_, "patients", body);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(has_problem(dup, "mrn"));
  body["mrn"] = "A-101";
  body["id"] = "0190F0E2-7C1A-7ABC-8DEF-0123456789AB";  // the same id, in upper case
  auto same_id = create(*db_, admin_, "patients", body);
  EXPECT_EQ(same_id.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(has_problem(same_id, "id"));
  body["id"] = "not-a-uuid";
  EXPECT_TRUE(has_problem(create(*db_, admin_, "patients", body), "id"));
  EXPECT_EQ(count("patients"), 1);
}

// "Already in use" would tell a therapist that a patient they may not see exists: they choose
// neither ids nor MRNs, and get the same answer whether the value is taken or not.
TEST_F(PatientsTest, OnlyAdminsChooseIdsAndMrns) {
  Json taken = patient_body();
  taken["mrn"] = "A-200";
  const Json other = make(admin_, "patients", taken);
  for (const Json& id : {other["id"], Json("0190f0e2-7c1a-7abc-8def-0123456789ff")}) {
    Json body = patient_body();
    body["id"] = id;
    auto r = create(*db_, therapist_a_, "patients", body);
    EXPECT_EQ(r.error().code, ErrorCode::kValidation);
    EXPECT_TRUE(has_problem(r, "id"));
  }
  for (const char* mrn : {"A-200", "A-201"}) {
    Json body = patient_body();
    body["mrn"] = mrn;
    auto r = create(*db_, therapist_a_, "patients", body);
    EXPECT_EQ(r.error().code, ErrorCode::kValidation) << mrn;
    EXPECT_TRUE(has_problem(r, "mrn"));
  }
  const Json mine = make(therapist_a_, "patients", patient_body());
  EXPECT_TRUE(
      ok(update(*db_, therapist_a_, "patients", mine["id"], {{"mrn", mine["mrn"]}})).is_object());
  EXPECT_TRUE(
      has_problem(update(*db_, therapist_a_, "patients", mine["id"], {{"mrn", "A-200"}}), "mrn"));
}

TEST_F(PatientsTest, UpdateIsPartialAndKeepsImmutableMembers) {
  Json p = make(therapist_a_, "patients", patient_body());
  Json updated = ok(update(*db_, therapist_a_, "patients", p["id"],
                           {{"preferred_name", "Lex"}, {"email", nullptr}}));
  EXPECT_EQ(updated["preferred_name"], "Lex");
  EXPECT_TRUE(updated["email"].is_null());
  EXPECT_EQ(updated["given_name"], "Alex");
  EXPECT_EQ(updated["mrn"], p["mrn"]);
  EXPECT_GE(updated["updated_at"].get<std::string>(), p["updated_at"].get<std::string>());
  EXPECT_EQ(updated["created_at"], p["created_at"]);
  auto r = update(*db_, therapist_a_, "patients", p["id"],
                  {{"id", "01900000-0000-7000-8000-000000000999"}, {"given_name", nullptr}});
  EXPECT_TRUE(has_problem(r, "id"));
  EXPECT_TRUE(has_problem(r, "given_name"));
  EXPECT_TRUE(
      has_problem(update(*db_, therapist_a_, "patients", p["id"], {{"mrn", nullptr}}), "mrn"));
  EXPECT_TRUE(has_problem(update(*db_, therapist_a_, "patients", p["id"], Json::array()), ""));
  Json other = make(therapist_a_, "patients", patient_body());
  auto taken = update(*db_, admin_, "patients", other["id"], {{"mrn", p["mrn"]}});
  EXPECT_EQ(taken.error().code, ErrorCode::kConflict);
}

using CoverageTest = ResourcesTest;

TEST_F(CoverageTest, BillerMaintainsCoverageWithSubscriberRules) {
  seed_patient_and_session();
  Json body = {{"patient_id", pid()},
               {"payer_name", "Example Health"},
               {"payer_id", "EXH01"},
               {"member_id", "M123"},
               {"subscriber_relationship", "spouse"},
               {"start_date", "2024-01-01"},
               {"end_date", "2023-12-31"}};
  auto r = create(*db_, biller_, "coverage", body);
  EXPECT_TRUE(has_problem(r, "subscriber_given_name"));
  EXPECT_TRUE(has_problem(r, "subscriber_family_name"));
  EXPECT_TRUE(has_problem(r, "end_date"));
  body["end_date"] = "2024-12-31";
  body["subscriber_given_name"] = "Sam";
  body["subscriber_family_name"] = "Example";
  Json c = make(biller_, "coverage", body);
  EXPECT_EQ(c["priority"], "primary");
  Json changed = ok(update(*db_, biller_, "coverage", c["id"], {{"group_number", "G-7"}}));
  EXPECT_EQ(changed["group_number"], "G-7");
  EXPECT_EQ(ok(get(*db_, therapist_a_, "coverage", c["id"])), changed);
}

using CareTeamTest = ResourcesTest;

TEST_F(CareTeamTest, AdminAssignsCliniciansAndRowsUseCompositeIds) {
  seed_patient_and_session();
  Json member = make(admin_, "care-team",
                     {{"patient_id", pid()}, {"user_id", kTherapistB}, {"role", "secondary"}});
  EXPECT_EQ(member["role"], "secondary");
  const std::string id = pid() + ":" + kTherapistB;
  EXPECT_EQ(ok(get(*db_, therapist_b_, "care-team", id)), member);
  EXPECT_EQ(ok(get(*db_, therapist_b_, "patients", pid()))["id"], pid());
  Json changed = ok(update(*db_, admin_, "care-team", id, {{"role", "primary"}}));
  EXPECT_EQ(changed["role"], "primary");
  EXPECT_TRUE(has_problem(
      create(*db_, admin_, "care-team", {{"patient_id", pid()}, {"user_id", kBiller}}), "user_id"));
  EXPECT_EQ(create(*db_, admin_, "care-team", {{"patient_id", pid()}, {"user_id", kTherapistB}})
                .error()
                .code,
            ErrorCode::kConflict);
  EXPECT_EQ(
      create(*db_, therapist_a_, "care-team", {{"patient_id", pid()}, {"user_id", kTherapistB}})
          .error()
          .code,
      ErrorCode::kForbidden);
  Json mine = ok(list(*db_, admin_, "care-team", {.user_id = kTherapistB}));
  ASSERT_EQ(mine["items"].size(), 1u);
  EXPECT_EQ(mine["items"][0]["patient_id"], pid());
}

using StaffTest = ResourcesTest;

TEST_F(StaffTest, UsersAndPracticeAreAdminOnlyAndValidated) {
  Json user = {{"role", "therapist"}, {"given_name", "Robin"},   {"family_name", "Sample"},
               {"npi", "1234567890"}, {"license_state", "Ohio"}, {"taxonomy", "103T00000"}};
  EXPECT_EQ(create(*db_, therapist_a_, "users", user).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(create(*db_, biller_, "users", user).error().code, ErrorCode::kForbidden);
  auto r = create(*db_, admin_, "users", user);
  EXPECT_TRUE(has_problem(r, "npi"));
  EXPECT_TRUE(has_problem(r, "license_state"));
  EXPECT_TRUE(has_problem(r, "taxonomy"));
  user["npi"] = "1234567893";
  user["license_state"] = "OH";
  user["taxonomy"] = "103T00000X";
  Json u = make(admin_, "users", user);
  EXPECT_EQ(u["is_active"], true);
  EXPECT_EQ(ok(get(*db_, biller_, "users", u["id"])), u);

  Json practice = {{"name", "Sample Counseling"}, {"tax_id", "12-34567"}, {"npi", "1234567893"}};
  EXPECT_EQ(create(*db_, therapist_a_, "practice", practice).error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(has_problem(create(*db_, admin_, "practice", practice), "tax_id"));
  practice["tax_id"] = "12-3456789";
  Json created = make(admin_, "practice", practice);
  EXPECT_EQ(created["tax_id"], "12-3456789");
  EXPECT_EQ(create(*db_, admin_, "practice", practice).error().code, ErrorCode::kConflict);
  EXPECT_EQ(ok(update(*db_, admin_, "practice", created["id"], {{"city", "Springfield"}}))["city"],
            "Springfield");
}

// Documents print the practice's times in its zone: an IANA name the tz database knows.
TEST_F(StaffTest, PracticeTimeZoneDefaultsToUtcAndMustBeAnIanaName) {
  const Json practice = {{"name", "Sample Counseling"}};
  Json unknown = practice;
  unknown["time_zone"] = "Mars/Olympus_Mons";
  auto r = create(*db_, admin_, "practice", unknown);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kValidation);
  EXPECT_EQ(problem_paths(r), std::vector<std::string>{"time_zone"});
  EXPECT_EQ(r.error().fields[0].problem.find("Mars"), std::string::npos);  // no echo

  Json created = make(admin_, "practice", practice);
  EXPECT_EQ(created["time_zone"], "UTC");
  const Json id = created["id"];
  EXPECT_EQ(
      ok(update(*db_, admin_, "practice", id, {{"time_zone", " America/Chicago "}}))["time_zone"],
      "America/Chicago");
  EXPECT_EQ(ok(get(*db_, therapist_a_, "practice", id))["time_zone"], "America/Chicago");
  for (const Json& bad : {Json("america/chicago"), Json("localtime"), Json("../../etc/passwd"),
                          Json("CST-6"), Json(42), Json(nullptr), Json("")}) {
    SCOPED_TRACE(bad.dump());
    EXPECT_TRUE(
        has_problem(update(*db_, admin_, "practice", id, {{"time_zone", bad}}), "time_zone"));
  }
  EXPECT_EQ(ok(update(*db_, admin_, "practice", id, {{"time_zone", "Asia/Kolkata"}}))["time_zone"],
            "Asia/Kolkata");
}

using AttachmentsTest = ResourcesTest;

TEST_F(AttachmentsTest, StoresBytesWithHashAndServesMetadataWithoutThem) {
  seed_patient_and_session();
  const std::string bytes = std::string("%PDF-1.7\n") + '\0' + "synthetic";
  Json a = make(therapist_a_, "attachments",
                {{"patient_id", pid()},
                 {"filename", "intake.pdf"},
                 {"content_type", "application/pdf"},
                 {"content_base64", base64_encode(bytes)}});
  EXPECT_EQ(a["size_bytes"], static_cast<int64_t>(bytes.size()));
  EXPECT_EQ(a["sha256"], crypto::sha256_hex(bytes));
  EXPECT_FALSE(a.contains("content"));
  Json fetched = ok(get(*db_, therapist_a_, "attachments", a["id"]));
  EXPECT_FALSE(fetched.contains("content"));
  EXPECT_EQ(fetched, a);
  auto stored = attachment_bytes(*db_, therapist_a_, a["id"]);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(*stored, bytes);
  EXPECT_EQ(attachment_bytes(*db_, therapist_b_, a["id"]).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(attachment_bytes(*db_, biller_, a["id"]).error().code, ErrorCode::kForbidden);
  Json listed = ok(list(*db_, therapist_a_, "attachments", {.patient_id = pid()}));
  ASSERT_EQ(listed["items"].size(), 1u);
  EXPECT_FALSE(listed["items"][0].contains("content"));

  Json renamed =
      ok(update(*db_, therapist_a_, "attachments", a["id"], {{"description", "Intake"}}));
  EXPECT_EQ(renamed["sha256"], a["sha256"]);
  EXPECT_TRUE(
      has_problem(update(*db_, therapist_a_, "attachments", a["id"], {{"content_base64", "aGkh"}}),
                  "content_base64"));
  EXPECT_EQ(*attachment_bytes(*db_, therapist_a_, a["id"]), bytes);
}

TEST_F(AttachmentsTest, RejectsBadInputAndOversizedFiles) {
  seed_patient_and_session();
  auto r = create(*db_, therapist_a_, "attachments",
                  {{"patient_id", pid()},
                   {"filename", "../x.pdf"},
                   {"content_type", "pdf"},
                   {"content_base64", "not base64!"},
                   {"sha256", "abc"}});
  for (const char* path : {"filename", "content_type", "content_base64", "sha256"}) {
    EXPECT_TRUE(has_problem(r, path)) << path;
  }
  const std::string big((10u << 20) + 1, 'x');
  auto large = create(*db_, therapist_a_, "attachments",
                      {{"patient_id", pid()},
                       {"filename", "big.bin"},
                       {"content_type", "application/octet-stream"},
                       {"content_base64", base64_encode(big)}});
  EXPECT_EQ(large.error().code, ErrorCode::kTooLarge);
  EXPECT_TRUE(has_problem(large, "content_base64"));
  // Far over the limit: refused on its length alone, before the text is scanned.
  auto huge = create(*db_, therapist_a_, "attachments",
                     {{"patient_id", pid()},
                      {"filename", "huge.bin"},
                      {"content_type", "application/octet-stream"},
                      {"content_base64", std::string(16u << 20, 'A')}});
  EXPECT_EQ(huge.error().code, ErrorCode::kTooLarge);
  EXPECT_EQ(count("attachments"), 0);
}

}  // namespace
}  // namespace dossier::record::testing
