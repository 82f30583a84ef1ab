#include "schedule/delivery.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "schedule/schedule_test_fixture.h"
#include "schedule/scheduler.h"

namespace dossier::schedule {
namespace {

class DeliveryTest : public testing::ScheduleTest {
 protected:
  void SetUp() override {
    testing::ScheduleTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    root_ = std::filesystem::temp_directory_path() /
            ("dossier-delivery-" + std::to_string(::getpid()) + "-" + backend_suffix());
    std::filesystem::remove_all(root_);
    files_ = storage::make_local_blob_store((root_ / "files").string());
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  std::string backend_suffix() const {
    return GetParam() == db::Backend::kSqlite ? "sqlite" : "postgres";
  }

  //! Makes the schedule's first run at its February slot and "renders" its job: a stored file
  //! with `content` and the job marked completed, as a worker leaves it.
  std::string run_with_file(const Json& body, const std::string& content) {
    auto created = store().create(therapist(), body);
    EXPECT_TRUE(created.ok());
    clock_.set("2027-02-01T13:00:00Z");
    jobs::JobStore jobs(db(), clock_, audit_key_);
    EXPECT_EQ(*Scheduler(db(), jobs, clock_).run_due(), 1);
    auto run = db().query_one("SELECT id, export_job_id FROM schedule_runs");
    const std::string job_id = (*run)["export_job_id"];
    EXPECT_TRUE(files_->put(job_id + ".pdf", content).ok());
    EXPECT_TRUE(db().execute("UPDATE export_jobs SET status = 'completed', file_path = ?, "
                             "expires_at = '2027-02-08T13:00:00.000Z' WHERE id = ?",
                             {job_id + ".pdf", job_id})
                    .ok());
    return (*run)["id"];
  }

  Deliverer deliverer(DeliveryOptions options) {
    return Deliverer(db(), *files_, nullptr, links_, audit_key_, clock_, std::move(options));
  }

  Json run(const std::string& id) {
    auto row = db().query_one("SELECT * FROM schedule_runs WHERE id = ?", {id});
    EXPECT_TRUE(row.ok());
    return row.ok() ? *row : Json();
  }

  std::filesystem::path root_;
  std::unique_ptr<storage::BlobStore> files_;
  auth::LinkSigner links_{std::string(32, 's')};
};

TEST_P(DeliveryTest, StorageDeliveryCopiesTheFileWhenAsked) {
  Json body = monthly_body();
  body["delivery"] = {{"copy_to_directory", true}};
  const std::string id = run_with_file(body, "%PDF-1.7 a report");
  const auto copies = root_ / "copies";
  EXPECT_EQ(*deliverer({.copy_directory = copies.string()}).deliver_due(), 1);
  EXPECT_EQ(run(id)["status"], "delivered");
  const std::string schedule =
      (*db().query_one("SELECT schedule_id FROM schedule_runs"))["schedule_id"];
  std::ifstream copy(copies / schedule / "2027-02-01-progress_report.pdf");
  std::string text((std::istreambuf_iterator<char>(copy)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "%PDF-1.7 a report");
  EXPECT_EQ(*deliverer({.copy_directory = copies.string()}).deliver_due(), 0);
}

TEST_P(DeliveryTest, ACopyWithNowhereToGoFailsAfterItsRetries) {
  Json body = monthly_body();
  body["delivery"] = {{"copy_to_directory", true}};
  const std::string id = run_with_file(body, "%PDF");
  auto d = deliverer({.max_attempts = 2});
  EXPECT_EQ(*d.deliver_due(), 0);
  EXPECT_EQ(run(id)["status"], "delivering");
  EXPECT_NE(run(id)["error"].get<std::string>().find("--schedule-copy-dir"), std::string::npos);
  clock_.set("2027-02-01T13:01:00Z");
  EXPECT_EQ(*d.deliver_due(), 1);
  EXPECT_EQ(run(id)["status"], "failed");
}

TEST_P(DeliveryTest, AnUnreachableMailServerIsRetriedWithBackoffThenTheRunFails) {
  Json body = monthly_body();
  body["delivery_method"] = "email";
  const std::string id = run_with_file(body, "%PDF");
  // A port nothing listens on: connections are refused at once.
  auto d = deliverer({.smtp = SmtpSettings{.url = "smtp://127.0.0.1:9", .from = "r@example.org"},
                      .max_attempts = 3});
  EXPECT_EQ(*d.deliver_due(), 0);
  Json r = run(id);
  EXPECT_EQ(r["status"], "delivering");
  EXPECT_EQ(r["delivery_attempts"], 1);
  EXPECT_EQ(r["next_attempt_at"], "2027-02-01T13:01:00.000Z");
  EXPECT_EQ(r["error"].get<std::string>().rfind("the mail server: ", 0), 0u) << r["error"];
  EXPECT_EQ(*d.deliver_due(), 0);  // not yet due
  EXPECT_EQ(run(id)["delivery_attempts"], 1);
  clock_.set("2027-02-01T13:01:00Z");
  EXPECT_EQ(*d.deliver_due(), 0);
  EXPECT_EQ(run(id)["next_attempt_at"], "2027-02-01T13:06:00.000Z");
  clock_.set("2027-02-01T13:06:00Z");
  EXPECT_EQ(*d.deliver_due(), 1);
  r = run(id);
  EXPECT_EQ(r["status"], "failed");
  EXPECT_EQ(r["delivery_attempts"], 3);
  EXPECT_EQ(r["next_attempt_at"], nullptr);
}

TEST_P(DeliveryTest, EmailWithoutSettingsWaitsForThem) {
  Json body = monthly_body();
  body["delivery_method"] = "email";
  const std::string id = run_with_file(body, "%PDF");
  EXPECT_EQ(*deliverer({}).deliver_due(), 0);
  EXPECT_NE(run(id)["error"].get<std::string>().find("email is not configured"), std::string::npos);
}

TEST_P(DeliveryTest, AFailedOrDeletedExportFailsTheRun) {
  const std::string id = run_with_file(monthly_body(), "%PDF");
  ASSERT_TRUE(db().execute("UPDATE export_jobs SET status = 'failed', error_message = 'could not "
                           "be rendered'")
                  .ok());
  EXPECT_EQ(*deliverer({}).deliver_due(), 1);
  EXPECT_EQ(run(id)["status"], "failed");
  EXPECT_EQ(run(id)["error"], "the export failed: could not be rendered");
}

TEST_P(DeliveryTest, TwoProcessesDeliverARunOnce) {
  Json body = monthly_body();
  body["delivery"] = {{"copy_to_directory", true}};
  run_with_file(body, "%PDF");
  auto other = second_handle();
  const DeliveryOptions options{.copy_directory = (root_ / "copies").string()};
  std::atomic<int> delivered{0};
  std::vector<std::thread> threads;
  for (db::Database* d : {&db(), other ? other.get() : &db()}) {
    threads.emplace_back([&, d] {
      Deliverer deliverer(*d, *files_, nullptr, links_, audit_key_, clock_, options);
      for (int i = 0; i < 5; ++i) delivered += *deliverer.deliver_due();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(delivered.load(), 1);
}

DOSSIER_INSTANTIATE_BACKENDS(DeliveryTest);

}  // namespace
}  // namespace dossier::schedule
