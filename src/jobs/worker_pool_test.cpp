#include "jobs/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <thread>

#include "core/crypto.h"
#include "core/ids.h"
#include "jobs/jobs_test_fixture.h"

namespace dossier::jobs {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

// Waits up to `timeout` for `done`, checking every 20 ms.
template <typename F>
bool eventually(F done, std::chrono::milliseconds timeout = 20s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return done();
}

class WorkerPoolTest : public testing::JobsTest {
 protected:
  void SetUp() override {
    testing::JobsTest::SetUp();
    root_ = fs::temp_directory_path() / ("dossier-pool-" + new_uuid());
    files_ = storage::make_local_blob_store(root_.string());
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string status_of(const std::string& id) {
    auto row = db().query_one("SELECT status FROM export_jobs WHERE id = ?", {id});
    return row.ok() && row->is_object() ? (*row)["status"].get<std::string>() : "";
  }
  int stored_files() const {
    int n = 0;
    for (const auto& e : fs::directory_iterator(root_)) n += e.is_regular_file() ? 1 : 0;
    return n;
  }

  fs::path root_;
  std::unique_ptr<storage::BlobStore> files_;
};

// Writes a small JSON file in two pieces, as a streaming renderer would.
Result<ProducedFile> json_file(const Json& job, const ByteSink& out) {
  const std::string body = Json{{"job", job["id"]}}.dump();
  DOSSIER_TRY(out(std::string_view(body).substr(0, 3)));
  DOSSIER_TRY(out(std::string_view(body).substr(3)));
  return ProducedFile{".json", {}};
}

// A render three times longer than the lease: the heartbeat keeps it, so a second worker
// (with connections of its own, as another process) never takes the job over.
TEST_P(WorkerPoolTest, ARenderLongerThanTheLeaseIsNotClaimedTwice) {
  const std::string id = enqueue(system_clock());
  std::atomic<int> productions{0};
  std::promise<void> claimed;
  Producer slow = [&](const Json& job, const ByteSink& out) -> Result<ProducedFile> {
    if (productions++ == 0) claimed.set_value();
    std::this_thread::sleep_for(1500ms);
    return json_file(job, out);
  };
  const WorkerOptions options{.threads = 1, .lease = 450ms, .idle_poll = 50ms};
  JobQueue first_queue(db(), system_clock(), audit_key());
  WorkerPool first(first_queue, *files_, slow, options);
  first.start();
  claimed.get_future().wait();
  auto other_handle = second_handle();
  JobQueue second_queue(other_handle ? *other_handle : db(), system_clock(), audit_key());
  WorkerPool second(second_queue, *files_, slow, options);
  second.start();
  ASSERT_TRUE(eventually([&] { return status_of(id) == "completed"; }));
  std::this_thread::sleep_for(600ms);
  first.stop();
  second.stop();
  EXPECT_EQ(productions.load(), 1);
  auto row = db().query_one("SELECT attempts, file_path FROM export_jobs WHERE id = ?", {id});
  EXPECT_EQ((*row)["attempts"], 1);
  EXPECT_EQ(audit_actions(id), (std::vector<std::string>{"created", "completed"}));
  EXPECT_EQ(stored_files(), 1);
  EXPECT_TRUE(files_->get((*row)["file_path"]).ok());
}

// Deleted while rendering: the result is dropped, nothing completes, no file is left.
TEST_P(WorkerPoolTest, AJobDeletedMidRenderLeavesNoFile) {
  const std::string id = enqueue(system_clock());
  std::promise<void> rendering, deleted;
  auto deleted_future = deleted.get_future().share();
  Producer blocked = [&](const Json& job, const ByteSink& out) -> Result<ProducedFile> {
    rendering.set_value();
    deleted_future.wait();
    return json_file(job, out);
  };
  JobQueue queue(db(), system_clock(), audit_key());
  WorkerPool pool(queue, *files_, blocked, {.threads = 1, .lease = 10s, .idle_poll = 50ms});
  pool.start();
  rendering.get_future().wait();
  JobStore store(db(), system_clock(), audit_key());
  auto removed = store.mark_deleted(caller(), *store.row(caller(), id));
  ASSERT_TRUE(removed.ok());
  EXPECT_FALSE(removed->has_value()) << "no file yet";
  deleted.set_value();
  pool.stop();
  EXPECT_EQ(stored_files(), 0);
  EXPECT_EQ(audit_actions(id), (std::vector<std::string>{"created", "deleted"}));
  EXPECT_EQ(status_of(id), "processing") << "a deleted job is never completed";
}

// The same with the deletion noticed by the heartbeat before the render ends.
TEST_P(WorkerPoolTest, TheHeartbeatNoticesADeletionAndTheResultIsDropped) {
  const std::string id = enqueue(system_clock());
  std::promise<void> rendering;
  Producer slow = [&](const Json& job, const ByteSink& out) -> Result<ProducedFile> {
    rendering.set_value();
    std::this_thread::sleep_for(900ms);
    return json_file(job, out);
  };
  JobQueue queue(db(), system_clock(), audit_key());
  WorkerPool pool(queue, *files_, slow, {.threads = 1, .lease = 300ms, .idle_poll = 50ms});
  pool.start();
  rendering.get_future().wait();
  JobStore store(db(), system_clock(), audit_key());
  ASSERT_TRUE(store.mark_deleted(caller(), *store.row(caller(), id)).ok());
  pool.stop();
  EXPECT_EQ(stored_files(), 0);
  EXPECT_EQ(audit_actions(id), (std::vector<std::string>{"created", "deleted"}));
}

// A worker killed after storing its file but before completing the job: the attempt that
// takes the job over removes the orphan, so the job ends with exactly one file.
TEST_P(WorkerPoolTest, TheNextAttemptRemovesAFileItsDeadPredecessorStored) {
  const std::string id = enqueue(system_clock());
  JobQueue queue(db(), system_clock(), audit_key());
  ASSERT_FALSE(queue.claim("killed-worker", 100ms)->is_null());
  ASSERT_TRUE(files_->put(id + "-1.json", "orphan").ok());
  std::this_thread::sleep_for(150ms);
  WorkerPool pool(queue, *files_, json_file, {.threads = 1, .lease = 10s, .idle_poll = 50ms});
  pool.start();
  ASSERT_TRUE(eventually([&] { return status_of(id) == "completed"; }));
  pool.stop();
  EXPECT_EQ(stored_files(), 1);
  EXPECT_EQ(files_->get(id + "-1.json").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(*queue.file_of(id), id + "-2.json");
  EXPECT_TRUE(files_->get(id + "-2.json").ok());
}

// A shutdown that cannot wait for a long render hands the job back, unfinished and
// uncounted, and drops the render's result when it comes.
TEST_P(WorkerPoolTest, StopWithinReleasesWhatOutlastsTheGrace) {
  const std::string id = enqueue(system_clock());
  std::promise<void> rendering;
  Producer slow = [&](const Json& job, const ByteSink& out) -> Result<ProducedFile> {
    rendering.set_value();
    std::this_thread::sleep_for(800ms);
    return json_file(job, out);
  };
  JobQueue queue(db(), system_clock(), audit_key());
  {
    WorkerPool pool(queue, *files_, slow, {.threads = 1, .lease = 10s, .idle_poll = 50ms});
    pool.start();
    rendering.get_future().wait();
    EXPECT_FALSE(pool.stop_within(50ms));
    auto row = db().query_one("SELECT status, attempts FROM export_jobs WHERE id = ?", {id});
    EXPECT_EQ((*row)["status"], "pending");
    EXPECT_EQ((*row)["attempts"], 0);
  }
  EXPECT_EQ(stored_files(), 0);
  EXPECT_EQ(status_of(id), "pending");
}

TEST_P(WorkerPoolTest, StopWithinFinishesQuickJobs) {
  const std::string id = enqueue(system_clock());
  JobQueue queue(db(), system_clock(), audit_key());
  WorkerPool pool(queue, *files_, json_file, {.threads = 2, .lease = 10s, .idle_poll = 50ms});
  pool.start();
  ASSERT_TRUE(eventually([&] { return status_of(id) == "completed"; }));
  EXPECT_TRUE(pool.stop_within(5s));
}

// With a listener (PostgreSQL), a job created by another process wakes an idle worker at
// once, though its poll interval is a minute.
TEST_P(WorkerPoolTest, AJobFromAnotherProcessWakesAnIdleWorker) {
  if (GetParam() == db::Backend::kSqlite) GTEST_SKIP() << "embedded workers are woken directly";
  auto worker_handle = second_handle();
  JobQueue queue(*worker_handle, system_clock(), audit_key());
  WorkerPool pool(queue, *files_, json_file, {.threads = 1, .lease = 10s, .idle_poll = 60s});
  pool.start();
  std::this_thread::sleep_for(300ms);
  const auto created = std::chrono::steady_clock::now();
  const std::string id = enqueue(system_clock());
  ASSERT_TRUE(eventually([&] { return status_of(id) == "completed"; }, 10s));
  EXPECT_LT(std::chrono::steady_clock::now() - created, 5s);
  pool.stop();
}

// The stored file is what the producer streamed, and the job records its size and hash.
TEST_P(WorkerPoolTest, TheStoredFileIsWhatWasStreamedWithItsSizeAndHash) {
  const std::string id = enqueue(system_clock());
  JobQueue queue(db(), system_clock(), audit_key());
  WorkerPool pool(queue, *files_, json_file, {.threads = 1, .lease = 10s, .idle_poll = 50ms});
  ASSERT_TRUE(pool.run_one("w"));
  const std::string expected = Json{{"job", id}}.dump();
  EXPECT_EQ(*files_->get(id + "-1.json"), expected);
  auto row =
      db().query_one("SELECT file_size_bytes, file_sha256 FROM export_jobs WHERE id = ?", {id});
  EXPECT_EQ((*row)["file_size_bytes"], static_cast<int64_t>(expected.size()));
  EXPECT_EQ((*row)["file_sha256"], crypto::sha256_hex(expected));
}

// A producer that fails after writing part of its file leaves nothing behind, and the job
// fails with the producer's own message.
TEST_P(WorkerPoolTest, AFailedProductionLeavesNoPartialFile) {
  const std::string id = enqueue(system_clock());
  Producer half = [](const Json&, const ByteSink& out) -> Result<ProducedFile> {
    DOSSIER_TRY(out("{\"partial\": "));
    return Error::make(ErrorCode::kUnprocessable, "the template could not be rendered");
  };
  JobQueue queue(db(), system_clock(), audit_key());
  WorkerPool pool(queue, *files_, half, {.threads = 1, .lease = 10s, .idle_poll = 50ms});
  ASSERT_TRUE(pool.run_one("w"));
  EXPECT_EQ(status_of(id), "failed");
  EXPECT_EQ(stored_files(), 0);
  auto row = db().query_one("SELECT error_message FROM export_jobs WHERE id = ?", {id});
  EXPECT_EQ((*row)["error_message"], "the template could not be rendered");
}

// A store that refuses a write: the job fails as a storage failure, whatever the producer
// made of the sink's error, and nothing is visible.
TEST_P(WorkerPoolTest, AStorageFailureWhileStreamingIsReportedAsStorage) {
  class RefusingWriter final : public storage::BlobWriter {
   public:
    Status write(std::string_view) override { return Error::internal("disk full"); }
    Status commit() override { return Error::internal("not reached"); }
  };
  class RefusingStore final : public storage::BlobStore {
   public:
    Result<std::unique_ptr<storage::BlobWriter>> open_writer(const std::string&) override {
      return std::unique_ptr<storage::BlobWriter>(std::make_unique<RefusingWriter>());
    }
    Result<std::unique_ptr<storage::BlobReader>> open_reader(const std::string&) override {
      return Error::make(ErrorCode::kNotFound, "none");
    }
    Status remove(const std::string&) override { return {}; }
  };
  const std::string id = enqueue(system_clock());
  RefusingStore store;
  JobQueue queue(db(), system_clock(), audit_key());
  WorkerPool pool(queue, store, json_file, {.threads = 1, .lease = 10s, .idle_poll = 50ms});
  ASSERT_TRUE(pool.run_one("w"));
  auto row = db().query_one("SELECT status, error_message FROM export_jobs WHERE id = ?", {id});
  EXPECT_EQ((*row)["status"], "failed");
  EXPECT_EQ((*row)["error_message"], "the export file could not be stored");
}

DOSSIER_INSTANTIATE_BACKENDS(WorkerPoolTest);

}  // namespace
}  // namespace dossier::jobs
