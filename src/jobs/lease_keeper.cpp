#include "jobs/lease_keeper.h"

#include <vector>

#include "core/log.h"

namespace dossier::jobs {

LeaseKeeper::LeaseKeeper(JobQueue& queue, std::chrono::milliseconds lease)
    : queue_(queue), lease_(lease), heartbeat_([this] { beat(); }) {}

LeaseKeeper::~LeaseKeeper() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_signal_.notify_all();
  heartbeat_.join();
}

void LeaseKeeper::hold(const std::string& job_id, const std::string& worker_id) {
  std::lock_guard lock(mutex_);
  held_[job_id] = Held{worker_id, false};
}

void LeaseKeeper::drop(const std::string& job_id) {
  std::lock_guard lock(mutex_);
  held_.erase(job_id);
}

bool LeaseKeeper::lost(const std::string& job_id) const {
  std::lock_guard lock(mutex_);
  auto it = held_.find(job_id);
  return it != held_.end() && it->second.lost;
}

int LeaseKeeper::release_all() {
  std::lock_guard lock(mutex_);
  int released = 0;
  for (auto& [job_id, held] : held_) {
    if (held.lost) continue;
    auto r = queue_.release(job_id, held.worker_id);
    held.lost = true;
    if (r.ok() && *r) ++released;
  }
  return released;
}

void LeaseKeeper::beat() {
  const auto period = lease_ / 3;
  std::unique_lock lock(mutex_);
  while (!stop_signal_.wait_for(lock, period, [this] { return stopping_; })) {
    std::vector<std::pair<std::string, std::string>> due;
    for (const auto& [job_id, held] : held_) {
      if (!held.lost) due.emplace_back(job_id, held.worker_id);
    }
    // Renew without the lock: hold() and drop() must not wait on the database.
    lock.unlock();
    std::vector<std::string> gone;
    for (const auto& [job_id, worker_id] : due) {
      auto renewed = queue_.renew(job_id, worker_id, lease_);
      if (!renewed.ok()) {
        log::warn("lease_renew_failed", {{"job_id", job_id}});
      } else if (!*renewed) {
        gone.push_back(job_id);
      }
    }
    lock.lock();
    for (const auto& job_id : gone) {
      auto it = held_.find(job_id);
      if (it != held_.end()) it->second.lost = true;
      log::warn("job_lease_lost", {{"job_id", job_id}});
    }
  }
}

}  // namespace dossier::jobs
