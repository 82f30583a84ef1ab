#include "doc_test_support.h"

#include <cairo.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#ifndef DOSSIER_DOC_TEST_DIR
#error "DOSSIER_DOC_TEST_DIR must name tests/doc"
#endif

namespace dossier::doc::testing {

std::string data_dir() {
  return DOSSIER_DOC_TEST_DIR;
}

std::string pdf_text(const std::string& pdf) {
  TempDir dir;
  const std::string path = dir.write("in.pdf", pdf);
  run("pdftotext -layout '" + path + "' '" + dir.path() + "/out.txt'");
  return read_file(dir.path() + "/out.txt");
}

std::string pdf_info(const std::string& pdf) {
  TempDir dir;
  return run("pdfinfo '" + dir.write("in.pdf", pdf) + "'").output;
}

int pdf_page_count(const std::string& pdf) {
  const std::string info = pdf_info(pdf);
  const size_t at = info.find("Pages:");
  if (at == std::string::npos) return -1;
  return std::atoi(info.c_str() + at + 6);
}

namespace {

struct Reader {
  const std::string& data;
  size_t pos = 0;
};

cairo_status_t read_chunk(void* closure, unsigned char* out, unsigned int length) {
  auto* r = static_cast<Reader*>(closure);
  if (r->pos + length > r->data.size()) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(out, r->data.data() + r->pos, length);
  r->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Pixels decode_png(const std::string& png) {
  Pixels p;
  Reader reader{png};
  cairo_surface_t* s = cairo_image_surface_create_from_png_stream(read_chunk, &reader);
  if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
    cairo_surface_flush(s);
    p.width = cairo_image_surface_get_width(s);
    p.height = cairo_image_surface_get_height(s);
    const int stride = cairo_image_surface_get_stride(s);
    const unsigned char* data = cairo_image_surface_get_data(s);
    const bool opaque = cairo_image_surface_get_format(s) == CAIRO_FORMAT_RGB24;
    for (int y = 0; y < p.height; ++y) {
      const auto* row =
          reinterpret_cast<const uint32_t*>(data + static_cast<ptrdiff_t>(y) * stride);
      for (int x = 0; x < p.width; ++x) p.argb.push_back(opaque ? (row[x] | 0xFF000000u) : row[x]);
    }
  }
  cairo_surface_destroy(s);
  return p;
}

std::string compare_with_golden_in(const std::string& golden_dir, const std::string& name,
                                   const std::string& png, int tolerance, double max_bad_fraction) {
  const std::string golden = golden_dir + "/" + name + ".png";
  const std::string failed = golden_dir + "/" + name + "-FAILED.png";
  const char* update = std::getenv("DOSSIER_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::filesystem::create_directories(golden_dir);
    std::ofstream(golden, std::ios::binary) << png;
    std::filesystem::remove(failed);
    return "";
  }
  const Pixels want = decode_png(read_file(golden));
  const Pixels got = decode_png(png);
  std::string problem;
  if (want.argb.empty()) {
    problem = "missing golden " + golden + " (run with DOSSIER_UPDATE_GOLDEN=1)";
  } else if (want.width != got.width || want.height != got.height) {
    problem = "size differs from " + golden;
  } else {
    size_t bad = 0;
    for (size_t i = 0; i < want.argb.size(); ++i) {
      for (int shift = 0; shift < 32; shift += 8) {
        const int a = static_cast<int>((want.argb[i] >> shift) & 0xFF);
        const int b = static_cast<int>((got.argb[i] >> shift) & 0xFF);
        if (std::abs(a - b) > tolerance) {
          ++bad;
          break;
        }
      }
    }
    if (static_cast<double>(bad) > max_bad_fraction * static_cast<double>(want.argb.size())) {
      problem = std::to_string(bad) + " pixels differ from " + golden;
    }
  }
  if (problem.empty()) {
    std::filesystem::remove(failed);
  } else {
    std::ofstream(failed, std::ios::binary) << png;
    problem += "; wrote " + failed;
  }
  return problem;
}

std::string compare_with_golden(const std::string& name, const std::string& png, int tolerance,
                                double max_bad_fraction) {
  return compare_with_golden_in(data_dir() + "/golden", name, png, tolerance, max_bad_fraction);
}

}  // namespace dossier::doc::testing
