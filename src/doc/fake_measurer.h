// A deterministic TextMeasurer for layout tests: every character is half an em wide, lines
// break greedily at spaces, '\n' forces a break; ascent 0.8 em, descent 0.2 em.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "doc/text_measurer.h"

namespace dossier::doc {

class FakeMeasurer final : public TextMeasurer {
 public:
  std::shared_ptr<const ShapedText> shape(const ParagraphText& paragraph, double width) override;
  FontMetrics metrics(const ComputedStyle& style) override;
  int shape_calls = 0;
};

}  // namespace dossier::doc
