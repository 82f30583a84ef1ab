#include "core/clock.h"

#include <cstdio>
#include <ctime>

namespace dossier {

const Clock& system_clock() {
  static const SystemClock clock;
  return clock;
}

std::string format_timestamp(TimePoint t) {
  const auto ms = std::chrono::time_point_cast<std::chrono::milliseconds>(t);
  const std::time_t secs = std::chrono::system_clock::to_time_t(ms);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  const auto millis = (ms.time_since_epoch().count() % 1000 + 1000) % 1000;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(millis));
  return buf;
}

std::string now_timestamp() {
  return format_timestamp(system_clock().now());
}

}  // namespace dossier
