#include "doc/svg_batch.h"

#include <gtest/gtest.h>

namespace dossier::doc {
namespace {

std::vector<SvgShape> shapes(const std::string& body) {
  auto p = parse_svg_picture(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">)" + body + "</svg>");
  EXPECT_TRUE(p);
  return p ? p->shapes : std::vector<SvgShape>();
}

TEST(SvgBatch, DisjointMarkersOfOneStyleShareAPath) {
  const auto s = shapes(R"(<g fill="#1f4e79" stroke="#fff" stroke-width="1.5">
      <circle cx="10" cy="10" r="3.5"/><circle cx="21" cy="12" r="3.5"/>
      <circle cx="32" cy="10" r="3.5"/></g><circle cx="50" cy="10" r="3.5"/>)");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(batch_end(s, 0), 3u);  // the fourth is black, unstroked: another style
  EXPECT_EQ(batch_end(s, 3), 4u);
}

TEST(SvgBatch, OverlappingFilledShapesPaintOneByOne) {
  // Each stroke must stay on top of the previous marker's fill.
  const auto s = shapes(R"(<g fill="red" stroke="blue"><circle cx="10" cy="10" r="5"/>
      <circle cx="16" cy="10" r="5"/><rect x="40" y="0" width="5" height="5"/></g>)");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(batch_end(s, 0), 1u);
  EXPECT_EQ(batch_end(s, 1), 3u);  // a disjoint rectangle of the same style joins
}

TEST(SvgBatch, StrokedLinesShareAPathEvenWhenTheyCross) {
  const auto s = shapes(R"(<g stroke="#999"><line x1="0" y1="0" x2="100" y2="100"/>
      <line x1="0" y1="100" x2="100" y2="0"/><line x1="0" y1="50" x2="100" y2="50"/></g>)");
  EXPECT_EQ(batch_end(s, 0), 3u);
}

TEST(SvgBatch, TranslucencyTextAndTransformsBreakARun) {
  const auto s = shapes(R"svg(<g stroke="#999"><line x1="0" y1="0" x2="1" y2="1"/>
      <line x1="0" y1="5" x2="1" y2="5" stroke-opacity="0.5"/>
      <line x1="0" y1="9" x2="1" y2="9"/><text x="1" y="1" stroke="none">a</text>
      <line x1="0" y1="9" x2="1" y2="9"/><line x1="0" y1="9" x2="1" y2="9" transform="scale(2)"/>
      </g>)svg");
  ASSERT_EQ(s.size(), 6u);
  EXPECT_EQ(batch_end(s, 0), 1u);  // the next is translucent
  EXPECT_EQ(batch_end(s, 1), 2u);  // translucent shapes always paint alone
  EXPECT_EQ(batch_end(s, 2), 3u);  // text ends the run
  EXPECT_EQ(batch_end(s, 3), 4u);  // text paints alone
  EXPECT_EQ(batch_end(s, 4), 5u);  // another transform
}

}  // namespace
}  // namespace dossier::doc
