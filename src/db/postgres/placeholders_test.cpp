#include "db/postgres/placeholders.h"

#include <gtest/gtest.h>

namespace dossier::db::postgres {
namespace {

TEST(PlaceholdersTest, NumbersEachMarkInOrder) {
  EXPECT_EQ(numbered_placeholders("SELECT * FROM t WHERE a = ? AND b IN (?, ?)"),
            "SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)");
  EXPECT_EQ(numbered_placeholders("SELECT 1"), "SELECT 1");
}

TEST(PlaceholdersTest, LeavesLiteralsIdentifiersAndCommentsAlone) {
  EXPECT_EQ(numbered_placeholders("SELECT '?', 'it''s ?', \"a?b\" FROM t WHERE x = ?"),
            "SELECT '?', 'it''s ?', \"a?b\" FROM t WHERE x = $1");
  EXPECT_EQ(numbered_placeholders("-- why?\nSELECT ? -- really?\n, ?"),
            "-- why?\nSELECT $1 -- really?\n, $2");
}

TEST(PlaceholdersTest, AnUnterminatedLiteralIsCopiedAsIs) {
  EXPECT_EQ(numbered_placeholders("SELECT 'open ?"), "SELECT 'open ?");
}

}  // namespace
}  // namespace dossier::db::postgres
