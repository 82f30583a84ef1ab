// The embedded worker pool: N threads that drain the job queue.
//
// Each job goes claim → produce (gather, redact, render: injected, so the pool knows no
// formats) → store (atomic) → complete. A failed production fails the job with the
// error's detail, which by contract carries no PHI.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "jobs/job_queue.h"
#include "storage/blob_store.h"

namespace dossier::jobs {

struct ProducedFile {
  std::string bytes;
  std::string extension;           //!< ".json", ".pdf", …
  std::vector<std::string> notes;  //!< what rendering ignored, shown on the job
};

//! Turns a claimed job row into the file to hand out.
using Producer = std::function<Result<ProducedFile>(const Json& job)>;

struct WorkerOptions {
  int threads = 2;
  std::chrono::milliseconds lease{60'000};
  std::chrono::milliseconds idle_poll{500};
  std::chrono::hours keep_files_for{24 * 7};
};

class WorkerPool {
 public:
  WorkerPool(JobQueue& queue, storage::BlobStore& store, Producer producer, WorkerOptions options);
  ~WorkerPool();  //!< stops and joins
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void start();
  //! Finishes the jobs in hand, then joins every thread.
  void stop();
  //! Wakes an idle worker (a job was just enqueued).
  void notify();

  //! Claims and runs one job on the calling thread; false when the queue was empty.
  bool run_one(const std::string& worker_id);

 private:
  void loop(const std::string& worker_id);
  void process(const Json& job, const std::string& worker_id);

  JobQueue& queue_;
  storage::BlobStore& store_;
  Producer producer_;
  WorkerOptions options_;
  std::vector<std::thread> threads_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool work_signalled_ = false;  // guarded by mutex_; set by notify(), cleared by the waker
};

}  // namespace dossier::jobs
