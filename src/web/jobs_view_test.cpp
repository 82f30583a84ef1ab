#include "web/jobs_view.h"

#include <gtest/gtest.h>

namespace dossier::web {
namespace {

Json api_job(const std::string& status) {
  return {{"id", "0a1b2c3d-0000-4000-8000-0000000000aa"},
          {"export_type", "progress_report"},
          {"format", "pdf"},
          {"status", status},
          {"patient_id", "0a1b2c3d-0000-4000-8000-000000000001"},
          {"patient_name", "Avery Test"},
          {"created_at", "2026-03-10T14:02:00Z"},
          {"completed_at", nullptr},
          {"expires_at", nullptr}};
}

TEST(JobsViewTest, APendingJobWaitsWithoutALink) {
  const Json row = job_row(api_job("pending"), "UTC");
  EXPECT_EQ(row["href"], "/jobs/0a1b2c3d-0000-4000-8000-0000000000aa");
  EXPECT_EQ(row["delete_href"], "/jobs/0a1b2c3d-0000-4000-8000-0000000000aa/delete");
  EXPECT_EQ(row["type_label"], "Progress report");
  EXPECT_EQ(row["status_label"], "Waiting");
  EXPECT_EQ(row["finished"], false);
  EXPECT_TRUE(row["download_url"].is_null());
  EXPECT_TRUE(row["expires_text"].is_null());
  EXPECT_EQ(row["patient_name"], "Avery Test");
}

TEST(JobsViewTest, ACompletedJobHasItsSignedLinkAndTimesInThePracticesZone) {
  Json job = api_job("completed");
  job["expires_at"] = "2026-03-17T14:02:00Z";
  job["download_url"] = "/api/v1/export/download/x?expires=1&user=u&signature=s";
  const Json row = job_row(job, "America/New_York");
  EXPECT_EQ(row["status_label"], "Ready");
  EXPECT_EQ(row["finished"], true);
  EXPECT_EQ(row["download_url"], job["download_url"]);
  EXPECT_EQ(row["created_text"], "2026-03-10 10:02");  // EDT
  EXPECT_EQ(row["expires_text"], "2026-03-17 10:02");
}

TEST(JobsViewTest, ExpiredAndFailedJobsSaySoAndOfferNothingToDownload) {
  const Json expired = job_row(api_job("expired"), "UTC");
  EXPECT_EQ(expired["status_label"], "Expired");
  EXPECT_EQ(expired["finished"], true);
  EXPECT_TRUE(expired["download_url"].is_null());
  Json failed_job = api_job("failed");
  failed_job["error_message"] = "the request is not valid";
  const Json failed = job_row(failed_job, "UTC");
  EXPECT_EQ(failed["status_label"], "Failed");
  EXPECT_EQ(failed["error_message"], "the request is not valid");
}

TEST(JobsViewTest, ABatchShowsItsProgress) {
  Json job = api_job("processing");
  job["export_type"] = "batch";
  job.erase("patient_name");
  job["patient_id"] = nullptr;
  job["progress"] = {{"done", 3}, {"total", 12}};
  const Json row = job_row(job, "UTC");
  EXPECT_EQ(row["type_label"], "Batch");
  EXPECT_EQ(row["status_label"], "In progress");
  EXPECT_EQ(row["progress_text"], "3 of 12 clients");
  EXPECT_EQ(row["progress_percent"], 25);
  EXPECT_TRUE(row["patient_name"].is_null());
  EXPECT_EQ(job_rows({{"jobs", {job, api_job("pending")}}}, "UTC")["jobs"].size(), 2u);
}

}  // namespace
}  // namespace dossier::web
