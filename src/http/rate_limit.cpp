#include "http/rate_limit.h"

#include <algorithm>

namespace dossier::http {
namespace {

// Often enough that idle callers do not pile up, rarely enough to cost nothing per request.
constexpr auto kSweepEvery = std::chrono::minutes(1);

}  // namespace

RateLimiter::RateLimiter(int per_minute, int burst, const Clock& clock)
    : interval_(std::chrono::nanoseconds(std::chrono::minutes(1)) / per_minute),
      capacity_(interval_ * burst),
      clock_(clock),
      last_sweep_(clock.now()) {}

std::optional<std::chrono::seconds> RateLimiter::take(const std::string& key) {
  const TimePoint now = clock_.now();
  std::lock_guard lock(mutex_);
  if (now - last_sweep_ >= kSweepEvery) sweep(now);
  auto it = full_at_.find(key);
  const TimePoint full_at = it == full_at_.end() ? now : std::max(it->second, now);
  const TimePoint next = full_at + interval_;
  const auto overdraw = next - now - capacity_;
  if (overdraw > std::chrono::nanoseconds::zero()) {
    return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(overdraw));
  }
  if (it == full_at_.end()) {
    full_at_.emplace(key, next);
  } else {
    it->second = next;
  }
  return std::nullopt;
}

size_t RateLimiter::buckets() const {
  std::lock_guard lock(mutex_);
  return full_at_.size();
}

void RateLimiter::sweep(TimePoint now) {
  std::erase_if(full_at_, [&](const auto& entry) { return entry.second <= now; });
  last_sweep_ = now;
}

}  // namespace dossier::http
