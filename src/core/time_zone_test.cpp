#include "core/time_zone.h"

#include <gtest/gtest.h>

namespace dossier {
namespace {

LocalTime local(std::string_view utc, std::string_view zone) {
  const auto t = parse_timestamp(utc);
  EXPECT_TRUE(t) << utc;
  auto r = to_local_time(t.value_or(TimePoint{}), zone);
  EXPECT_TRUE(r.ok()) << zone;
  return r.ok() ? *r : LocalTime{};
}

std::string clock_text(const LocalTime& t) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s %02d:%02d:%02d %+d %s", t.date.str().c_str(), t.hour, t.minute,
                t.second, t.utc_offset_minutes, t.abbreviation.c_str());
  return buf;
}

TEST(TimeZoneTest, SpringForwardInNewYork) {
  // 2026-03-08 02:00 EST does not exist: the clock jumps to 03:00 EDT.
  EXPECT_EQ(clock_text(local("2026-03-08T06:59:59Z", "America/New_York")),
            "2026-03-08 01:59:59 -300 EST");
  EXPECT_EQ(clock_text(local("2026-03-08T07:00:00Z", "America/New_York")),
            "2026-03-08 03:00:00 -240 EDT");
}

TEST(TimeZoneTest, FallBackInNewYork) {
  // 2026-11-01 01:00–02:00 happens twice: first in EDT, then in EST.
  EXPECT_EQ(clock_text(local("2026-11-01T05:59:59Z", "America/New_York")),
            "2026-11-01 01:59:59 -240 EDT");
  EXPECT_EQ(clock_text(local("2026-11-01T06:00:00Z", "America/New_York")),
            "2026-11-01 01:00:00 -300 EST");
}

TEST(TimeZoneTest, HalfHourOffsetWithoutDaylightSaving) {
  EXPECT_EQ(clock_text(local("2026-03-10T14:02:00.000Z", "Asia/Kolkata")),
            "2026-03-10 19:32:00 +330 IST");
  EXPECT_EQ(clock_text(local("2026-07-10T20:45:00Z", "Asia/Kolkata")),
            "2026-07-11 02:15:00 +330 IST");
}

TEST(TimeZoneTest, CrossesMidnightAndYearBackwards) {
  EXPECT_EQ(clock_text(local("2026-01-01T03:00:59.999Z", "America/Chicago")),
            "2025-12-31 21:00:59 -360 CST");
}

TEST(TimeZoneTest, DaylightSavingThroughTheLastListedYear) {
  // The zone files list transitions through 2037 (see time_zone.h).
  EXPECT_EQ(clock_text(local("2037-07-01T16:00:00Z", "America/New_York")),
            "2037-07-01 12:00:00 -240 EDT");
  EXPECT_EQ(clock_text(local("2037-12-01T17:00:00Z", "America/New_York")),
            "2037-12-01 12:00:00 -300 EST");
}

TEST(TimeZoneTest, UtcIsAlwaysAZone) {
  EXPECT_TRUE(is_time_zone("UTC"));
  EXPECT_EQ(clock_text(local("2026-03-10T14:02:00Z", "UTC")), "2026-03-10 14:02:00 +0 UTC");
}

TEST(TimeZoneTest, RejectsUnknownAndMalformedNames) {
  EXPECT_TRUE(is_time_zone("America/New_York"));
  EXPECT_TRUE(is_time_zone("America/Argentina/Buenos_Aires"));
  EXPECT_TRUE(is_time_zone("Etc/GMT+5"));
  for (const char* name :
       {"", "Mars/Olympus_Mons", "america/new_york", "America/New York", "America/New_York/",
        "America//New_York", "../../etc/passwd", "/usr/share/zoneinfo/UTC", "localtime",
        "posixrules", "zone.tab", "America/New_York\n", "EST5EDT,M3.2.0,M11.1.0"}) {
    EXPECT_FALSE(is_time_zone(name)) << name;
  }
  auto r = to_local_time(TimePoint{}, "Mars/Olympus_Mons");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kValidation);
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0].path, "time_zone");
}

std::string instant(const Date& date, int hour, int minute, std::string_view zone) {
  auto t = from_local_time(date, hour, minute, zone);
  EXPECT_TRUE(t.ok()) << zone;
  return t.ok() ? format_timestamp(*t) : "";
}

TEST(TimeZoneTest, LocalWallTimeBecomesItsInstant) {
  EXPECT_EQ(instant({2026, 7, 1}, 8, 0, "America/New_York"), "2026-07-01T12:00:00.000Z");
  EXPECT_EQ(instant({2026, 1, 15}, 8, 0, "America/New_York"), "2026-01-15T13:00:00.000Z");
  EXPECT_EQ(instant({2026, 3, 10}, 19, 32, "Asia/Kolkata"), "2026-03-10T14:02:00.000Z");
  EXPECT_EQ(instant({2026, 2, 28}, 23, 59, "UTC"), "2026-02-28T23:59:00.000Z");
}

TEST(TimeZoneTest, ASkippedWallTimeIsTheMomentTheClocksWentForward) {
  // 02:30 does not happen on 2026-03-08 in New York: 03:00 EDT (07:00Z) is the first after it.
  EXPECT_EQ(instant({2026, 3, 8}, 2, 30, "America/New_York"), "2026-03-08T07:00:00.000Z");
}

TEST(TimeZoneTest, ARepeatedWallTimeIsItsFirstOccurrence) {
  // 01:30 happens twice on 2026-11-01 in New York: first in EDT (05:30Z), then in EST.
  EXPECT_EQ(instant({2026, 11, 1}, 1, 30, "America/New_York"), "2026-11-01T05:30:00.000Z");
}

TEST(TimeZoneTest, FromLocalTimeRefusesAnUnknownZone) {
  auto t = from_local_time({2026, 1, 1}, 8, 0, "Mars/Olympus_Mons");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, ErrorCode::kValidation);
}

}  // namespace
}  // namespace dossier
