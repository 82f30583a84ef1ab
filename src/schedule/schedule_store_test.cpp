#include "schedule/schedule_store.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/ids.h"
#include "schedule/schedule_test_fixture.h"
#include "storage/sealed_secret.h"

namespace dossier::schedule {
namespace {

class ScheduleStoreTest : public testing::ScheduleTest {
 protected:
  //! The member paths of a refused body.
  std::vector<std::string> refused(const Json& body, const auth::Caller& who) {
    auto created = store().create(who, body);
    EXPECT_FALSE(created.ok());
    std::vector<std::string> paths;
    if (!created.ok()) {
      for (const auto& f : created.error().fields) paths.push_back(f.path);
    }
    return paths;
  }
};

TEST_P(ScheduleStoreTest, CreateGivesTheScheduleInNormalFormWithItsFirstSlot) {
  clock_.set("2027-01-10T12:00:00Z");
  auto created = store().create(therapist(), monthly_body());
  ASSERT_TRUE(created.ok()) << created.error().detail;
  const Json& s = *created;
  EXPECT_EQ(s["export_type"], "progress_report");
  EXPECT_EQ(s["format"], "pdf");
  EXPECT_EQ(s["user_id"], therapist().user_id);
  EXPECT_EQ(s["schedule_config"],
            (Json{{"time", "08:00"}, {"timezone", "America/New_York"}, {"day_of_month", 1}}));
  EXPECT_EQ(s["delivery_method"], "storage");
  EXPECT_EQ(s["missed_runs"], "catch_up");
  EXPECT_EQ(s["is_active"], true);
  // 08:00 in New York on 1 February is 13:00 UTC (EST).
  EXPECT_EQ(s["next_run_at"], "2027-02-01T13:00:00.000Z");
  EXPECT_EQ(s["runs"], Json::array());
}

TEST_P(ScheduleStoreTest, SchedulesAreTheirOwnersAndAdmins) {
  auto created = store().create(therapist(), monthly_body());
  ASSERT_TRUE(created.ok());
  const std::string id = (*created)["id"];
  EXPECT_EQ(store().get(therapist(1), id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ((*store().list(therapist(1)))["schedules"].size(), 0u);
  EXPECT_EQ((*store().list(therapist()))["schedules"].size(), 1u);
  EXPECT_EQ((*store().get(admin(), id))["id"], id);
  EXPECT_EQ(store().get(therapist(), "not-a-uuid").error().code, ErrorCode::kNotFound);
}

TEST_P(ScheduleStoreTest, TheOwnerMustBeAllowedTheExport) {
  // Another therapist's patient does not exist for this one.
  Json foreign = monthly_body();
  foreign["patient_id"] = patient_of(1);
  EXPECT_EQ(store().create(therapist(), foreign).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store().create(biller(), monthly_body()).error().code, ErrorCode::kForbidden);
  Json insurance = monthly_body();
  insurance["export_type"] = "insurance_report";
  insurance["format"] = "json";
  insurance["parameters"] = Json::object();
  EXPECT_TRUE(store().create(biller(), insurance).ok());
}

TEST_P(ScheduleStoreTest, PracticeSummariesAreForAdminsAndNameNoPatient) {
  auto created = store().create(admin(), practice_summary_body());
  ASSERT_TRUE(created.ok()) << created.error().detail;
  EXPECT_EQ((*created)["export_type"], "practice_summary");
  EXPECT_TRUE((*created)["patient_id"].is_null());
  EXPECT_EQ(store().create(therapist(), practice_summary_body()).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(store().create(biller(), practice_summary_body()).error().code, ErrorCode::kForbidden);
  Json named = practice_summary_body();
  named["patient_id"] = patient_of();
  EXPECT_EQ(refused(named, admin()), std::vector<std::string>{"patient_id"});
  Json pdf = practice_summary_body();
  pdf["format"] = "fhir";
  EXPECT_EQ(refused(pdf, admin()), std::vector<std::string>{"format"});
}

TEST_P(ScheduleStoreTest, AnAttachmentPasswordIsSealedWriteOnlyAndForEmailedPdfsOnly) {
  const auto dir = std::filesystem::temp_directory_path() / ("dossier-keys-" + new_uuid());
  auto keys = storage::KeyRing::open(dir.string());
  ASSERT_TRUE(keys.ok());
  ScheduleStore sealing(db(), clock_, keys->get());
  Json body = monthly_body();
  body["delivery_method"] = "email";
  body["delivery"] = {{"attachment_password", "river-stone-42x"}};
  auto created = sealing.create(therapist(), body);
  ASSERT_TRUE(created.ok()) << created.error().detail;
  EXPECT_EQ((*created)["attachment_password_set"], true);
  EXPECT_EQ(created->dump().find("river-stone"), std::string::npos);
  const std::string id = (*created)["id"];
  auto row = db().query_one("SELECT attachment_password FROM scheduled_reports WHERE id = ?", {id});
  const std::string sealed = (*row)["attachment_password"];
  EXPECT_EQ(sealed.find("river-stone"), std::string::npos);
  EXPECT_EQ(*storage::open_secret(**keys, id, sealed), "river-stone-42x");

  // A change that leaves it out keeps it; one that would stop emailing a PDF must remove it.
  auto kept = sealing.update(therapist(), id, {{"delivery", {{"copy_to_directory", true}}}});
  ASSERT_TRUE(kept.ok()) << kept.error().detail;
  EXPECT_EQ((*kept)["attachment_password_set"], true);
  auto to_json = sealing.update(therapist(), id, {{"format", "json"}});
  ASSERT_FALSE(to_json.ok());
  EXPECT_EQ(to_json.error().fields.at(0).path, "delivery.attachment_password");
  auto removed = sealing.update(
      therapist(), id, {{"format", "json"}, {"delivery", {{"attachment_password", nullptr}}}});
  ASSERT_TRUE(removed.ok()) << removed.error().detail;
  EXPECT_EQ((*removed)["attachment_password_set"], false);

  Json short_one = body;
  short_one["delivery"] = {{"attachment_password", "short"}};
  EXPECT_EQ(refused(short_one, therapist()),
            std::vector<std::string>{"delivery.attachment_password"});
  Json stored = body;
  stored["delivery_method"] = "storage";
  EXPECT_EQ(refused(stored, therapist()), std::vector<std::string>{"delivery.attachment_password"});
  std::filesystem::remove_all(dir);
}

TEST_P(ScheduleStoreTest, BadBodiesNameEveryMember) {
  Json body = monthly_body();
  body["schedule_config"]["time"] = "8am";
  body["parameters"]["start_date"] = "2027-01-01";
  body["delivery_method"] = "fax";
  body["colour"] = "blue";
  EXPECT_EQ(refused(body, therapist()),
            (std::vector<std::string>{"colour", "schedule_config.time", "parameters.start_date",
                                      "delivery_method"}));
  Json untyped = monthly_body();
  untyped.erase("export_type");
  EXPECT_EQ(refused(untyped, therapist()), (std::vector<std::string>{"export_type"}));
  Json bad_section = monthly_body();
  bad_section["parameters"]["include_sections"]["horoscope"] = true;
  EXPECT_EQ(refused(bad_section, therapist()),
            (std::vector<std::string>{"parameters.include_sections.horoscope"}));
  Json bad_format = monthly_body();
  bad_format["format"] = "x12";
  EXPECT_EQ(refused(bad_format, therapist()), (std::vector<std::string>{"format"}));
}

TEST_P(ScheduleStoreTest, EmailNeedsTheOwnersAddress) {
  Json body = monthly_body();
  body["delivery_method"] = "email";
  EXPECT_TRUE(store().create(therapist(), body).ok());
  ASSERT_TRUE(
      db().execute("UPDATE users SET email = NULL WHERE id = ?", {therapist().user_id}).ok());
  EXPECT_EQ(refused(body, therapist()), (std::vector<std::string>{"delivery_method"}));
}

TEST_P(ScheduleStoreTest, PauseResumeAndChange) {
  clock_.set("2027-01-10T12:00:00Z");
  const std::string id = (*store().create(therapist(), monthly_body()))["id"];
  auto paused = store().update(therapist(), id, {{"is_active", false}});
  ASSERT_TRUE(paused.ok()) << paused.error().detail;
  EXPECT_EQ((*paused)["is_active"], false);
  EXPECT_EQ((*paused)["next_run_at"], nullptr);
  // Resumed after its February slot: that slot does not run, March's is next.
  clock_.set("2027-02-15T12:00:00Z");
  auto resumed = store().update(therapist(), id, {{"is_active", true}});
  EXPECT_EQ((*resumed)["next_run_at"], "2027-03-01T13:00:00.000Z");
  auto weekly = store().update(
      therapist(), id,
      {{"schedule_type", "weekly"}, {"schedule_config", {{"time", "18:30"}, {"day_of_week", 5}}}});
  ASSERT_TRUE(weekly.ok()) << weekly.error().detail;
  EXPECT_EQ((*weekly)["schedule_config"]["day_of_week"], "friday");
  EXPECT_EQ((*weekly)["next_run_at"], "2027-02-19T23:30:00.000Z");
  auto bad = store().update(therapist(), id, {{"schedule_config", {{"time", "25:00"}}}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.at(0).path, "schedule_config.time");
  // Another therapist cannot change it, and an admin's change still acts for the owner.
  EXPECT_EQ(store().update(therapist(1), id, {{"is_active", false}}).error().code,
            ErrorCode::kNotFound);
  EXPECT_TRUE(store().update(admin(), id, {{"format", "docx"}}).ok());
  EXPECT_EQ((*store().get(therapist(), id))["user_id"], therapist().user_id);
}

TEST_P(ScheduleStoreTest, CancelledSchedulesAreGone) {
  const std::string id = (*store().create(therapist(), monthly_body()))["id"];
  ASSERT_TRUE(store().cancel(therapist(), id).ok());
  EXPECT_EQ(store().get(therapist(), id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store().cancel(therapist(), id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ((*store().list(therapist()))["schedules"].size(), 0u);
}

DOSSIER_INSTANTIATE_BACKENDS(ScheduleStoreTest);

}  // namespace
}  // namespace dossier::schedule
