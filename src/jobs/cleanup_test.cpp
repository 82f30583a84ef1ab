#include "jobs/cleanup.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "core/ids.h"
#include "jobs/job_queue.h"
#include "jobs/jobs_test_fixture.h"

namespace dossier::jobs {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
using testing::FakeClock;

class CleanupTest : public testing::JobsTest {
 protected:
  void SetUp() override {
    testing::JobsTest::SetUp();
    root_ = fs::temp_directory_path() / ("dossier-cleanup-" + new_uuid());
    files_ = storage::make_local_blob_store(root_.string());
  }
  void TearDown() override { fs::remove_all(root_); }

  // A job completed now, its file kept for `keep`.
  std::string completed(std::chrono::hours keep) {
    const std::string id = enqueue(clock_);
    JobQueue queue(db(), clock_, audit_key());
    EXPECT_FALSE(queue.claim("w", 10s)->is_null());
    EXPECT_TRUE(files_->put(id + "-1.json", "{}").ok());
    EXPECT_TRUE(*queue.complete(id, "w", {id + "-1.json", 2, "h", {}}, keep));
    return id;
  }

  FakeClock clock_;
  fs::path root_;
  std::unique_ptr<storage::BlobStore> files_;
};

TEST_P(CleanupTest, ExpiresOnlyWhatIsPastItsExpiryAndAuditsIt) {
  const std::string old_job = completed(1h);
  const std::string fresh_job = completed(168h);
  clock_.advance(2h);
  auto pass = expire_files(db(), *files_, clock_, audit_key());
  ASSERT_TRUE(pass.ok()) << pass.error().detail;
  EXPECT_EQ(pass->expired, 1);
  EXPECT_EQ(pass->files_failed, 0);
  EXPECT_EQ(files_->get(old_job + "-1.json").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(files_->get(fresh_job + "-1.json").ok());
  EXPECT_EQ(audit_actions(old_job), (std::vector<std::string>{"created", "completed", "expired"}));
  EXPECT_EQ(audit_actions(fresh_job), (std::vector<std::string>{"created", "completed"}));

  JobStore store(db(), clock_, audit_key());
  auto shown = store.get(caller(), old_job);
  ASSERT_TRUE(shown.ok());
  EXPECT_EQ((*shown)["status"], "expired");
  EXPECT_FALSE(shown->contains("download_url"));
  EXPECT_TRUE((*shown)["expired_at"].is_string());
  auto expired = store.list(caller(), {.status = "expired"});
  ASSERT_EQ((*expired)["jobs"].size(), 1u);
  EXPECT_EQ((*expired)["jobs"][0]["id"], old_job);
  auto still = store.list(caller(), {.status = "completed"});
  ASSERT_EQ((*still)["jobs"].size(), 1u);
  EXPECT_EQ((*still)["jobs"][0]["id"], fresh_job);

  EXPECT_EQ(expire_files(db(), *files_, clock_, audit_key())->expired, 0)
      << "a second pass finds nothing";
}

TEST_P(CleanupTest, DeletedJobsAreLeftAlone) {
  const std::string id = completed(1h);
  JobStore store(db(), clock_, audit_key());
  ASSERT_TRUE(store.mark_deleted(caller(), *store.row(caller(), id)).ok());
  clock_.advance(2h);
  EXPECT_EQ(expire_files(db(), *files_, clock_, audit_key())->expired, 0);
  EXPECT_EQ(audit_actions(id), (std::vector<std::string>{"created", "completed", "deleted"}));
}

// Two servers running the pass at once on one database: each job is expired once.
TEST_P(CleanupTest, PassesRunningTogetherExpireEachJobOnce) {
  std::vector<std::string> ids;
  for (int i = 0; i < 20; ++i) ids.push_back(completed(1h));
  clock_.advance(2h);
  auto other = second_handle();
  int64_t total = 0;
  std::mutex m;
  std::vector<std::thread> passes;
  for (db::Database* d : {&db(), other ? other.get() : &db()}) {
    passes.emplace_back([&, d] {
      auto pass = expire_files(*d, *files_, clock_, audit_key());
      ASSERT_TRUE(pass.ok());
      std::lock_guard lock(m);
      total += pass->expired;
    });
  }
  for (auto& t : passes) t.join();
  EXPECT_EQ(total, 20);
  for (const auto& id : ids) {
    EXPECT_EQ(audit_actions(id), (std::vector<std::string>{"created", "completed", "expired"}));
  }
}

DOSSIER_INSTANTIATE_BACKENDS(CleanupTest);

}  // namespace
}  // namespace dossier::jobs
