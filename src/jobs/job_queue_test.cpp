#include "jobs/job_queue.h"

#include <gtest/gtest.h>

#include "auth/caller.h"
#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"
#include "jobs/job_store.h"

namespace dossier::jobs {
namespace {

using namespace std::chrono_literals;

class FakeClock final : public Clock {
 public:
  TimePoint now() const override { return now_; }
  void advance(std::chrono::milliseconds d) { now_ += d; }

 private:
  TimePoint now_ = std::chrono::system_clock::now();
};

class JobQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(db::SqliteDatabase::open(":memory:")).value();
    ASSERT_TRUE(db::migrate(*db_).ok());
    const std::string now = now_timestamp();
    ASSERT_TRUE(db_->execute("INSERT INTO users (id, role, given_name, family_name, created_at, "
                             "updated_at) VALUES ('u1', 'admin', 'A', 'B', ?, ?)",
                             {now, now})
                    .ok());
  }

  std::string enqueue() {
    ExportRequest req;
    req.format = "json";
    auto created = JobStore(*db_, clock_).create(caller_, req);
    EXPECT_TRUE(created.ok());
    return (*created)["job_id"];
  }

  std::unique_ptr<db::SqliteDatabase> db_;
  FakeClock clock_;
  auth::Caller caller_{"u1", auth::Role::kAdmin, "127.0.0.1", "test"};
};

TEST_F(JobQueueTest, CreateWritesJobAndAuditTogether) {
  const std::string id = enqueue();
  auto audit = db_->query(
      "SELECT action, ip_address, user_agent FROM export_audit_log WHERE export_job_id = ?", {id});
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0]["action"], "created");
  EXPECT_EQ((*audit)[0]["ip_address"], "127.0.0.1");
}

TEST_F(JobQueueTest, ClaimsOldestFirstAndOnlyOnce) {
  const std::string first = enqueue();
  const std::string second = enqueue();
  JobQueue q(*db_, clock_);
  auto a = q.claim("w1", 10s);
  auto b = q.claim("w2", 10s);
  auto c = q.claim("w3", 10s);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ((*a)["id"], first);
  EXPECT_EQ((*b)["id"], second);
  EXPECT_TRUE(c->is_null());
}

TEST_F(JobQueueTest, ExpiredLeaseIsReclaimedAndOnlyTheHolderCompletes) {
  const std::string id = enqueue();
  JobQueue q(*db_, clock_);
  ASSERT_EQ((*q.claim("dead-worker", 10s))["id"], id);
  EXPECT_TRUE(q.claim("w2", 10s)->is_null());
  clock_.advance(11s);
  auto again = q.claim("w2", 10s);
  ASSERT_EQ((*again)["id"], id);
  EXPECT_EQ((*again)["attempts"], 2);
  EXPECT_FALSE(*q.complete(id, "dead-worker", {"x.json", 1, "h"}, 168h));
  EXPECT_TRUE(*q.complete(id, "w2", {"x.json", 1, "h"}, 168h));
  EXPECT_FALSE(*q.complete(id, "w2", {"x.json", 1, "h"}, 168h));
  auto row = db_->query_one("SELECT status, file_path FROM export_jobs WHERE id = ?", {id});
  EXPECT_EQ((*row)["status"], "completed");
  EXPECT_EQ((*row)["file_path"], "x.json");
}

TEST_F(JobQueueTest, GivesUpAfterMaxAttempts) {
  const std::string id = enqueue();
  JobQueue q(*db_, clock_, 2);
  ASSERT_FALSE(q.claim("w", 1s)->is_null());
  clock_.advance(2s);
  ASSERT_FALSE(q.claim("w", 1s)->is_null());
  clock_.advance(2s);
  EXPECT_TRUE(q.claim("w", 1s)->is_null());
  auto row = db_->query_one("SELECT status, error_message FROM export_jobs WHERE id = ?", {id});
  EXPECT_EQ((*row)["status"], "failed");
  EXPECT_FALSE((*row)["error_message"].get<std::string>().empty());
}

TEST_F(JobQueueTest, JobsAreInvisibleToOtherUsers) {
  const std::string id = enqueue();
  JobStore store(*db_, clock_);
  auth::Caller stranger{"u2", auth::Role::kTherapist, {}, {}};
  EXPECT_EQ(store.get(stranger, id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ((*store.list(stranger, {}))["jobs"].size(), 0u);
  EXPECT_EQ((*store.list(caller_, {}))["jobs"].size(), 1u);
}

}  // namespace
}  // namespace dossier::jobs
