// A pool of render workers: N threads that drain the job queue, in the API's process (the
// embedded default) or in a process of their own (`dossier worker`).
//
// Each job goes claim → produce (gather, redact, render: injected, so the pool knows no
// formats) straight into the store's writer → commit (atomic) → complete, its lease renewed by
// a LeaseKeeper throughout. The producer writes through a sink that counts and hashes what
// passes, so no file is ever held whole here; a production or storage failure destroys the
// writer uncommitted, leaving nothing half-written visible. A failed production fails the job with
// the error's detail, which by contract carries no PHI. A result whose lease was lost meanwhile
// (the job deleted, or taken over by another worker) is dropped, and a stored file whose completion
// did not land is removed, so every job ends with at most one file, the one its completion names.
//
// Idle threads sleep until notify() (a job created in this process), a signal from another
// process (PostgreSQL LISTEN, when the queue offers a listener) or `idle_poll` passes.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/byte_sink.h"
#include "jobs/job_queue.h"
#include "jobs/lease_keeper.h"
#include "storage/blob_store.h"

namespace dossier::jobs {

//! What a producer reports once it has written the whole file into its sink.
struct ProducedFile {
  std::string extension;           //!< ".json", ".pdf", …
  std::vector<std::string> notes;  //!< what rendering ignored, shown on the job
  Json redaction = nullptr;        //!< what redaction removed (redact/redactor.h), by count
  //! For a file made of several (a bulk export's NDJSON per type): their slices, as
  //! export_jobs.file_parts keeps them; null for a file served whole.
  Json parts = nullptr;
  //! For a file that holds the records of many patients (a batch), each of them with the
  //! single export made of them: [{patient_id, export_type, format, parameters}], kept as
  //! job_patients rows; null otherwise.
  Json patients = nullptr;
};

//! Turns a claimed job row into the file to hand out, written in order into `out`. An error
//! from `out` must be returned as it is (the pool tells storage failures apart by it).
using Producer = std::function<Result<ProducedFile>(const Json& job, const ByteSink& out)>;

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
  //! Stops claiming, finishes the jobs in hand, then joins every thread.
  void stop();
  //! Stops claiming and waits up to `grace` for the jobs in hand. True when they finished
  //! (the threads are joined). Otherwise the jobs still rendering are handed back to the
  //! queue for another worker, their results will be dropped, and false is returned: the
  //! threads are still busy and the process should exit.
  bool stop_within(std::chrono::milliseconds grace);
  //! Wakes an idle worker (a job was just enqueued).
  void notify();

  //! Claims and runs one job on the calling thread; false when the queue was empty.
  bool run_one(const std::string& worker_id);

 private:
  void loop(const std::string& worker_id);
  void listen_loop(std::unique_ptr<db::Listener> listener);
  void process(const Json& job, const std::string& worker_id);
  void remove_earlier_attempts(const Json& job);
  void fail_storage(const std::string& job_id, const std::string& worker_id);
  void complete(const std::string& job_id, const std::string& worker_id, const StoredFile& file,
                std::chrono::steady_clock::time_point started);
  bool completed_with(const std::string& job_id, const std::string& key);
  void signal_stop();
  void join();

  JobQueue& queue_;
  storage::BlobStore& store_;
  Producer producer_;
  WorkerOptions options_;
  LeaseKeeper leases_;
  std::vector<std::thread> threads_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  bool work_signalled_ = false;  // guarded by mutex_; set by notify(), cleared by the waker
  int busy_ = 0;                 // guarded by mutex_: threads inside process()
};

}  // namespace dossier::jobs
