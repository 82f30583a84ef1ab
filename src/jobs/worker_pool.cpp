#include "jobs/worker_pool.h"

#include <unistd.h>

#include <typeinfo>

#include "core/crypto.h"
#include "core/log.h"

namespace dossier::jobs {
namespace {

int64_t elapsed_ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               since)
      .count();
}

}  // namespace

WorkerPool::WorkerPool(JobQueue& queue, storage::BlobStore& store, Producer producer,
                       WorkerOptions options)
    : queue_(queue), store_(store), producer_(std::move(producer)), options_(options) {}

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
}

void WorkerPool::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
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

bool WorkerPool::run_one(const std::string& worker_id) {
  auto claimed = queue_.claim(worker_id, options_.lease);
  if (!claimed.ok()) {
    log::error("job_claim_failed", {{"error", claimed.error().detail}});
    return false;
  }
  if (claimed->is_null()) return false;
  process(*claimed, worker_id);
  return true;
}

void WorkerPool::process(const Json& job, const std::string& worker_id) {
  const auto started = std::chrono::steady_clock::now();
  const std::string job_id = job["id"];
  log::info("job_processing",
            {{"job_id", job_id}, {"attempt", job["attempts"]}, {"worker", worker_id}});
  Result<ProducedFile> produced = Error::internal("not produced");
  try {
    produced = producer_(job);
  } catch (const std::exception& e) {
    // The exception's text may quote record content; its type is enough to find the bug.
    log::error("job_exception", {{"job_id", job_id}, {"type", typeid(e).name()}});
    produced = Error::internal("the export could not be produced because of an internal error");
  }
  if (!produced.ok()) {
    (void)queue_.fail(job_id, worker_id, produced.error().detail);
    log::warn("job_failed", {{"job_id", job_id},
                             {"error", error_code_name(produced.error().code)},
                             {"duration_ms", elapsed_ms(started)}});
    return;
  }
  const StoredFile file{job_id + produced->extension, static_cast<int64_t>(produced->bytes.size()),
                        crypto::sha256_hex(produced->bytes), produced->notes};
  if (auto put = store_.put(file.key, produced->bytes); !put.ok()) {
    (void)queue_.fail(job_id, worker_id, "the export file could not be stored");
    log::error("job_failed", {{"job_id", job_id}, {"error", "storage"}});
    return;
  }
  auto done = queue_.complete(job_id, worker_id, file, options_.keep_files_for);
  if (done.ok() && *done) {
    log::info(
        "job_completed",
        {{"job_id", job_id}, {"bytes", file.size_bytes}, {"duration_ms", elapsed_ms(started)}});
  } else {
    log::warn("job_lease_lost", {{"job_id", job_id}, {"worker", worker_id}});
  }
}

}  // namespace dossier::jobs
