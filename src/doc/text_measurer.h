// How layout measures text: an interface, so tests can use a fake and the real engine Pango.
// The layout hands over one paragraph at a time (text + style runs) and gets back lines.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "doc/tree.h"

namespace dossier::doc {

//! A byte range of ParagraphText::text drawn in one style.
struct TextRun {
  uint32_t start = 0;
  uint32_t end = 0;
  const ComputedStyle* style = nullptr;  //!< font, colour, decorations; outlives the shape
  double baseline_shift = 0;             //!< points, positive raises (sup), negative lowers
  //! > 0 for an inline object (image): the run is one U+FFFC whose box is this size, sitting
  //! on the baseline.
  double object_width = 0;
  double object_height = 0;
};

//! One paragraph as the measurer sees it. Line breaks inside are U+2028 (from <br>) or '\n'
//! (preformatted text).
struct ParagraphText {
  std::string text;                      //!< valid UTF-8
  std::vector<TextRun> runs;             //!< cover `text` in order, no gaps
  const ComputedStyle* style = nullptr;  //!< the paragraph's: alignment, indent, white-space
};

struct LineInfo {
  uint32_t start = 0, end = 0;  //!< byte range of the line in the paragraph text
  double width = 0;             //!< advance width of the line's content, points
  double ascent = 0;            //!< above the baseline (natural, before line-height)
  double descent = 0;           //!< below the baseline
  bool rtl = false;             //!< the line's resolved direction is right-to-left
};

//! A shaped, line-broken paragraph. Immutable once built; shared by the display list.
class ShapedText {
 public:
  virtual ~ShapedText() = default;
  virtual int line_count() const = 0;
  virtual const LineInfo& line(int i) const = 0;
  //! The widest line.
  virtual double natural_width() const = 0;
  //! The widest unbreakable piece (a long word): the narrowest width without overflow.
  virtual double min_content_width() const = 0;
  //! Horizontal extents, relative to the line's start, of the bytes [start, end) in line `i`.
  virtual std::vector<std::pair<double, double>> x_ranges(int i, uint32_t start,
                                                          uint32_t end) const = 0;
  //! The text that was shaped (for tests and text extraction).
  virtual const std::string& text() const = 0;
};

//! Vertical metrics of a style's primary font.
struct FontMetrics {
  double ascent = 0;
  double descent = 0;
};

class TextMeasurer {
 public:
  virtual ~TextMeasurer() = default;
  //! Breaks `paragraph` into lines no wider than `width` points (first line: width minus the
  //! paragraph's text-indent); `width` < 0 means no wrapping. Justified paragraphs
  //! (text-align: justify) come back with their lines stretched to `width`.
  virtual std::shared_ptr<const ShapedText> shape(const ParagraphText& paragraph, double width) = 0;
  //! Ascent and descent of the first available font of `style`.
  virtual FontMetrics metrics(const ComputedStyle& style) = 0;
};

}  // namespace dossier::doc
