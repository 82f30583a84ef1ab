#include "charts/line_chart.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <regex>

#include "charts/chart_test_support.h"

namespace dossier::charts {
namespace {

using testing::attr;
using testing::num;
using testing::parse_points;
using testing::Svg;

Series scores(std::string label, std::vector<Point> points, std::string color = "") {
  return Series{std::move(label), std::move(points), std::move(color)};
}

LineChart basic_chart() {
  LineChart c;
  c.title = "Weekly mood";
  c.y_label = "Mood (0–10)";
  c.y_min = 0;
  c.y_max = 10;
  c.series.push_back(scores(
      "Mood", {{"2026-01-05", 3}, {"2026-01-19", 4.5}, {"2026-02-02", 6}, {"2026-03-30", 7.25}}));
  return c;
}

// The framed plot area: the only rect without a fill.
struct Plot {
  double left, top, width, height;
};
Plot plot_of(const Svg& svg) {
  auto frames = svg.all("//s:rect[@fill='none']");
  EXPECT_EQ(frames.size(), 1u);
  if (frames.empty()) return {};
  return {num(frames[0], "x"), num(frames[0], "y"), num(frames[0], "width"),
          num(frames[0], "height")};
}

TEST(LineChartTest, IsStandaloneSvgWithSizeAndViewBox) {
  const std::string text = render_svg(basic_chart());
  Svg svg(text);
  ASSERT_TRUE(svg.ok()) << svg.error();
  xmlNode* root = svg.root();
  EXPECT_STREQ(reinterpret_cast<const char*>(root->name), "svg");
  ASSERT_NE(root->ns, nullptr);
  EXPECT_STREQ(reinterpret_cast<const char*>(root->ns->href), "http://www.w3.org/2000/svg");
  EXPECT_EQ(attr(root, "version"), "1.1");
  EXPECT_EQ(attr(root, "width"), "640");
  EXPECT_EQ(attr(root, "height"), "280");
  EXPECT_EQ(attr(root, "viewBox"), "0 0 640 280");
  EXPECT_EQ(attr(root, "font-family"), "Liberation Sans, DejaVu Sans, sans-serif");
  EXPECT_TRUE(text.starts_with("<svg "));  // no XML declaration: it is embedded in HTML
}

TEST(LineChartTest, SelfContainedWithoutStylesheetsScriptsOrReferences) {
  LineChart c = basic_chart();
  c.series[0].color = "url(http://example.com/x.svg#p)";
  c.bands.push_back({0, 5, "Low", "url(#p)"});
  const std::string text = render_svg(c);
  for (const char* banned : {"href", "url(", "<script", "class=", "style=", "<style",
                             "id=", "<image", "<foreignObject", "<?xml", "http://example"}) {
    EXPECT_EQ(text.find(banned), std::string::npos) << banned;
  }
}

TEST(LineChartTest, OneMarkerPerPointAndLineInDateOrder) {
  LineChart c = basic_chart();
  // Out of order on input: drawn in date order.
  std::swap(c.series[0].points[0], c.series[0].points[3]);
  Svg svg(render_svg(c));
  ASSERT_TRUE(svg.ok());
  EXPECT_EQ(svg.count("//s:circle"), 4u);
  auto lines = svg.all("//s:polyline");
  ASSERT_EQ(lines.size(), 1u);
  const auto pts = parse_points(attr(lines[0], "points"));
  ASSERT_EQ(pts.size(), 4u);
  for (size_t i = 1; i < pts.size(); ++i) EXPECT_GT(pts[i].first, pts[i - 1].first);
  EXPECT_LT(pts[3].second, pts[0].second);  // higher values are higher up
}

TEST(LineChartTest, TimeAxisFollowsCalendarDaysNotIndex) {
  Svg svg(render_svg(basic_chart()));
  const auto pts = parse_points(attr(svg.all("//s:polyline")[0], "points"));
  // 14, 14 and 56 days apart.
  const double a = pts[1].first - pts[0].first, b = pts[2].first - pts[1].first;
  const double c = pts[3].first - pts[2].first;
  EXPECT_NEAR(a, b, 0.02);
  EXPECT_NEAR(c, 4 * a, 0.05);
}

TEST(LineChartTest, MonthTicksWithYearOnFirst) {
  Svg svg(render_svg(basic_chart()));
  const auto texts = svg.texts("//s:text");
  auto has = [&](const std::string& t) {
    return std::find(texts.begin(), texts.end(), t) != texts.end();
  };
  EXPECT_TRUE(has("Jan"));
  EXPECT_TRUE(has("Feb"));
  EXPECT_TRUE(has("Apr"));
  EXPECT_TRUE(has("2026"));
}

TEST(LineChartTest, MonthLabelsDoNotOverlapOverLongSpans) {
  LineChart c = basic_chart();
  c.width_px = 400;
  c.series[0].points = {{"2022-01-15", 3}, {"2023-06-01", 5}, {"2025-12-20", 8}};
  Svg svg(render_svg(c));
  const Plot plot = plot_of(svg);
  std::vector<double> xs;
  for (xmlNode* t : svg.all("//s:text[@y]")) {
    if (num(t, "y") > plot.top + plot.height + 10 && num(t, "y") < plot.top + plot.height + 20) {
      xs.push_back(num(t, "x"));
    }
  }
  ASSERT_GE(xs.size(), 2u);
  for (size_t i = 1; i < xs.size(); ++i) EXPECT_GE(xs[i] - xs[i - 1], 30);
}

TEST(LineChartTest, ValueTicksAreNiceNumbersWithGridLines) {
  Svg svg(render_svg(basic_chart()));
  const Plot plot = plot_of(svg);
  const auto labels = svg.texts("//s:g[@text-anchor='end']/s:text");
  EXPECT_EQ(labels, (std::vector<std::string>{"0", "2", "4", "6", "8", "10"}));
  auto grid = svg.all("//s:g[@stroke='#d5dae1']/s:line");
  ASSERT_EQ(grid.size(), 6u);
  EXPECT_NEAR(num(grid[0], "y1"), plot.top + plot.height, 0.01);
  EXPECT_NEAR(num(grid[5], "y1"), plot.top, 0.01);
}

TEST(LineChartTest, LegendOnlyWithSeveralSeries) {
  LineChart one = basic_chart();
  Svg single(render_svg(one));
  EXPECT_EQ(single.texts("//s:text[.='Mood']").size(), 0u);

  LineChart two = basic_chart();
  two.series.push_back(scores("Sleep", {{"2026-01-10", 5}, {"2026-02-10", 6}}));
  Svg svg(render_svg(two));
  EXPECT_EQ(svg.count("//s:text[.='Mood']"), 1u);
  EXPECT_EQ(svg.count("//s:text[.='Sleep']"), 1u);
  EXPECT_EQ(svg.count("//s:circle"), 6u);
  EXPECT_EQ(svg.count("//s:polyline"), 2u);
  // Swatches use each series' colour (the palette when none is given).
  EXPECT_EQ(svg.count("//s:line[@stroke='#1f4e79' and @stroke-width='2.5']"), 1u);
  EXPECT_EQ(svg.count("//s:line[@stroke='#c2410c' and @stroke-width='2.5']"), 1u);
}

TEST(LineChartTest, ReferenceLinesDashedAndLabelled) {
  LineChart c = basic_chart();
  c.references.push_back({8, "Baseline: 8", "#6b7280"});
  c.references.push_back({2, "Target: 2", "#047857", true});
  c.references.push_back({5, "Norm", "#000000", false});
  Svg svg(render_svg(c));
  const Plot plot = plot_of(svg);
  auto dashed = svg.all("//s:line[@stroke-dasharray]");
  ASSERT_EQ(dashed.size(), 2u);
  EXPECT_EQ(attr(dashed[0], "stroke-dasharray"), "6 4");
  EXPECT_NEAR(num(dashed[0], "y1"), plot.top + plot.height * 0.2, 0.01);
  EXPECT_NEAR(num(dashed[0], "x1"), plot.left, 0.01);
  EXPECT_NEAR(num(dashed[0], "x2"), plot.left + plot.width, 0.01);
  EXPECT_EQ(svg.count("//s:text[.='Baseline: 8']"), 1u);
  EXPECT_EQ(svg.count("//s:text[.='Target: 2' and @fill='#047857']"), 1u);
  EXPECT_EQ(svg.count("//s:line[@stroke='#000000' and not(@stroke-dasharray)]"), 1u);
}

TEST(LineChartTest, BandsAreShadedRowsOfThePlot) {
  LineChart c = basic_chart();
  c.bands = {{0, 4, "Low", "#e2f1e5"}, {4, 7, "Mid", "#fcf2d4"}, {7, 12, "High", "#f8d7d7"}};
  Svg svg(render_svg(c));
  const Plot plot = plot_of(svg);
  auto rects = svg.all("//s:g[@stroke='none']/s:rect");
  ASSERT_EQ(rects.size(), 3u);
  // "High" is clipped to the axis maximum of 10.
  EXPECT_NEAR(num(rects[2], "y"), plot.top, 0.01);
  EXPECT_NEAR(num(rects[2], "height"), plot.height * 0.3, 0.01);
  EXPECT_NEAR(num(rects[0], "y"), plot.top + plot.height * 0.6, 0.01);
  EXPECT_EQ(svg.count("//s:text[.='Low']"), 1u);
}

TEST(LineChartTest, EscapesEveryText) {
  LineChart c = basic_chart();
  c.title = "Tom & Jerry <x>";
  c.y_label = "\"quoted\" & 'single'";
  c.series[0].label = "Series <b>";
  c.series.push_back(scores("Ωμέγα & 漢字", {{"2026-02-01", 2}}));
  c.bands.push_back({0, 3, "a<b", "#eeeeee"});
  c.references.push_back({9, "x&y", "#333333"});
  const std::string text = render_svg(c);
  Svg svg(text);
  ASSERT_TRUE(svg.ok()) << svg.error();
  EXPECT_EQ(svg.count("//s:text[.='Tom & Jerry <x>']"), 1u);
  EXPECT_EQ(svg.count("//s:text[.='Series <b>']"), 1u);
  EXPECT_EQ(svg.count("//s:text[.='Ωμέγα & 漢字']"), 1u);
  EXPECT_EQ(svg.count("//s:text[.='a<b']"), 1u);
  EXPECT_EQ(svg.count("//s:text[.='x&y']"), 1u);
  EXPECT_NE(text.find("Tom &amp; Jerry &lt;x&gt;"), std::string::npos);
}

TEST(LineChartTest, BrokenTextStillGivesWellFormedXml) {
  LineChart c = basic_chart();
  static constexpr char kBroken[] =
      "bad \xFF\xFE"
      " bytes \x01 and \0 nul";
  c.title = std::string(kBroken, sizeof kBroken - 1);
  c.series[0].label = "\xE2\x82";  // truncated
  c.series.push_back(scores("]]> <!-- -->", {{"2026-01-01", 1}}));
  Svg svg(render_svg(c));
  EXPECT_TRUE(svg.ok()) << svg.error();
}

TEST(LineChartTest, EmptyStateMessage) {
  LineChart c = basic_chart();
  c.series[0].points.clear();
  Svg svg(render_svg(c));
  ASSERT_TRUE(svg.ok());
  EXPECT_EQ(svg.count("//s:text[.='No measurements in this period']"), 1u);
  EXPECT_EQ(svg.count("//s:circle"), 0u);
  EXPECT_EQ(svg.count("//s:polyline"), 0u);

  LineChart none;
  none.title = "Nothing";
  Svg bare(render_svg(none));
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare.count("//s:text[.='No measurements in this period']"), 1u);
}

TEST(LineChartTest, EmptyStateKeepsReportPeriodAxis) {
  LineChart c = basic_chart();
  c.series[0].points.clear();
  c.date_from = "2026-01-01";
  c.date_to = "2026-03-31";
  Svg svg(render_svg(c));
  EXPECT_EQ(svg.count("//s:text[.='Jan']"), 1u);
  EXPECT_EQ(svg.count("//s:text[.='Mar']"), 1u);
}

TEST(LineChartTest, SinglePointRenders) {
  LineChart c = basic_chart();
  c.series[0].points = {{"2026-01-15", 5}};
  Svg svg(render_svg(c));
  ASSERT_TRUE(svg.ok());
  EXPECT_EQ(svg.count("//s:circle"), 1u);
  EXPECT_EQ(svg.count("//s:polyline"), 0u);
  const Plot plot = plot_of(svg);
  xmlNode* dot = svg.all("//s:circle")[0];
  EXPECT_GT(num(dot, "cx"), plot.left);
  EXPECT_LT(num(dot, "cx"), plot.left + plot.width);
  EXPECT_NEAR(num(dot, "cy"), plot.top + plot.height / 2, 0.01);
  EXPECT_EQ(svg.count("//s:text[.='No measurements in this period']"), 0u);
}

TEST(LineChartTest, SkipsUnusablePointsAndWidensRange) {
  LineChart c = basic_chart();
  c.series[0].points.push_back({"2026-02-30", 5});
  c.series[0].points.push_back({"2026-02-10", std::nan("")});
  c.series[0].points.push_back({"2026-02-12", 14});  // above y_max 10
  Svg svg(render_svg(c));
  EXPECT_EQ(svg.count("//s:circle"), 5u);
  const Plot plot = plot_of(svg);
  for (xmlNode* dot : svg.all("//s:circle")) {
    EXPECT_GE(num(dot, "cy"), plot.top - 0.01);
    EXPECT_LE(num(dot, "cy"), plot.top + plot.height + 0.01);
  }
}

TEST(LineChartTest, DerivesRangeWhenNoneGiven) {
  LineChart c = basic_chart();
  c.y_min = c.y_max = 0;
  Svg svg(render_svg(c));
  ASSERT_TRUE(svg.ok());
  EXPECT_EQ(svg.count("//s:circle"), 4u);
  EXPECT_EQ(svg.count("//s:text[.='0']"), 1u);
}

TEST(LineChartTest, NumbersHaveNoTrailingZeros) {
  const std::string text = render_svg(basic_chart());
  EXPECT_FALSE(std::regex_search(text, std::regex(R"(\d\.\d*0[" ,)])"))) << text;
  EXPECT_FALSE(std::regex_search(text, std::regex(R"(\.[" ,)])")));
  EXPECT_EQ(text.find("-0\""), std::string::npos);
}

TEST(LineChartTest, Deterministic) {
  EXPECT_EQ(render_svg(basic_chart()), render_svg(basic_chart()));
}

TEST(LineChartTest, ClampsSize) {
  LineChart c = basic_chart();
  c.width_px = 10;
  c.height_px = 1e9;
  Svg svg(render_svg(c));
  EXPECT_EQ(attr(svg.root(), "width"), "200");
  EXPECT_EQ(attr(svg.root(), "height"), "1200");
}

TEST(LineChartTest, LongTextIsShortenedToFit) {
  LineChart c = basic_chart();
  c.width_px = 300;
  c.title = std::string(200, 'W');
  Svg svg(render_svg(c));
  const auto titles = svg.texts("//s:text[@font-weight='bold']");
  ASSERT_EQ(titles.size(), 1u);
  EXPECT_TRUE(titles[0].ends_with("…"));
  EXPECT_LT(titles[0].size(), 40u);
}

TEST(LineChartTest, SurvivesTheHtmlParser) {
  LineChart c = basic_chart();
  c.series.push_back(scores("Sleep", {{"2026-01-10", 5}, {"2026-02-10", 6}}));
  c.references.push_back({8, "Target", "#047857"});
  c.bands.push_back({0, 4, "Low", "#e2f1e5"});
  const std::string text = render_svg(c);
  Svg svg(text);
  EXPECT_EQ(testing::html_embedded_element_count(text), static_cast<int>(svg.count("//*")));
}

}  // namespace
}  // namespace dossier::charts
