#include "cli/periodic.h"

namespace dossier::cli {

PeriodicTask::PeriodicTask(std::chrono::seconds period, std::function<void()> pass)
    : period_(period), pass_(std::move(pass)), thread_([this] { loop(); }) {}

PeriodicTask::~PeriodicTask() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_signal_.notify_all();
  thread_.join();
}

void PeriodicTask::loop() {
  std::unique_lock lock(mutex_);
  do {
    lock.unlock();
    pass_();
    lock.lock();
  } while (!stop_signal_.wait_for(lock, period_, [this] { return stopping_; }));
}

}  // namespace dossier::cli
