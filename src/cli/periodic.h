// A pass that `serve` runs now and then every period, in a thread of its own: the cleanup of
// expired files, the scheduler.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace dossier::cli {

class PeriodicTask {
 public:
  //! Starts the thread; `pass` runs at once, then every `period`. `pass` reports its own
  //! failures (a log line): the next pass is the retry.
  PeriodicTask(std::chrono::seconds period, std::function<void()> pass);
  ~PeriodicTask();  //!< stops the thread, waiting for a pass under way
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

 private:
  void loop();

  const std::chrono::seconds period_;
  const std::function<void()> pass_;
  std::mutex mutex_;
  std::condition_variable stop_signal_;
  bool stopping_ = false;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace dossier::cli
