#include "audit/audit_log.h"

#include <gtest/gtest.h>

#include "audit/audit_chain.h"
#include "core/clock.h"
#include "core/ids.h"
#include "db/migrations.h"
#include "db/testing/backend_test.h"

namespace dossier::audit {
namespace {

class AuditLogTest : public db::testing::BackendTest {
 protected:
  void SetUp() override {
    db::testing::BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(db::migrate(db()).ok());
    const std::string now = now_timestamp();
    for (const char* user : {"u1", "u2"}) {
      ASSERT_TRUE(db().execute("INSERT INTO users (id, role, given_name, family_name, "
                               "created_at, updated_at) VALUES (?, 'therapist', 'A', 'B', ?, ?)",
                               {user, now, now})
                      .ok());
    }
    ASSERT_TRUE(db().execute("INSERT INTO patients (id, mrn, given_name, family_name, birth_date, "
                             "sex, created_at, updated_at) VALUES (?, 'MRN1', 'A', 'B', "
                             "'1990-01-01', 'female', ?, ?)",
                             {patient_, now, now})
                    .ok());
    for (const std::string& job : {job_, other_job_}) {
      ASSERT_TRUE(db().execute("INSERT INTO export_jobs (id, user_id, patient_id, export_type, "
                               "format, created_at) VALUES (?, 'u1', ?, 'full_record', 'json', ?)",
                               {job, patient_, now})
                      .ok());
    }
  }

  db::Rows rows(const std::string& action) {
    auto found = db().query(
        "SELECT export_job_id, user_id, patient_id, ip_address, metadata FROM export_audit_log "
        "WHERE action = ? ORDER BY seq",
        {action});
    EXPECT_TRUE(found.ok());
    return found.ok() ? std::move(found).value() : db::Rows{};
  }

  const std::string patient_ = new_uuid();
  const std::string job_ = new_uuid();
  const std::string other_job_ = new_uuid();
  const auth::Caller u1_{"u1", auth::Role::kTherapist, "10.0.0.7", "browser"};
  const auth::Caller u2_{"u2", auth::Role::kTherapist, {}, {}};
  const ChainKey key_{std::string(32, 'k')};
};

TEST_P(AuditLogTest, ALinkIsRecordedOncePerJobAndUserWithinTheWindow) {
  const std::string day_ago = format_timestamp(system_clock().now() - std::chrono::hours(24));
  const std::vector<SharedLink> both = {{job_, patient_, "2030-01-01T00:00:00.000Z"},
                                        {other_job_, std::nullopt, "2030-01-01T00:00:00.000Z"}};
  ASSERT_TRUE(record_shared_links(db(), key_, u1_, both, day_ago).ok());
  ASSERT_TRUE(record_shared_links(db(), key_, u1_, both, day_ago).ok());
  ASSERT_TRUE(record_shared_links(db(), key_, u1_, {both[0]}, day_ago).ok());
  db::Rows shared = rows("shared");
  ASSERT_EQ(shared.size(), 2u);
  EXPECT_EQ(shared[0]["export_job_id"], job_);
  EXPECT_EQ(shared[0]["patient_id"], patient_);
  EXPECT_EQ(shared[0]["ip_address"], "10.0.0.7");
  EXPECT_EQ(Json::parse(shared[0]["metadata"].get<std::string>()),
            Json({{"link_expires_at", "2030-01-01T00:00:00.000Z"}}));
  EXPECT_EQ(shared[1]["export_job_id"], other_job_);
  EXPECT_TRUE(shared[1]["patient_id"].is_null());

  ASSERT_TRUE(record_shared_links(db(), key_, u2_, {both[0]}, day_ago).ok());
  EXPECT_EQ(rows("shared").size(), 3u) << "another user's link is another disclosure";
  // Once the window has passed the earlier rows, a new link is recorded again.
  const std::string later = format_timestamp(system_clock().now() + std::chrono::seconds(1));
  ASSERT_TRUE(record_shared_links(db(), key_, u1_, {both[0]}, later).ok());
  EXPECT_EQ(rows("shared").size(), 4u);
  EXPECT_TRUE(verify(db(), key_)->ok);
}

TEST_P(AuditLogTest, ARefusalKeepsTheIdsAsGivenAndNamesOnlyRealRows) {
  ASSERT_TRUE(record_refusal(db(), key_, u2_, {"read_job", 404, job_, std::nullopt}).ok());
  const std::string junk = "..\xff/" + std::string(100, 'x');
  ASSERT_TRUE(record_refusal(db(), key_, u2_, {"download", 404, junk, std::nullopt}).ok());
  ASSERT_TRUE(record_refusal(db(), key_, u2_, {"create_export", 403, std::nullopt, patient_}).ok());
  const std::string nobody = new_uuid();
  ASSERT_TRUE(record_refusal(db(), key_, u2_, {"create_export", 404, std::nullopt, nobody}).ok());

  db::Rows refused = rows("access_refused");
  ASSERT_EQ(refused.size(), 4u);
  auto metadata = [&](size_t i) { return Json::parse(refused[i]["metadata"].get<std::string>()); };
  // A real job names itself and its patient.
  EXPECT_EQ(refused[0]["export_job_id"], job_);
  EXPECT_EQ(refused[0]["patient_id"], patient_);
  EXPECT_EQ(refused[0]["user_id"], "u2");
  EXPECT_EQ(
      metadata(0),
      Json(
          {{"operation", "read_job"}, {"status", 404}, {"job_id", job_}, {"patient_id", nullptr}}));
  // Junk stays in the metadata only, cut short, invalid UTF-8 replaced.
  EXPECT_TRUE(refused[1]["export_job_id"].is_null());
  EXPECT_EQ(metadata(1)["job_id"], "..\xEF\xBF\xBD/" + std::string(60, 'x'));
  EXPECT_EQ(refused[2]["patient_id"], patient_);
  EXPECT_EQ(metadata(2)["status"], 403);
  EXPECT_TRUE(refused[3]["patient_id"].is_null());
  EXPECT_EQ(metadata(3)["patient_id"], nobody);
  EXPECT_TRUE(verify(db(), key_)->ok);
}

DOSSIER_INSTANTIATE_BACKENDS(AuditLogTest);

}  // namespace
}  // namespace dossier::audit
