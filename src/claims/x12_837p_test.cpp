// The 837P writer over a synthetic context: envelopes, counts, the HL tree, diagnosis
// pointers, ICD-10 codes without their dot, amounts.
#include "claims/x12_837p.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "claims/claim_test_context.h"

namespace dossier::claims {
namespace {

using testing::complete_context;

std::vector<std::vector<std::string>> parse(const std::string& text) {
  std::vector<std::vector<std::string>> segments;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    EXPECT_EQ(line.back(), '~') << line;
    line.pop_back();
    std::vector<std::string> elements;
    std::string element;
    std::istringstream parts(line);
    while (std::getline(parts, element, '*')) elements.push_back(element);
    segments.push_back(elements);
  }
  return segments;
}

std::vector<std::vector<std::string>> all(const std::vector<std::vector<std::string>>& segs,
                                          const std::string& id) {
  std::vector<std::vector<std::string>> out;
  for (const auto& s : segs) {
    if (s[0] == id) out.push_back(s);
  }
  return out;
}

std::string write(const Json& ctx, int64_t number = 42) {
  return write_837p(ctx, {number, "2026-01-15T12:00:00.000Z", 'P'});
}

TEST(X12Test, EnvelopesCarryTheControlNumberAndVersion) {
  const auto segs = parse(write(complete_context()));
  ASSERT_GE(segs.size(), 5u);
  EXPECT_EQ(segs[0][0], "ISA");
  EXPECT_EQ(segs[0].size(), 17u);
  EXPECT_EQ(segs[0][6].size(), 15u);
  EXPECT_EQ(segs[0][8].size(), 15u);
  EXPECT_EQ(segs[0][9], "260115");
  EXPECT_EQ(segs[0][12], "00501");
  EXPECT_EQ(segs[0][13], "000000042");
  EXPECT_EQ(segs[0][16], ":");
  EXPECT_EQ(segs[1], (std::vector<std::string>{"GS", "HC", "1245319599", "99999", "20260115",
                                               "1200", "42", "X", "005010X222A1"}));
  EXPECT_EQ(segs[2], (std::vector<std::string>{"ST", "837", "0042", "005010X222A1"}));
  EXPECT_EQ(segs[3][0], "BHT");
  EXPECT_EQ(segs[3][1], "0019");
  EXPECT_EQ(segs[segs.size() - 2], (std::vector<std::string>{"GE", "1", "42"}));
  EXPECT_EQ(segs.back(), (std::vector<std::string>{"IEA", "1", "000000042"}));
}

TEST(X12Test, SeCountsStThroughSeInclusive) {
  const auto segs = parse(write(complete_context()));
  size_t st = 0, se = 0;
  for (size_t i = 0; i < segs.size(); ++i) {
    if (segs[i][0] == "ST") st = i;
    if (segs[i][0] == "SE") se = i;
  }
  EXPECT_EQ(segs[se][1], std::to_string(se - st + 1));
  EXPECT_EQ(segs[se][2], "0042");
}

TEST(X12Test, HierarchyOfBillingProviderAndSubscriber) {
  const auto hl = all(parse(write(complete_context())), "HL");
  ASSERT_EQ(hl.size(), 2u);
  EXPECT_EQ(hl[0], (std::vector<std::string>{"HL", "1", "", "20", "1"}));
  EXPECT_EQ(hl[1], (std::vector<std::string>{"HL", "2", "1", "22", "0"}));
}

TEST(X12Test, ADependentGetsAPatientLoopUnderTheSubscriber) {
  Json ctx = complete_context();
  ctx["coverage"]["subscriber_relationship"] = "child";
  ctx["coverage"]["subscriber_given_name"] = "John";
  ctx["coverage"]["subscriber_family_name"] = "Doe";
  const auto segs = parse(write(ctx));
  const auto hl = all(segs, "HL");
  ASSERT_EQ(hl.size(), 3u);
  EXPECT_EQ(hl[1], (std::vector<std::string>{"HL", "2", "1", "22", "1"}));
  EXPECT_EQ(hl[2], (std::vector<std::string>{"HL", "3", "2", "23", "0"}));
  EXPECT_EQ(all(segs, "PAT")[0][1], "19");
  EXPECT_EQ(all(segs, "SBR")[0][2], "");
  const auto nm1 = all(segs, "NM1");
  const auto qc = std::find_if(nm1.begin(), nm1.end(), [](auto& s) { return s[1] == "QC"; });
  ASSERT_NE(qc, nm1.end());
  EXPECT_EQ((*qc)[3], "DOE");
  EXPECT_EQ((*qc)[4], "JANE");
}

TEST(X12Test, DiagnosesLoseTheirDotPrimaryFirst) {
  const auto hi = all(parse(write(complete_context())), "HI");
  ASSERT_EQ(hi.size(), 1u);
  EXPECT_EQ(hi[0], (std::vector<std::string>{"HI", "ABK:F411", "ABF:F331"}));
  EXPECT_EQ(icd10_without_dot("f43.23"), "F4323");
}

TEST(X12Test, ServiceLinesCarryModifiersPointersAndDates) {
  const auto segs = parse(write(complete_context()));
  const auto sv1 = all(segs, "SV1");
  ASSERT_EQ(sv1.size(), 2u);
  EXPECT_EQ(sv1[0],
            (std::vector<std::string>{"SV1", "HC:90837:95", "150", "UN", "1", "", "", "1:2"}));
  // The second line's place of service differs from the claim's (the first line's).
  EXPECT_EQ(sv1[1],
            (std::vector<std::string>{"SV1", "HC:90834", "120.5", "UN", "1", "11", "", "1:2"}));
  const auto dtp = all(segs, "DTP");
  EXPECT_EQ(dtp[0], (std::vector<std::string>{"DTP", "472", "D8", "20260110"}));
  const auto clm = all(segs, "CLM");
  ASSERT_EQ(clm.size(), 1u);
  EXPECT_EQ(clm[0], (std::vector<std::string>{"CLM", "MRN-0001", "270.5", "", "", "10:B:1", "Y",
                                              "A", "Y", "Y"}));
}

TEST(X12Test, RenderingProviderOnlyWhenNotTheBillingProvider) {
  Json ctx = complete_context();
  auto nm1_82 = [](const std::string& text) { return text.find("NM1*82*") != std::string::npos; };
  EXPECT_TRUE(nm1_82(write(ctx)));
  ctx["practice"]["npi"] = "1234567893";
  EXPECT_FALSE(nm1_82(write(ctx)));
}

TEST(X12Test, ALineOfAnotherTherapistNamesItsRenderingProvider) {
  Json ctx = complete_context();
  ctx["service_lines"][1]["rendering_provider"]["npi"] = "1003000126";
  ctx["service_lines"][1]["rendering_provider"]["family_name"] = "Lee";
  const auto segs = parse(write(ctx));
  std::vector<std::string> after_second_line;
  bool second = false;
  for (const auto& s : segs) {
    if (s[0] == "LX" && s[1] == "2") second = true;
    if (second && s[0] == "NM1") after_second_line = s;
  }
  EXPECT_EQ(after_second_line, (std::vector<std::string>{"NM1", "82", "1", "LEE", "ALEX", "", "",
                                                         "", "XX", "1003000126"}));
}

TEST(X12Test, MoreThanFiftyLinesSplitIntoClaims) {
  Json ctx = complete_context();
  Json lines = Json::array();
  for (int i = 0; i < 51; ++i) lines.push_back(testing::line("2026-01-10", "90834", 100, {}, "11"));
  ctx["service_lines"] = lines;
  const auto segs = parse(write(ctx));
  const auto clm = all(segs, "CLM");
  ASSERT_EQ(clm.size(), 2u);
  EXPECT_EQ(clm[0][1], "MRN-0001-1");
  EXPECT_EQ(clm[0][2], "50");
  EXPECT_EQ(clm[1][2], "1");
  EXPECT_EQ(all(segs, "LX").back()[1], "1");
}

TEST(X12Test, TextIsUpperCaseAsciiWithoutSeparators) {
  Json ctx = complete_context();
  ctx["patient"]["family_name"] = "Núñez*O'Brien~";
  const std::string text = write(ctx);
  EXPECT_NE(text.find("NM1*IL*1*NUNEZ O'BRIEN*JANE****MI*XYZ123456789~"), std::string::npos);
  // Other scripts are transliterated, never dropped into a blank name.
  ctx["patient"]["family_name"] = "Иванова";
  EXPECT_NE(write(ctx).find("NM1*IL*1*IVANOVA*JANE"), std::string::npos);
}

TEST(X12Test, Amounts) {
  EXPECT_EQ(x12_amount(15000), "150");
  EXPECT_EQ(x12_amount(15050), "150.5");
  EXPECT_EQ(x12_amount(15055), "150.55");
  EXPECT_EQ(x12_amount(5), "0.05");
}

}  // namespace
}  // namespace dossier::claims
