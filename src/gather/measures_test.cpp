#include "gather/measures.h"

#include <gtest/gtest.h>

namespace dossier::gather {
namespace {

Json phq9(const std::string& date, int item9, int total = 10) {
  return {{"instrument", "PHQ-9"},
          {"administered_on", date},
          {"item_answers", {1, 1, 1, 1, 1, 1, 1, 1, item9}},
          {"total_score", total},
          {"severity", "moderate"}};
}

Json gad7(const std::string& date) {
  return {{"instrument", "GAD-7"},
          {"administered_on", date},
          {"item_answers", {3, 3, 3, 3, 3, 3, 3}},
          {"total_score", 21},
          {"severity", "severe"}};
}

TEST(RiskScreen, CountsPositiveItem9AnswersAndReportsTheLatest) {
  const Json r =
      risk_screen(Json::array({phq9("2026-01-05", 0), gad7("2026-01-05"), phq9("2026-02-02", 2),
                               phq9("2026-03-02", 1), phq9("2026-04-06", 0)}));
  ASSERT_TRUE(r.is_object());
  EXPECT_EQ(r["administrations"], 4);
  EXPECT_EQ(r["positive_dates"], Json::array({"2026-02-02", "2026-03-02"}));
  EXPECT_EQ(r["latest_date"], "2026-04-06");
  EXPECT_EQ(r["latest_answer"], 0);
  EXPECT_EQ(r["latest_label"], "Not at all");
}

TEST(RiskScreen, LabelsEveryAnswer) {
  const char* labels[] = {"Not at all", "Several days", "More than half the days",
                          "Nearly every day"};
  for (int answer = 0; answer <= 3; ++answer) {
    EXPECT_EQ(risk_screen(Json::array({phq9("2026-01-05", answer)}))["latest_label"],
              labels[answer]);
  }
}

TEST(RiskScreen, NothingScreenedIsNullNotNegative) {
  EXPECT_TRUE(risk_screen(Json::array()).is_null());
  EXPECT_TRUE(risk_screen(Json::array({gad7("2026-01-05")})).is_null());
  Json malformed = phq9("2026-01-05", 0);
  malformed["item_answers"] = Json::array({1, 2});
  EXPECT_TRUE(risk_screen(Json::array({malformed})).is_null());
}

TEST(AssessmentSummary, TrendsFollowTheFiveScoreRule) {
  const Json s = assessment_summary(Json::array(
      {phq9("2026-01-05", 0, 18), phq9("2026-02-02", 0, 15), phq9("2026-03-02", 0, 12)}));
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0]["count"], 3);
  EXPECT_EQ(s[0]["change"], -6);
  EXPECT_EQ(s[0]["trend"], "improving");
}

}  // namespace
}  // namespace dossier::gather
