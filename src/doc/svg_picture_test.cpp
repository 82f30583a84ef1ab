#include "doc/svg_picture.h"

#include <gtest/gtest.h>
#include <librsvg/rsvg.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "../../tests/doc/doc_test_support.h"
#include "doc/c_handle.h"
#include "doc/svg_painter.h"

namespace dossier::doc {
namespace {

using Kind = SvgShape::Kind;
using testing::data_dir;
using testing::read_file;

std::string svg(const std::string& body,
                const std::string& root_attrs = R"(width="100" height="50")") {
  return R"(<svg xmlns="http://www.w3.org/2000/svg" )" + root_attrs + ">" + body + "</svg>";
}

TEST(SvgPicture, ReadsSizeAndViewBox) {
  auto p = parse_svg_picture(svg("", R"(width="200px" height="100" viewBox="10 20 400 200")"));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->width_px, 200);
  EXPECT_EQ(p->height_px, 100);
  EXPECT_EQ(p->view_x, 10);
  EXPECT_EQ(p->view_y, 20);
  EXPECT_EQ(p->view_width, 400);
  EXPECT_EQ(p->view_height, 200);

  auto from_box = parse_svg_picture(svg("", R"(viewBox="0 0 30 40")"));
  ASSERT_TRUE(from_box);
  EXPECT_EQ(from_box->width_px, 30);
  EXPECT_EQ(from_box->height_px, 40);

