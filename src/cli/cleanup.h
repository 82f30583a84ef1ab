// The cleanup pass as `serve` runs it (every hour, in a thread of its own) and as `dossier
// cleanup` runs it once.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "cli/environment.h"

namespace dossier::cli {

//! Runs the cleanup pass now and then every `period` until destroyed.
class PeriodicCleanup {
 public:
  PeriodicCleanup(Environment& env, std::chrono::seconds period);
  ~PeriodicCleanup();  //!< stops the thread, waiting for a pass under way
  PeriodicCleanup(const PeriodicCleanup&) = delete;
  PeriodicCleanup& operator=(const PeriodicCleanup&) = delete;

 private:
  void loop();

  Environment& env_;
  const std::chrono::seconds period_;
  std::mutex mutex_;
  std::condition_variable stop_signal_;
  bool stopping_ = false;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace dossier::cli
