// libFuzzer target: arbitrary bytes as an HTML template (with CSS) through the parser, the
// cascade, the tree builder and the layout engine (with the fake measurer, to stay fast).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "doc/fake_measurer.h"
#include "doc/layout.h"
#include "doc/render.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  auto doc = dossier::doc::build_document(html, dossier::doc::RenderOptions{});
  if (!doc.ok()) return 0;
  dossier::doc::FakeMeasurer measurer;
  const auto layout = dossier::doc::layout_document(*doc, measurer);
  return layout.pages.empty() ? 1 : 0;
}
