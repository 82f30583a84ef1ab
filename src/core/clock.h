// Time as the service sees it. Timestamps are stored and sent as UTC ISO 8601 with
// milliseconds ("2024-03-10T14:02:00.000Z"): they sort as text on every backend.
#pragma once

#include <chrono>
#include <string>

namespace dossier {

using TimePoint = std::chrono::system_clock::time_point;

//! Injectable so tests can move time (lease expiry, link expiry) without sleeping.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

//! The process-wide system clock.
const Clock& system_clock();

std::string format_timestamp(TimePoint t);
std::string now_timestamp();

}  // namespace dossier
