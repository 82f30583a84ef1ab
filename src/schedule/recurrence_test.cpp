#include "schedule/recurrence.h"

#include <gtest/gtest.h>

#include "core/dates.h"

namespace dossier::schedule {
namespace {

Recurrence rule(std::string_view type, const Json& config) {
  auto r = parse_recurrence(type, config, "America/New_York");
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().detail);
  return r.ok() ? *r : Recurrence{};
}

// The slots after `from`, one after the other, as UTC timestamps.
std::vector<std::string> slots(const Recurrence& r, std::string_view from, int count) {
  std::vector<std::string> out;
  auto t = parse_timestamp(from).value();
  for (int i = 0; i < count; ++i) {
    auto next = next_slot(r, t);
    EXPECT_TRUE(next.ok());
    if (!next.ok()) break;
    t = *next;
    out.push_back(format_timestamp(t));
  }
  return out;
}

std::string refused_field(std::string_view type, const Json& config) {
  auto r = parse_recurrence(type, config, "UTC");
  EXPECT_FALSE(r.ok());
  return r.ok() || r.error().fields.empty() ? "" : r.error().fields[0].path;
}

TEST(RecurrenceTest, DailyKeepsItsWallTimeAcrossBothDaylightSavingChanges) {
  const auto r = rule("daily", {{"time", "08:00"}});
  EXPECT_EQ(slots(r, "2027-03-12T20:00:00Z", 3),
            (std::vector<std::string>{"2027-03-13T13:00:00.000Z", "2027-03-14T12:00:00.000Z",
                                      "2027-03-15T12:00:00.000Z"}));
  EXPECT_EQ(slots(r, "2027-11-05T20:00:00Z", 3),
            (std::vector<std::string>{"2027-11-06T12:00:00.000Z", "2027-11-07T13:00:00.000Z",
                                      "2027-11-08T13:00:00.000Z"}));
}

TEST(RecurrenceTest, ASkippedTimeRunsWhenTheClocksGoForwardAndARepeatedOneRunsOnce) {
  const auto spring = rule("daily", {{"time", "02:30"}});
  EXPECT_EQ(slots(spring, "2027-03-13T12:00:00Z", 2),
            (std::vector<std::string>{"2027-03-14T07:00:00.000Z", "2027-03-15T06:30:00.000Z"}));
  const auto autumn = rule("daily", {{"time", "01:30"}});
  EXPECT_EQ(slots(autumn, "2027-11-06T12:00:00Z", 2),
            (std::vector<std::string>{"2027-11-07T05:30:00.000Z", "2027-11-08T06:30:00.000Z"}));
}

TEST(RecurrenceTest, WeeklyRunsOnItsDayInTheZone) {
  // 2027-01-04 is a Monday. 23:30 in New York is already Tuesday in UTC.
  const auto r = rule("weekly", {{"time", "23:30"}, {"day_of_week", "monday"}});
  EXPECT_EQ(slots(r, "2027-01-01T00:00:00Z", 2),
            (std::vector<std::string>{"2027-01-05T04:30:00.000Z", "2027-01-12T04:30:00.000Z"}));
  EXPECT_EQ(rule("weekly", {{"time", "09:00"}, {"day_of_week", 7}}).day_of_week, 7);
}

TEST(RecurrenceTest, MonthlyOnTheLastDayFollowsMonthLengthsAndLeapYears) {
  const auto r =
      rule("monthly", {{"time", "17:00"}, {"day_of_month", "last"}, {"timezone", "UTC"}});
  EXPECT_EQ(slots(r, "2027-12-31T18:00:00Z", 4),
            (std::vector<std::string>{"2028-01-31T17:00:00.000Z", "2028-02-29T17:00:00.000Z",
                                      "2028-03-31T17:00:00.000Z", "2028-04-30T17:00:00.000Z"}));
  EXPECT_EQ(slots(r, "2027-02-01T00:00:00Z", 1),
            (std::vector<std::string>{"2027-02-28T17:00:00.000Z"}));
}

TEST(RecurrenceTest, MonthlyOnADayOfTheMonth) {
  const auto r = rule("monthly", {{"time", "08:00"}, {"day_of_month", 1}});
  // A slot exactly at `after` is not after it: the next month's is.
  EXPECT_EQ(slots(r, "2027-03-01T13:00:00Z", 2),
            (std::vector<std::string>{"2027-04-01T12:00:00.000Z", "2027-05-01T12:00:00.000Z"}));
}

TEST(RecurrenceTest, ZonesEastOfUtc) {
  const auto r = rule("daily", {{"time", "00:15"}, {"timezone", "Asia/Tokyo"}});
  EXPECT_EQ(slots(r, "2027-06-01T15:00:00Z", 2),
            (std::vector<std::string>{"2027-06-01T15:15:00.000Z", "2027-06-02T15:15:00.000Z"}));
}

TEST(RecurrenceTest, ConfigInNormalForm) {
  const auto weekly = rule("weekly", {{"time", "07:05"}, {"day_of_week", 3}});
  EXPECT_EQ(
      to_config(weekly),
      (Json{{"time", "07:05"}, {"timezone", "America/New_York"}, {"day_of_week", "wednesday"}}));
  const auto monthly = rule("monthly", {{"time", "07:05"}, {"day_of_month", "last"}});
  EXPECT_EQ(to_config(monthly)["day_of_month"], "last");
}

TEST(RecurrenceTest, BadConfigsNameTheirMember) {
  EXPECT_EQ(refused_field("hourly", {{"time", "08:00"}}), "schedule_type");
  EXPECT_EQ(refused_field("daily", "08:00"), "schedule_config");
  EXPECT_EQ(refused_field("daily", Json::object()), "schedule_config.time");
  for (const char* t : {"8:00", "24:00", "08:60", "08-00", "08:00:00", "ab:cd"}) {
    EXPECT_EQ(refused_field("daily", {{"time", t}}), "schedule_config.time") << t;
  }
  EXPECT_EQ(refused_field("weekly", {{"time", "08:00"}}), "schedule_config.day_of_week");
  EXPECT_EQ(refused_field("weekly", {{"time", "08:00"}, {"day_of_week", 0}}),
            "schedule_config.day_of_week");
  EXPECT_EQ(refused_field("weekly", {{"time", "08:00"}, {"day_of_week", "Funday"}}),
            "schedule_config.day_of_week");
  for (const Json& day : {Json(0), Json(29), Json(31), Json("first"), Json(1.5)}) {
    EXPECT_EQ(refused_field("monthly", {{"time", "08:00"}, {"day_of_month", day}}),
              "schedule_config.day_of_month")
        << day;
  }
  EXPECT_EQ(refused_field("daily", {{"time", "08:00"}, {"timezone", "Mars/Base"}}),
            "schedule_config.timezone");
  EXPECT_EQ(refused_field("daily", {{"time", "08:00"}, {"timezone", 5}}),
            "schedule_config.timezone");
}

}  // namespace
}  // namespace dossier::schedule
