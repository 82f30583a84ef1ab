// The completeness check: every missing item named, none invented.
#include "claims/claim_check.h"

#include <gtest/gtest.h>

#include "claims/claim_test_context.h"

namespace dossier::claims {
namespace {

using testing::complete_context;

std::vector<std::string> paths(const Json& ctx, ClaimKind kind) {
  std::vector<std::string> out;
  for (const auto& p : missing_items(ctx, kind)) out.push_back(p.path);
  return out;
}

TEST(ClaimCheckTest, ACompleteContextPasses) {
  EXPECT_TRUE(check_complete(complete_context(), ClaimKind::kPayerClaim).ok());
  EXPECT_TRUE(check_complete(complete_context(), ClaimKind::kSuperbill).ok());
}

TEST(ClaimCheckTest, NamesEveryMissingItem) {
  Json ctx = complete_context();
  ctx["practice"]["npi"] = nullptr;
  ctx["practice"]["tax_id"] = "";
  ctx["coverage"]["member_id"] = nullptr;
  ctx["coverage"]["payer_name"] = nullptr;
  ctx["claim_info"]["diagnosis_codes"] = Json::array();
  auto r = check_complete(ctx, ClaimKind::kPayerClaim);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(paths(ctx, ClaimKind::kPayerClaim),
            (std::vector<std::string>{"practice.npi", "practice.tax_id", "coverage.payer_name",
                                      "coverage.member_id", "diagnoses"}));
}

TEST(ClaimCheckTest, AnNpiMustPassItsCheckDigit) {
  Json ctx = complete_context();
  ctx["claim_info"]["rendering_provider"]["npi"] = "1234567890";
  ctx["service_lines"][1]["rendering_provider"]["npi"] = "1234567890";
  const auto problems = missing_items(ctx, ClaimKind::kPayerClaim);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].path, "rendering_provider.npi");
  EXPECT_NE(problems[0].problem.find("check digit"), std::string::npos);
  EXPECT_EQ(problems[1].path, "service_lines[1].rendering_provider.npi");
}

TEST(ClaimCheckTest, NoCoverageAndNoSessions) {
  Json ctx = complete_context();
  ctx["coverage"] = nullptr;
  ctx["service_lines"] = Json::array();
  EXPECT_EQ(paths(ctx, ClaimKind::kPayerClaim), (std::vector<std::string>{"coverage", "sessions"}));
  // A superbill is for a client who claims alone: coverage is not needed, sessions are.
  EXPECT_EQ(paths(ctx, ClaimKind::kSuperbill), (std::vector<std::string>{"sessions"}));
}

TEST(ClaimCheckTest, ADependentNeedsTheSubscribersName) {
  Json ctx = complete_context();
  ctx["coverage"]["subscriber_relationship"] = "spouse";
  EXPECT_EQ(paths(ctx, ClaimKind::kPayerClaim),
            (std::vector<std::string>{"coverage.subscriber_given_name",
                                      "coverage.subscriber_family_name"}));
}

TEST(ClaimCheckTest, ASuperbillNeedsTheTherapistsLicense) {
  Json ctx = complete_context();
  ctx["claim_info"]["rendering_provider"].erase("license_number");
  EXPECT_EQ(paths(ctx, ClaimKind::kSuperbill),
            (std::vector<std::string>{"rendering_provider.license_number"}));
  EXPECT_TRUE(missing_items(ctx, ClaimKind::kPayerClaim).empty());
}

TEST(ClaimCheckTest, OnlyClaimFormatsAreChecked) {
  EXPECT_EQ(claim_kind_of("x12"), ClaimKind::kPayerClaim);
  EXPECT_EQ(claim_kind_of("cms1500"), ClaimKind::kPayerClaim);
  EXPECT_EQ(claim_kind_of("superbill"), ClaimKind::kSuperbill);
  EXPECT_FALSE(claim_kind_of("json"));
  EXPECT_FALSE(claim_kind_of("pdf"));
}

}  // namespace
}  // namespace dossier::claims
