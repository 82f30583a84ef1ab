#include "core/ids.h"

#include <gtest/gtest.h>

namespace dossier {
namespace {

TEST(IdsTest, NewUuidsAreVersion7AndOrdered) {
  const std::string a = new_uuid();
  const std::string b = new_uuid();
  EXPECT_TRUE(is_uuid(a));
  EXPECT_EQ(a[14], '7');
  EXPECT_NE(a, b);
  EXPECT_LE(a.substr(0, 13), b.substr(0, 13));
}

TEST(IdsTest, IdsMadeInOneMillisecondKeepCreationOrder) {
  std::string previous = new_uuid();
  for (int i = 0; i < 10000; ++i) {
    std::string next = new_uuid();
    ASSERT_LT(previous, next);
    previous = std::move(next);
  }
}

TEST(IdsTest, RejectsMalformed) {
  EXPECT_FALSE(is_uuid("not-a-uuid"));
  EXPECT_FALSE(is_uuid("0190f0e2-7c1a-7abc-8def-0123456789aZ"));
  EXPECT_TRUE(is_uuid("0190f0e2-7c1a-7abc-8def-0123456789ab"));
}

}  // namespace
}  // namespace dossier
