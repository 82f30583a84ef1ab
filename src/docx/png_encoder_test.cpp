#include "docx/png_encoder.h"

#include <gtest/gtest.h>

#include <cstring>

#include "doc/c_handle.h"

namespace dossier::docx {
namespace {

using Surface = doc::Handle<cairo_surface_t, cairo_surface_destroy>;

struct Reader {
  const std::string* bytes;
  size_t at = 0;
};

cairo_status_t read(void* closure, unsigned char* data, unsigned int length) {
  auto* r = static_cast<Reader*>(closure);
  if (r->at + length > r->bytes->size()) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, r->bytes->data() + r->at, length);
  r->at += length;
  return CAIRO_STATUS_SUCCESS;
}

uint32_t pixel(cairo_surface_t* s, int x, int y) {
  const unsigned char* row = cairo_image_surface_get_data(s) +
                             static_cast<ptrdiff_t>(y) * cairo_image_surface_get_stride(s);
  return reinterpret_cast<const uint32_t*>(row)[x];
}

TEST(PngEncoder, RoundTripsOpaqueTranslucentAndTransparentPixels) {
  Surface s(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 3, 2));
  cairo_surface_flush(s.get());
  auto* px = reinterpret_cast<uint32_t*>(cairo_image_surface_get_data(s.get()));
  const int row = cairo_image_surface_get_stride(s.get()) / 4;
  px[0] = 0xffcc3300;        // opaque orange
  px[1] = 0x80400020;        // half-transparent, premultiplied
  px[2] = 0x00000000;        // transparent
  px[row] = 0xff000000;      // opaque black
  px[row + 1] = 0xffffffff;  // opaque white
  px[row + 2] = 0x01010101;  // nearly transparent grey
  cairo_surface_mark_dirty(s.get());

  auto png = encode_png(s.get());
  ASSERT_TRUE(png.ok());
  ASSERT_EQ(png->substr(1, 3), "PNG");
  Reader reader{&*png};
  Surface decoded(cairo_image_surface_create_from_png_stream(read, &reader));
  ASSERT_EQ(cairo_surface_status(decoded.get()), CAIRO_STATUS_SUCCESS);
  ASSERT_EQ(cairo_image_surface_get_width(decoded.get()), 3);
  ASSERT_EQ(cairo_image_surface_get_height(decoded.get()), 2);
  EXPECT_EQ(pixel(decoded.get(), 0, 0), 0xffcc3300u);
  EXPECT_EQ(pixel(decoded.get(), 1, 0), 0x80400020u);
  EXPECT_EQ(pixel(decoded.get(), 2, 0), 0x00000000u);
  EXPECT_EQ(pixel(decoded.get(), 0, 1), 0xff000000u);
  EXPECT_EQ(pixel(decoded.get(), 1, 1), 0xffffffffu);
  EXPECT_EQ(pixel(decoded.get(), 2, 1), 0x01010101u);
}

TEST(PngEncoder, RejectsASurfaceWithoutPixels) {
  Surface s(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 0, 0));
  EXPECT_FALSE(encode_png(s.get()).ok());
}

}  // namespace
}  // namespace dossier::docx
