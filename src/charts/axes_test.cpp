#include "charts/axes.h"

#include <gtest/gtest.h>

#include "core/dates.h"

namespace dossier::charts {
namespace {

long day(int y, int m, int d) {
  return days_from_civil(Date{y, m, d});
}

std::vector<std::string> labels(const std::vector<ValueTick>& ticks) {
  std::vector<std::string> out;
  for (const auto& t : ticks) out.push_back(t.label);
  return out;
}

TEST(NiceStepTest, PicksOneTwoFiveSteps) {
  EXPECT_EQ(nice_step(27, 6), 5);
  EXPECT_EQ(nice_step(21, 6), 5);
  EXPECT_EQ(nice_step(10, 6), 2);
  EXPECT_EQ(nice_step(100, 6), 20);
  EXPECT_EQ(nice_step(1, 5), 0.2);
  EXPECT_EQ(nice_step(3, 10), 1);  // whole numbers once the range allows them
  EXPECT_EQ(nice_step(0, 5), 1);
}

TEST(ValueTicksTest, WholeNumbersWithinRange) {
  EXPECT_EQ(labels(value_ticks(0, 27, 6)),
            (std::vector<std::string>{"0", "5", "10", "15", "20", "25"}));
  EXPECT_EQ(labels(value_ticks(-3, 7, 6)), (std::vector<std::string>{"-2", "0", "2", "4", "6"}));
  EXPECT_EQ(labels(value_ticks(0, 0.6, 6)),
            (std::vector<std::string>{"0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6"}));
}

TEST(ValueTicksTest, RoundsOut) {
  double lo = 0.4, hi = 8.6;
  round_out(lo, hi, 6);
  EXPECT_EQ(lo, 0);
  EXPECT_EQ(hi, 10);
}

TEST(MonthTicksTest, SpanCoversWholeMonths) {
  const DaySpan s = month_span(day(2025, 11, 14), day(2026, 2, 3));
  EXPECT_EQ(s.first, day(2025, 11, 1));
  EXPECT_EQ(s.last, day(2026, 3, 1));
}

TEST(MonthTicksTest, MonthlyWithYearOnFirstAndJanuary) {
  const DaySpan s = month_span(day(2025, 11, 14), day(2026, 2, 3));
  const auto ticks = month_ticks(s, 4.0, 34);
  ASSERT_EQ(ticks.size(), 5u);
  EXPECT_EQ(ticks[0].month, "Nov");
  EXPECT_EQ(ticks[0].year, "2025");
  EXPECT_EQ(ticks[1].month, "Dec");
  EXPECT_EQ(ticks[1].year, "");
  EXPECT_EQ(ticks[2].month, "Jan");
  EXPECT_EQ(ticks[2].year, "2026");
  EXPECT_EQ(ticks[4].day, day(2026, 3, 1));
}

TEST(MonthTicksTest, WiderStepsWhenCrowded) {
  const DaySpan s = month_span(day(2024, 1, 10), day(2025, 12, 20));  // 24 months
  const double px_per_day = 450.0 / static_cast<double>(s.last - s.first);
  const auto ticks = month_ticks(s, px_per_day, 34);
  ASSERT_GE(ticks.size(), 2u);
  for (size_t i = 1; i < ticks.size(); ++i) {
    EXPECT_GE(static_cast<double>(ticks[i].day - ticks[i - 1].day) * px_per_day, 34);
  }
  EXPECT_EQ(ticks[0].month, "Jan");  // steps align to January
}

TEST(MonthTicksTest, YearsOnlyOverManyYears) {
  const DaySpan s = month_span(day(2015, 3, 1), day(2025, 3, 1));
  const double px_per_day = 400.0 / static_cast<double>(s.last - s.first);
  const auto ticks = month_ticks(s, px_per_day, 34);
  ASSERT_GE(ticks.size(), 2u);
  EXPECT_EQ(ticks[0].month.size(), 4u);  // "2016"
  EXPECT_EQ(ticks[0].year, "");
}

}  // namespace
}  // namespace dossier::charts
