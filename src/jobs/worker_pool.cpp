#include "jobs/worker_pool.h"

#include <unistd.h>

#include <typeinfo>

#include "core/crypto.h"
#include "core/log.h"
#include "jobs/export_types.h"

namespace dossier::jobs {
namespace {

int64_t elapsed_ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               since)
      .count();
}

// Each attempt writes its own key, so a worker that lost its lease can remove what it wrote
// without touching the file of the worker that took the job over.
std::string file_key(const Json& job, int64_t attempt) {
  return job["id"].get<std::string>() + "-" + std::to_string(attempt) +
         extension_for(job["format"].get<std::string>(), job["export_type"].get<std::string>());
}

// The sink handed to a producer: writes through to the store's writer, counting and hashing
// what passes, and remembers whether the store refused a write (so that failure is reported
// as storage, not as the producer's).
class StoringSink final {
 public:
  explicit StoringSink(storage::BlobWriter& writer) : writer_(writer) {}

  ByteSink sink() {
    return [this](std::string_view bytes) -> Status {
      Status written = writer_.write(bytes);
      if (!written.ok()) {
        failed_ = true;
        return written;
      }
      size_ += static_cast<int64_t>(bytes.size());
      hash_.update(bytes);
      return {};
    };
  }
  bool failed() const { return failed_; }
  int64_t size() const { return size_; }
  std::string sha256() { return hash_.hex(); }

 private:
  storage::BlobWriter& writer_;
  crypto::Sha256 hash_;
  int64_t size_ = 0;
  bool failed_ = false;
};

Result<ProducedFile> produce_guarded(const Producer& producer, const Json& job,
                                     const ByteSink& out) {
  try {
    return producer(job, out);
  } catch (const std::exception& e) {
    // The exception's text may quote record content; its type is enough to find the bug.
    log::error("job_exception", {{"job_id", job["id"]}, {"type", typeid(e).name()}});
    return Error::internal("the export could not be produced because of an internal error");
  }
}

}  // namespace

WorkerPool::WorkerPool(JobQueue& queue, storage::BlobStore& store, Producer producer,
                       WorkerOptions options)
    : queue_(queue),
      store_(store),
      producer_(std::move(producer)),
      options_(options),
      leases_(queue, options.lease) {}

WorkerPool::~WorkerPool() {
  stop();
}

void WorkerPool::start() {
  char host[64] = {};
  gethostname(host, sizeof host - 1);
  const std::string prefix = std::string(host) + ":" + std::to_string(getpid()) + ":";
  for (int i = 0; i < options_.threads; ++i) {
    threads_.emplace_back([this, id = prefix + std::to_string(i)] { loop(id); });
  }
  auto listener = queue_.listen();
  if (!listener.ok()) {
    log::warn("job_listen_failed", {{"error", listener.error().detail}});
  } else if (*listener && options_.threads > 0) {
    threads_.emplace_back(
        [this, l = std::move(listener).value()]() mutable { listen_loop(std::move(l)); });
  }
}

void WorkerPool::signal_stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
}

void WorkerPool::join() {
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

void WorkerPool::stop() {
  signal_stop();
  join();
}

bool WorkerPool::stop_within(std::chrono::milliseconds grace) {
  signal_stop();
  std::unique_lock lock(mutex_);
  if (idle_.wait_for(lock, grace, [this] { return busy_ == 0; })) {
    lock.unlock();
    join();
    return true;
  }
  lock.unlock();
  const int released = leases_.release_all();
  log::warn("jobs_released", {{"count", released}});
  return false;
}

void WorkerPool::notify() {
  {
    std::lock_guard lock(mutex_);
    work_signalled_ = true;
  }
  wake_.notify_one();
}

void WorkerPool::loop(const std::string& worker_id) {
  while (!stopping_) {
    if (run_one(worker_id)) continue;
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.idle_poll,
                   [this] { return stopping_.load() || work_signalled_; });
    work_signalled_ = false;
  }
}

// One signal may stand for many jobs: every idle thread wakes and claims until the queue is
// empty again.
void WorkerPool::listen_loop(std::unique_ptr<db::Listener> listener) {
  while (!stopping_) {
    auto signalled = listener->wait(std::chrono::milliseconds(500));
    if (!signalled.ok()) {
      log::warn("job_listen_failed", {{"error", signalled.error().detail}});
      std::this_thread::sleep_for(options_.idle_poll);
      continue;
    }
    if (!*signalled) continue;
    {
      std::lock_guard lock(mutex_);
      work_signalled_ = true;
    }
    wake_.notify_all();
  }
}

