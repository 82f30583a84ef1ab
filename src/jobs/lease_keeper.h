// Keeps the leases of the jobs a worker pool is rendering alive: a heartbeat thread renews
// each one every third of the lease, so a render may take longer than the lease without
// another worker claiming the job, while a worker that dies stops renewing and loses the
// job one lease later.
//
// A renewal that finds the lease gone (the job was deleted, or given to another worker after
// this one stalled) marks the job lost: its worker must drop the result instead of storing
// it. A renewal that fails because the database is unreachable is retried at the next beat.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "jobs/job_queue.h"

namespace dossier::jobs {

class LeaseKeeper {
 public:
  LeaseKeeper(JobQueue& queue, std::chrono::milliseconds lease);
  ~LeaseKeeper();  //!< stops the heartbeat
  LeaseKeeper(const LeaseKeeper&) = delete;
  LeaseKeeper& operator=(const LeaseKeeper&) = delete;

  //! Starts renewing `job_id`, held by `worker_id`.
  void hold(const std::string& job_id, const std::string& worker_id);
  //! Stops renewing `job_id`.
  void drop(const std::string& job_id);
  //! Whether the lease of a held job was found gone (or given back by release_all).
  bool lost(const std::string& job_id) const;
  //! Hands every held job back to the queue (a shutdown that cannot wait for them) and
  //! marks them lost; returns how many were handed back.
  int release_all();

 private:
  struct Held {
    std::string worker_id;
    bool lost = false;
  };
  void beat();

  JobQueue& queue_;
  const std::chrono::milliseconds lease_;
  mutable std::mutex mutex_;
  std::condition_variable stop_signal_;
  bool stopping_ = false;             // guarded by mutex_
  std::map<std::string, Held> held_;  // guarded by mutex_
  std::thread heartbeat_;
};

}  // namespace dossier::jobs
