// Per-caller request rate limits: a token bucket per key (a token's hash, or a remote
// address for requests without a valid token).
//
// Each bucket holds up to `burst` requests and refills at `per_minute` requests a minute, so
// a caller may send `burst` at once and `per_minute` a minute for ever after. Kept as the
// generic cell rate algorithm: one time per key (when its bucket will be full again), in
// integer nanoseconds, so no rounding lets a request through early. Buckets live in this
// process only: every API server of a scale-out deployment keeps its own.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clock.h"

namespace dossier::http {

class RateLimiter {
 public:
  //! REQUIRES: per_minute > 0, burst > 0. `clock` outlives the limiter; while a clock that
  //! stepped back catches up, buckets look emptier than they are, never fuller.
  RateLimiter(int per_minute, int burst, const Clock& clock);
  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  //! Takes one request from `key`'s bucket. nullopt when it may go ahead; otherwise how long
  //! until the bucket holds one again, in whole seconds (at least 1), for Retry-After. A
  //! refused request takes nothing. Thread-safe.
  std::optional<std::chrono::seconds> take(const std::string& key);

  //! How many buckets are kept (full ones are dropped now and then).
  size_t buckets() const;

 private:
  // REQUIRES: mutex_. Drops full buckets: a new one would start the same.
  void sweep(TimePoint now);

  const std::chrono::nanoseconds interval_;  //!< refill time of one request
  const std::chrono::nanoseconds capacity_;  //!< refill time of a whole bucket
  const Clock& clock_;
  mutable std::mutex mutex_;
  //! When each key's bucket is full again; at or before now: full.
  std::unordered_map<std::string, TimePoint> full_at_;
  TimePoint last_sweep_;
};

}  // namespace dossier::http