  auto no_box = parse_svg_picture(svg(""));
  ASSERT_TRUE(no_box);
  EXPECT_EQ(no_box->view_width, 100);
  EXPECT_EQ(no_box->view_height, 50);
}

TEST(SvgPicture, ReadsShapesWithInheritedStyle) {
  auto p = parse_svg_picture(svg(R"(<g stroke="#ff0000" stroke-width="2" font-size="9">
      <line x1="1" y1="2" x2="3" y2="4"/>
      <polyline points="0,0 10,5 20 0 7" fill="none" stroke-dasharray="3"/>
      <text x="5" y="6" text-anchor="end" stroke="none">  a
        b  </text>
    </g>
    <circle cx="5" cy="6" r="7" opacity="0.5" fill-opacity="0.5"/>)"));
  ASSERT_TRUE(p);
  ASSERT_EQ(p->shapes.size(), 4u);

  const SvgShape& line = p->shapes[0];
  EXPECT_EQ(line.kind, Kind::kLine);
  EXPECT_EQ(line.coords, (std::vector<double>{1, 2, 3, 4}));
  ASSERT_TRUE(line.style.stroke);
  EXPECT_EQ(*line.style.stroke, (Color{255, 0, 0, 255}));
  EXPECT_EQ(line.style.stroke_width, 2);

  const SvgShape& poly = p->shapes[1];
  EXPECT_EQ(poly.kind, Kind::kPolyline);
  EXPECT_EQ(poly.coords, (std::vector<double>{0, 0, 10, 5, 20, 0}));  // odd coordinate dropped
  EXPECT_FALSE(poly.style.fill);
  EXPECT_EQ(poly.style.dashes, (std::vector<double>{3, 3}));

  const SvgShape& text = p->shapes[2];
  EXPECT_EQ(text.kind, Kind::kText);
  EXPECT_EQ(text.text, "a b");
  EXPECT_EQ(text.style.font_size, 9);
  EXPECT_EQ(text.style.anchor, SvgAnchor::kEnd);
  EXPECT_FALSE(text.style.stroke);

  const SvgShape& circle = p->shapes[3];
  EXPECT_EQ(circle.kind, Kind::kCircle);
  EXPECT_EQ(circle.coords, (std::vector<double>{5, 6, 7}));
  EXPECT_DOUBLE_EQ(circle.style.fill_opacity, 0.5);
  EXPECT_DOUBLE_EQ(circle.style.stroke_opacity, 1);
  EXPECT_DOUBLE_EQ(circle.style.opacity, 0.5);
  ASSERT_TRUE(circle.style.fill);  // black by default
  EXPECT_EQ(*circle.style.fill, (Color{0, 0, 0, 255}));
}

TEST(SvgPicture, ComposesTransformsOfGroupsAndShapes) {
  auto p = parse_svg_picture(svg(
      R"svg(<g transform="translate(10, 20)"><rect width="1" height="1" transform="rotate(90 1 1) scale(2)"/></g>)svg"));
  ASSERT_TRUE(p);
  ASSERT_EQ(p->shapes.size(), 1u);
  // (1, 0) → scale → (2, 0) → rotate 90° about (1, 1) → (2, 2) → translate → (12, 22).
  double x = 1, y = 0;
  cairo_matrix_transform_point(&p->shapes[0].transform, &x, &y);
  EXPECT_NEAR(x, 12, 1e-9);
  EXPECT_NEAR(y, 22, 1e-9);
}

TEST(SvgPicture, DeclinesWhatItDoesNotDraw) {
  const char* outside[] = {
      R"(<path d="M0 0L10 10"/>)",
      R"(<rect width="5" height="5" style="fill:red"/>)",
      R"(<rect width="5" height="5" rx="2"/>)",
      R"(<rect width="50%" height="5"/>)",
      R"(<text x="1" y="2">a<tspan>b</tspan></text>)",
      R"(<text x="1 2 3" y="2">abc</text>)",
      R"(<text x="1" y="2" stroke="red">a</text>)",
      R"(<g opacity="0.5"><rect width="5" height="5"/></g>)",
      R"(<svg width="5" height="5"/>)",
      R"(<use href="#a"/>)",
      R"(<image href="file:///etc/passwd" width="5" height="5"/>)",
      R"svg(<rect width="5" height="5" fill="url(#gradient)"/>)svg",
      R"svg(<rect width="5" height="5" transform="perspective(2)"/>)svg",
      R"(<rect width="5" height="5" stroke-dasharray="1 -2"/>)",
      R"(<rect width="5" height="5" filter="blur"/>)",
      R"(<foreign xmlns="urn:other"/>)",
  };
  for (const char* body : outside) EXPECT_FALSE(parse_svg_picture(svg(body))) << body;

  EXPECT_FALSE(parse_svg_picture(svg("", R"(width="10")")));  // no height, no viewBox
  EXPECT_FALSE(parse_svg_picture(svg("", R"(viewBox="0 0 10 10" preserveAspectRatio="none")")));
  EXPECT_FALSE(parse_svg_picture(R"(<svg width="10" height="10"/>)"));  // not in the SVG namespace
  EXPECT_FALSE(parse_svg_picture(svg("<rect")));                        // malformed
  EXPECT_FALSE(parse_svg_picture(svg("<text>a\xFF</text>")));           // not UTF-8
  EXPECT_FALSE(parse_svg_picture(R"(<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>)" +
                                 svg("<text>&x;</text>")));
}

TEST(SvgPicture, DeclinesPicturesWithTooManyShapes) {
  std::string body;
  for (size_t i = 0; i <= kMaxSvgShapes; ++i) body += "<line/>";
  EXPECT_FALSE(parse_svg_picture(svg(body)));
}

// The picture as librsvg draws it and as SvgPainter draws it, on white, `scale` px per unit.
using Surface = Handle<cairo_surface_t, cairo_surface_destroy>;
using Cairo = Handle<cairo_t, cairo_destroy>;

Surface white_surface(int w, int h) {
  Surface s(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h));
  Cairo cr(cairo_create(s.get()));
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  return s;
}

Surface draw_with_librsvg(const std::string& xml, int w, int h) {
  Surface s = white_surface(w, h);
  Handle<RsvgHandle, g_object_unref> handle(
      rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(xml.data()), xml.size(), nullptr));
  EXPECT_TRUE(handle);
  rsvg_handle_set_dpi(handle.get(), 96);
  Cairo cr(cairo_create(s.get()));
  RsvgRectangle viewport{0, 0, static_cast<double>(w), static_cast<double>(h)};
  EXPECT_TRUE(rsvg_handle_render_document(handle.get(), cr.get(), &viewport, nullptr));
  return s;
}

Surface draw_natively(const SvgPicture& picture, int w, int h) {
  Surface s = white_surface(w, h);
  Cairo cr(cairo_create(s.get()));
  SvgPainter().draw(cr.get(), picture, 0, 0, w, h);
  return s;
}

// Fraction of pixels whose 4×4 neighbourhood average differs by more than 48 in a channel:
// antialiasing and subpixel glyph positions may differ, shapes, colours and places may not.
double differing_fraction(cairo_surface_t* a, cairo_surface_t* b) {
  cairo_surface_flush(a);
  cairo_surface_flush(b);
  const int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
  const int stride = cairo_image_surface_get_stride(a);
  const unsigned char* pa = cairo_image_surface_get_data(a);
  const unsigned char* pb = cairo_image_surface_get_data(b);
  int bad = 0, blocks = 0;
  for (int by = 0; by + 4 <= h; by += 4) {
    for (int bx = 0; bx + 4 <= w; bx += 4, ++blocks) {
      int sum[4] = {0, 0, 0, 0};
      for (int y = by; y < by + 4; ++y) {
        for (int x = bx; x < bx + 4; ++x) {
          for (int c = 0; c < 4; ++c)
            sum[c] += pa[y * stride + x * 4 + c] - pb[y * stride + x * 4 + c];
        }
      }
      bool differs = false;
      for (int c = 0; c < 4; ++c) differs = differs || std::abs(sum[c]) / 16 > 48;
      bad += differs ? 1 : 0;
    }
  }
  return static_cast<double>(bad) / blocks;
}

void expect_same_picture_as_librsvg(const std::string& file) {
  const std::string xml = read_file(data_dir() + "/svg/" + file);
  auto picture = parse_svg_picture(xml);
  ASSERT_TRUE(picture) << file << " should stay inside the native subset";
  const int w = static_cast<int>(picture->width_px * 2),
            h = static_cast<int>(picture->height_px * 2);
  Surface reference = draw_with_librsvg(xml, w, h);
  Surface native = draw_natively(*picture, w, h);
  const double bad = differing_fraction(reference.get(), native.get());
  if (bad > 0.01) {
    const std::string base = data_dir() + "/svg/" + file;
    cairo_surface_write_to_png(reference.get(), (base + "-librsvg-FAILED.png").c_str());
    cairo_surface_write_to_png(native.get(), (base + "-native-FAILED.png").c_str());
  }
  EXPECT_LE(bad, 0.01) << file << ": differing 4x4 blocks";
}

TEST(SvgPainter, DrawsAChartAsLibrsvgDoes) {
  expect_same_picture_as_librsvg("goal_chart.svg");
}

TEST(SvgPainter, DrawsEverySubsetFeatureAsLibrsvgDoes) {
  expect_same_picture_as_librsvg("shapes.svg");
}

TEST(SvgPainter, ComparisonNoticesAMissingShape) {
  const std::string xml = read_file(data_dir() + "/svg/shapes.svg");
  auto picture = parse_svg_picture(xml);
  ASSERT_TRUE(picture);
  auto circle = std::find_if(picture->shapes.begin(), picture->shapes.end(),
                             [](const SvgShape& s) { return s.kind == Kind::kCircle; });
  ASSERT_NE(circle, picture->shapes.end());
  picture->shapes.erase(circle);
  const int w = static_cast<int>(picture->width_px * 2),
            h = static_cast<int>(picture->height_px * 2);
  EXPECT_GT(
      differing_fraction(draw_with_librsvg(xml, w, h).get(), draw_natively(*picture, w, h).get()),
      0.01);
}

TEST(SvgPainter, FitsTheViewBoxIntoTheTargetRectangle) {
  // A 10×10 red square filling its viewBox, drawn into a 40×20 area: centred, 20×20.
  auto picture = parse_svg_picture(svg(R"(<rect width="10" height="10" fill="red"/>)",
                                       R"(width="10" height="10" viewBox="0 0 10 10")"));
  ASSERT_TRUE(picture);
  Surface s = draw_natively(*picture, 40, 20);
  cairo_surface_flush(s.get());
  const auto* px = reinterpret_cast<const uint32_t*>(cairo_image_surface_get_data(s.get()));
  const int row = cairo_image_surface_get_stride(s.get()) / 4;
  EXPECT_EQ(px[10 * row + 5], 0xffffffffu);   // left margin stays white
  EXPECT_EQ(px[10 * row + 20], 0xffff0000u);  // centre is red
  EXPECT_EQ(px[10 * row + 35], 0xffffffffu);  // right margin stays white
}

}  // namespace
}  // namespace dossier::doc
