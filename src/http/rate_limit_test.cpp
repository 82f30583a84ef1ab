#include "http/rate_limit.h"

#include <gtest/gtest.h>

namespace dossier::http {
namespace {

class FakeClock final : public Clock {
 public:
  TimePoint now() const override { return now_; }
  void advance(std::chrono::milliseconds d) { now_ += d; }

 private:
  TimePoint now_ = std::chrono::system_clock::from_time_t(1700000000);
};

TEST(RateLimiterTest, ABurstGoesThroughThenTheRateHolds) {
  FakeClock clock;
  RateLimiter limiter(60, 3, clock);  // one a second, three at once
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.take("a"), std::nullopt) << i;
  EXPECT_EQ(limiter.take("a"), std::chrono::seconds(1));
  clock.advance(std::chrono::milliseconds(999));
  EXPECT_EQ(limiter.take("a"), std::chrono::seconds(1)) << "1 ms short, rounded up";
  clock.advance(std::chrono::milliseconds(1));
  EXPECT_EQ(limiter.take("a"), std::nullopt);
  EXPECT_EQ(limiter.take("a"), std::chrono::seconds(1));
  clock.advance(std::chrono::hours(1));
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.take("a"), std::nullopt) << "refilled only to 3";
  EXPECT_NE(limiter.take("a"), std::nullopt);
}

TEST(RateLimiterTest, RetryAfterIsWholeSecondsUntilTheNextRequest) {
  FakeClock clock;
  RateLimiter limiter(6, 1, clock);  // one every ten seconds
  EXPECT_EQ(limiter.take("a"), std::nullopt);
  EXPECT_EQ(limiter.take("a"), std::chrono::seconds(10));
  clock.advance(std::chrono::milliseconds(2500));
  EXPECT_EQ(limiter.take("a"), std::chrono::seconds(8)) << "7.5 s, rounded up";
  clock.advance(std::chrono::milliseconds(7500));
  EXPECT_EQ(limiter.take("a"), std::nullopt);
}

TEST(RateLimiterTest, EachKeyHasItsOwnBucket) {
  FakeClock clock;
  RateLimiter limiter(60, 1, clock);
  EXPECT_EQ(limiter.take("token:a"), std::nullopt);
  EXPECT_NE(limiter.take("token:a"), std::nullopt);
  EXPECT_EQ(limiter.take("token:b"), std::nullopt);
  EXPECT_EQ(limiter.take("addr:127.0.0.1"), std::nullopt);
  EXPECT_EQ(limiter.buckets(), 3u);
}

TEST(RateLimiterTest, FullBucketsAreDroppedAndAClockSteppingBackGivesNothing) {
  FakeClock clock;
  RateLimiter limiter(1, 2, clock);  // one a minute, two at once
  EXPECT_EQ(limiter.take("idle"), std::nullopt);
  clock.advance(std::chrono::seconds(30));
  EXPECT_EQ(limiter.take("busy"), std::nullopt);
  EXPECT_EQ(limiter.take("busy"), std::nullopt);
  clock.advance(std::chrono::seconds(30));
  // The sweep a minute in drops "idle" (full again) and keeps "busy" (half a request short).
  EXPECT_EQ(limiter.take("other"), std::nullopt);
  EXPECT_EQ(limiter.buckets(), 2u);

  // "other" has one request left; back at the start it has none, until time catches up.
  clock.advance(-std::chrono::seconds(60));
  EXPECT_EQ(limiter.take("other"), std::chrono::seconds(60));
  clock.advance(std::chrono::seconds(60));
  EXPECT_EQ(limiter.take("other"), std::nullopt);
  EXPECT_EQ(limiter.take("other"), std::chrono::seconds(60));
}

}  // namespace
}  // namespace dossier::http
