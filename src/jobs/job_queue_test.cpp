#include "jobs/job_queue.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "auth/caller.h"
#include "db/migrations.h"
#include "db/open_database.h"
#include "jobs/job_store.h"
#include "jobs/jobs_test_fixture.h"

namespace dossier::jobs {
namespace {

using namespace std::chrono_literals;

using testing::FakeClock;

class JobQueueTest : public testing::JobsTest {
 protected:
  std::string enqueue() { return testing::JobsTest::enqueue(clock_); }
  FakeClock clock_;
};

TEST_P(JobQueueTest, CreateWritesJobAndAuditTogether) {
  const std::string id = enqueue();
  EXPECT_EQ(audit_actions(id), (std::vector<std::string>{"created"}));
  auto audit =
      db().query_one("SELECT ip_address FROM export_audit_log WHERE export_job_id = ?", {id});
  EXPECT_EQ((*audit)["ip_address"], "127.0.0.1");
}

TEST_P(JobQueueTest, ClaimsOldestFirstAndOnlyOnce) {
  const std::string first = enqueue();
  clock_.advance(1ms);
  const std::string second = enqueue();
  JobQueue q(db(), clock_, audit_key());
  auto a = q.claim("w1", 10s);
  auto b = q.claim("w2", 10s);
  auto c = q.claim("w3", 10s);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ((*a)["id"], first);
  EXPECT_EQ((*b)["id"], second);
  EXPECT_TRUE(c->is_null());
}

TEST_P(JobQueueTest, ExpiredLeaseIsReclaimedAndOnlyTheHolderCompletes) {
  const std::string id = enqueue();
  JobQueue q(db(), clock_, audit_key());
  ASSERT_EQ((*q.claim("dead-worker", 10s))["id"], id);
  EXPECT_TRUE(q.claim("w2", 10s)->is_null());
  clock_.advance(11s);
  auto again = q.claim("w2", 10s);
  ASSERT_EQ((*again)["id"], id);
  EXPECT_EQ((*again)["attempts"], 2);
  EXPECT_FALSE(*q.complete(id, "dead-worker", {"x.json", 1, "h"}, 168h));
  EXPECT_TRUE(*q.complete(id, "w2", {"x.json", 1, "h"}, 168h));
  EXPECT_FALSE(*q.complete(id, "w2", {"x.json", 1, "h"}, 168h));
  auto row = db().query_one("SELECT status, file_path FROM export_jobs WHERE id = ?", {id});
  EXPECT_EQ((*row)["status"], "completed");
  EXPECT_EQ((*row)["file_path"], "x.json");
  EXPECT_EQ(audit_actions(id), (std::vector<std::string>{"created", "completed"}));
  EXPECT_EQ(*q.file_of(id), "x.json");
}

TEST_P(JobQueueTest, GivesUpAfterMaxAttemptsAndAuditsIt) {
  const std::string id = enqueue();
  JobQueue q(db(), clock_, audit_key(), 2);
  ASSERT_FALSE(q.claim("w", 1s)->is_null());
  clock_.advance(2s);
  ASSERT_FALSE(q.claim("w", 1s)->is_null());
  clock_.advance(2s);
  EXPECT_TRUE(q.claim("w", 1s)->is_null());
  auto row = db().query_one("SELECT status, error_message FROM export_jobs WHERE id = ?", {id});
  EXPECT_EQ((*row)["status"], "failed");
  EXPECT_FALSE((*row)["error_message"].get<std::string>().empty());
  EXPECT_EQ(audit_actions(id), (std::vector<std::string>{"created", "failed"}));
}

TEST_P(JobQueueTest, RenewKeepsTheLeaseUntilTheJobIsDeleted) {
  const std::string id = enqueue();
  JobQueue q(db(), clock_, audit_key());
  ASSERT_FALSE(q.claim("w1", 10s)->is_null());
  clock_.advance(8s);
  EXPECT_TRUE(*q.renew(id, "w1", 10s));
  clock_.advance(8s);
  EXPECT_TRUE(q.claim("w2", 10s)->is_null()) << "the renewed lease still holds";
  EXPECT_FALSE(*q.renew(id, "w2", 10s)) << "only the holder renews";
  JobStore store(db(), clock_, audit_key());
  auto row = store.row(caller(), id);
  ASSERT_TRUE(store.mark_deleted(caller(), *row).ok());
  EXPECT_FALSE(*q.renew(id, "w1", 10s));
  EXPECT_FALSE(*q.complete(id, "w1", {"x.json", 1, "h"}, 168h));
}

TEST_P(JobQueueTest, ReleaseHandsTheJobBackWithoutCountingTheAttempt) {
  const std::string id = enqueue();
  JobQueue q(db(), clock_, audit_key());
  ASSERT_FALSE(q.claim("w1", 10s)->is_null());
  EXPECT_FALSE(*q.release(id, "w2"));
  EXPECT_TRUE(*q.release(id, "w1"));
  auto again = q.claim("w2", 10s);
  ASSERT_EQ((*again)["id"], id);
  EXPECT_EQ((*again)["attempts"], 1);
}

TEST_P(JobQueueTest, DeletingReturnsTheFileOfACompletedJob) {
  const std::string id = enqueue();
  JobQueue q(db(), clock_, audit_key());
  ASSERT_FALSE(q.claim("w1", 10s)->is_null());
  ASSERT_TRUE(*q.complete(id, "w1", {"x.json", 1, "h"}, 168h));
  JobStore store(db(), clock_, audit_key());
  auto file = store.mark_deleted(caller(), *store.row(caller(), id));
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->value_or(""), "x.json");
  EXPECT_EQ(store.row(caller(), id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(*q.file_of(id), "");
}

TEST_P(JobQueueTest, JobsAreInvisibleToOtherUsers) {
  const std::string id = enqueue();
  JobStore store(db(), clock_, audit_key());
  auth::Caller stranger{"u2", auth::Role::kTherapist, {}, {}};
  EXPECT_EQ(store.get(stranger, id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ((*store.list(stranger, {}))["jobs"].size(), 0u);
  EXPECT_EQ((*store.list(caller(), {}))["jobs"].size(), 1u);
}

// Four claimers, each with its own connections as separate processes would have, drain one
// queue: every job is claimed exactly once.
TEST_P(JobQueueTest, ConcurrentClaimersNeverShareAJob) {
  std::set<std::string> ids;
  for (int i = 0; i < 80; ++i) ids.insert(enqueue());
  std::vector<std::unique_ptr<db::Database>> handles;
  for (int i = 0; i < 4; ++i) handles.push_back(second_handle());
  std::mutex m;
  std::multiset<std::string> claimed;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      db::Database& d = handles[i] ? *handles[i] : db();
      JobQueue q(d, system_clock(), audit_key());
      for (;;) {
        auto job = q.claim("w" + std::to_string(i), 60s);
        ASSERT_TRUE(job.ok()) << job.error().detail;
        if (job->is_null()) return;
        std::lock_guard lock(m);
        claimed.insert((*job)["id"].get<std::string>());
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(claimed.size(), ids.size());
  EXPECT_EQ(std::set<std::string>(claimed.begin(), claimed.end()), ids);
}

TEST_P(JobQueueTest, CreatingAJobSignalsOtherProcesses) {
  JobQueue q(db(), clock_, audit_key());
  auto listener = q.listen();
  ASSERT_TRUE(listener.ok());
  if (GetParam() == db::Backend::kSqlite) {
    EXPECT_EQ(listener->get(), nullptr);
    return;
  }
  ASSERT_NE(listener->get(), nullptr);
  EXPECT_FALSE(*(*listener)->wait(50ms));
  enqueue();
  EXPECT_TRUE(*(*listener)->wait(5s));
}

DOSSIER_INSTANTIATE_BACKENDS(JobQueueTest);

}  // namespace
}  // namespace dossier::jobs
