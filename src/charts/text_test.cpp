#include "charts/text.h"

#include <gtest/gtest.h>

#include "charts/svg_writer.h"

namespace dossier::charts {
namespace {

TEST(ChartTextTest, WidthGrowsWithTextAndWideScripts) {
  EXPECT_EQ(text_width("", 10), 0);
  EXPECT_GT(text_width("Moderately severe", 10), text_width("Mild", 10));
  EXPECT_NEAR(text_width("漢字", 10), 20, 0.01);
  EXPECT_NEAR(text_width("e\xCC\x81", 10), text_width("e", 10), 0.01);  // combining acute
}

TEST(ChartTextTest, FitsTextWithEllipsis) {
  EXPECT_EQ(fit_text("Mild", 10, 100), "Mild");
  const std::string fitted = fit_text("A very long goal description indeed", 10, 60);
  EXPECT_TRUE(fitted.ends_with("…"));
  EXPECT_LE(text_width(fitted, 10), 60);
  EXPECT_EQ(fit_text("漢字漢字漢字", 10, 35), "漢字…");
}

TEST(ChartNumberTest, PrintsWithoutTrailingZeros) {
  EXPECT_EQ(format_number(12), "12");
  EXPECT_EQ(format_number(3.5), "3.5");
  EXPECT_EQ(format_number(0.1 + 0.2), "0.3");
  EXPECT_EQ(format_number(-0.25), "-0.25");
  EXPECT_EQ(format_number(-0.0001), "0");
  EXPECT_EQ(format_number(2.999), "3");
  EXPECT_EQ(format_number(1.23456, 4), "1.2346");
  EXPECT_EQ(format_number(100), "100");
  EXPECT_EQ(format_number(1.0 / 0.0), "0");
  EXPECT_EQ(format_number(1e300), "1000000000000");
}

TEST(ChartColorTest, AcceptsOnlyPlainColours) {
  EXPECT_EQ(safe_color("#1f4e79", "x"), "#1f4e79");
  EXPECT_EQ(safe_color("#abc", "x"), "#abc");
  EXPECT_EQ(safe_color("steelblue", "x"), "steelblue");
  EXPECT_EQ(safe_color("rgb(10, 20, 30)", "x"), "rgb(10, 20, 30)");
  EXPECT_EQ(safe_color("url(http://example.com/p.svg#x)", "x"), "x");
  EXPECT_EQ(safe_color("red\" onload=\"alert(1)", "x"), "x");
  EXPECT_EQ(safe_color("", "x"), "x");
  EXPECT_EQ(safe_color("#12345g", "x"), "x");
}

TEST(SvgWriterTest, ClosesEmptyAndNestedElements) {
  SvgWriter w(64);
  w.open("g").attr("fill", "a&b").open("rect").attr("x", 1.5).close();
  w.open("text").text("<hi>").close().close();
  EXPECT_EQ(w.take(), "<g fill=\"a&amp;b\"><rect x=\"1.5\"/><text>&lt;hi&gt;</text></g>");
}

}  // namespace
}  // namespace dossier::charts
