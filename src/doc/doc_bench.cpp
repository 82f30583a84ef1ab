// Renders an HTML file to PDF repeatedly and reports the time per page.
// Usage: dossier_doc_bench <file.html> [iterations=20] [out.pdf]
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>

#include "doc/html_parser.h"
#include "doc/layout.h"
#include "doc/pango_measurer.h"
#include "doc/pdf_painter.h"
#include "doc/render.h"
#include "doc/tree_builder.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// Where a render's time goes: parse, style, layout (mostly shaping) and painting.
void print_phases(const std::string& html, const dossier::doc::RenderOptions& options,
                  int iterations) {
  using namespace dossier::doc;
  double parse = 0, style = 0, layout = 0, paint = 0;
  for (int i = 0; i < iterations; ++i) {
    const auto t0 = Clock::now();
    auto dom = parse_html(html);
    const auto t1 = Clock::now();
    const Document doc = build_tree(*dom, options);
    const auto t2 = Clock::now();
    PangoMeasurer measurer;
    const LayoutResult laid_out = layout_document(doc, measurer);
    const auto t3 = Clock::now();
    if (!paint_pdf(laid_out, PdfInfo{doc.metadata, "2026-01-01T00:00:00Z"}).ok()) return;
    const auto t4 = Clock::now();
    parse += ms_between(t0, t1);
    style += ms_between(t1, t2);
    layout += ms_between(t2, t3);
    paint += ms_between(t3, t4);
  }
  std::printf("phases ms/render: parse %.3f  style %.3f  layout %.3f  paint %.3f\n",
              parse / iterations, style / iterations, layout / iterations, paint / iterations);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s <file.html> [iterations] [out.pdf]\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string html = buffer.str();
  const int iterations = argc > 2 ? std::stoi(argv[2]) : 20;
  dossier::doc::RenderOptions options;
  auto warm = dossier::doc::render_pdf(html, options);  // fontconfig and font caches
  if (!warm.ok()) {
    std::fprintf(stderr, "render failed: %s\n", warm.error().detail.c_str());
    return 1;
  }
  if (argc > 3) std::ofstream(argv[3], std::ios::binary) << warm->bytes;
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  for (int i = 0; i < iterations; ++i) {
    auto r = dossier::doc::render_pdf(html, options);
    if (!r.ok()) return 1;
  }
  const double cpu_ms = (std::clock() - cpu_start) * 1000.0 / CLOCKS_PER_SEC;
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  // CPU time as well as wall time: on a loaded machine the wall time includes waiting.
  std::printf(
      "pages=%d bytes=%zu  wall %.3f ms/render %.3f ms/page  cpu %.3f ms/render %.3f ms/page\n",
      warm->page_count, warm->bytes.size(), ms / iterations, ms / iterations / warm->page_count,
      cpu_ms / iterations, cpu_ms / iterations / warm->page_count);
  for (const auto& note : warm->notes) std::printf("note: %s\n", note.c_str());
  print_phases(html, options, iterations);
  return 0;
}
