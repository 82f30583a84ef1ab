// Renders an HTML file to PDF repeatedly and reports the time per page.
// Usage: dossier_doc_bench <file.html> [iterations=20] [out.pdf]
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>

#include "doc/render.h"

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
  return 0;
}