bool WorkerPool::run_one(const std::string& worker_id) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return false;
    ++busy_;
  }
  const auto done = [this] {
    {
      std::lock_guard lock(mutex_);
      --busy_;
    }
    idle_.notify_all();
  };
  auto claimed = queue_.claim(worker_id, options_.lease);
  if (!claimed.ok()) {
    log::error("job_claim_failed", {{"error", claimed.error().detail}});
    done();
    return false;
  }
  if (claimed->is_null()) {
    done();
    return false;
  }
  leases_.hold((*claimed)["id"], worker_id);
  process(*claimed, worker_id);
  leases_.drop((*claimed)["id"]);
  done();
  return true;
}

// After a completion whose answer was lost (the connection dropped around COMMIT), the job
// row tells whether it landed.
bool WorkerPool::completed_with(const std::string& job_id, const std::string& key) {
  auto status = queue_.file_of(job_id);
  return status.ok() && *status == key;
}

// A worker that died between storing its file and completing the job left that file behind;
// nobody else knows its key, so the attempt that takes the job over removes it.
void WorkerPool::remove_earlier_attempts(const Json& job) {
  for (int64_t attempt = 1; attempt < job["attempts"].get<int64_t>(); ++attempt) {
    if (!store_.remove(file_key(job, attempt)).ok()) {
      log::warn("stale_file_not_removed", {{"job_id", job["id"]}, {"attempt", attempt}});
    }
  }
}

void WorkerPool::fail_storage(const std::string& job_id, const std::string& worker_id) {
  (void)queue_.fail(job_id, worker_id, "the export file could not be stored");
  log::error("job_failed", {{"job_id", job_id}, {"error", "storage"}});
}

// The writer is opened before production and committed only after it succeeded; on any other
// path it is destroyed uncommitted, so nothing half-written ever becomes visible.
void WorkerPool::process(const Json& job, const std::string& worker_id) {
  const auto started = std::chrono::steady_clock::now();
  const std::string job_id = job["id"];
  log::info("job_processing",
            {{"job_id", job_id}, {"attempt", job["attempts"]}, {"worker", worker_id}});
  remove_earlier_attempts(job);
  const std::string key = file_key(job, job["attempts"].get<int64_t>());
  auto writer = store_.open_writer(key);
  if (!writer.ok()) return fail_storage(job_id, worker_id);
  StoringSink sink(**writer);
  Result<ProducedFile> produced = produce_guarded(producer_, job, sink.sink());
  if (leases_.lost(job_id)) {
    log::warn("job_dropped", {{"job_id", job_id}, {"worker", worker_id}});
    return;
  }
  if (!produced.ok() && sink.failed()) return fail_storage(job_id, worker_id);
  if (!produced.ok()) {
    (void)queue_.fail(job_id, worker_id, produced.error().detail);
    log::warn("job_failed", {{"job_id", job_id},
                             {"error", error_code_name(produced.error().code)},
                             {"duration_ms", elapsed_ms(started)}});
    return;
  }
  if (!(*writer)->commit().ok()) return fail_storage(job_id, worker_id);
  complete(job_id, worker_id,
           StoredFile{key, sink.size(), sink.sha256(), produced->notes, produced->redaction,
                      produced->parts, produced->patients},
           started);
}

void WorkerPool::complete(const std::string& job_id, const std::string& worker_id,
                          const StoredFile& file, std::chrono::steady_clock::time_point started) {
  auto completed = queue_.complete(job_id, worker_id, file, options_.keep_files_for);
  if (completed.ok() && *completed) {
    log::info(
        "job_completed",
        {{"job_id", job_id}, {"bytes", file.size_bytes}, {"duration_ms", elapsed_ms(started)}});
    return;
  }
  if (!completed.ok() && completed_with(job_id, file.key)) return;
  // Nobody will ever serve this file: the job was deleted or belongs to another worker now
  // (or, if the database failed, the lease will expire and the job be rendered again).
  (void)store_.remove(file.key);
  log::warn("job_lease_lost", {{"job_id", job_id}, {"worker", worker_id}});
}

}  // namespace dossier::jobs
