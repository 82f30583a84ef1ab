#include "core/dates.h"

#include <gtest/gtest.h>

namespace dossier {
namespace {

TEST(DatesTest, AcceptsRealDates) {
  ASSERT_TRUE(parse_date("2024-02-29"));
  EXPECT_EQ(parse_date("2024-02-29")->str(), "2024-02-29");
}

TEST(DatesTest, RejectsImpossibleOrSloppyDates) {
  EXPECT_FALSE(parse_date("2023-02-29"));
  EXPECT_FALSE(parse_date("2024-13-01"));
  EXPECT_FALSE(parse_date("2024-3-01"));
  EXPECT_FALSE(parse_date("2024-04-31"));
  EXPECT_FALSE(parse_date("20240401"));
  EXPECT_FALSE(parse_date(""));
}

TEST(DatesTest, CivilRoundTrip) {
  const Date d{2024, 3, 10};
  EXPECT_EQ(civil_from_days(days_from_civil(d)), d);
  EXPECT_EQ(days_from_civil(Date{1970, 1, 1}), 0);
}

TEST(DatesTest, TimestampsWithOffsets) {
  auto a = parse_timestamp("2024-03-10T14:00:00Z");
  auto b = parse_timestamp("2024-03-10T09:00:00-05:00");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(format_timestamp(*a), "2024-03-10T14:00:00.000Z");
  EXPECT_FALSE(parse_timestamp("2024-03-10T25:00:00Z"));
  EXPECT_FALSE(parse_timestamp("2024-03-10T10:00:00"));
}

}  // namespace
}  // namespace dossier
