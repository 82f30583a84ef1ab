// The real TextMeasurer: Pango shaping (any script, bidi, font fallback via fontconfig).
#pragma once

#include <pango/pango.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "doc/c_handle.h"
#include "doc/text_measurer.h"

namespace dossier::doc {

//! Gives painters access to the Pango line behind a ShapedText from PangoMeasurer.
class PangoShapedText : public ShapedText {
 public:
  //! The line `i` (owned by the shape).
  virtual PangoLayoutLine* pango_line(int i) const = 0;
};

//! A PangoContext at 72 dpi (1 Pango point = 1 PDF unit) with unhinted metrics, so that PDF
//! and PNG output lay out identically, and grayscale antialiasing whatever fontconfig says.
Handle<PangoContext, g_object_unref> new_document_context();

//! One per render: owns a context from new_document_context(). Caches font descriptions and
//! metrics per style. Not thread-safe; shapes it returns may outlive it.
class PangoMeasurer final : public TextMeasurer {
 public:
  PangoMeasurer();
  ~PangoMeasurer() override;
  PangoMeasurer(const PangoMeasurer&) = delete;
  PangoMeasurer& operator=(const PangoMeasurer&) = delete;

  std::shared_ptr<const ShapedText> shape(const ParagraphText& paragraph, double width) override;
  FontMetrics metrics(const ComputedStyle& style) override;

 private:
  using FontDescription = Handle<PangoFontDescription, pango_font_description_free>;
  using AttrList = Handle<PangoAttrList, pango_attr_list_unref>;

  //! Cached description for a style's font (family list, size, weight, italic).
  const PangoFontDescription* font(const ComputedStyle& style);
  void add_run_attributes(PangoAttrList* attrs, const TextRun& run, const ComputedStyle& base);
  std::shared_ptr<const ShapedText> shape_uncached(const ParagraphText& p, double width);
  //! Everything that determines a shape: text, runs' styles, alignment, width.
  std::string shape_key(const ParagraphText& p, double width);

  Handle<PangoContext, g_object_unref> context_;
  std::unordered_map<std::string, FontDescription> fonts_;
  std::unordered_map<std::string, FontMetrics> metrics_;
  //! Paragraphs already shaped in this render (table cells repeat a lot: "Yes", dates…).
  std::unordered_map<std::string, std::shared_ptr<const ShapedText>> shapes_;
  std::string key_;  // scratch buffer for cache keys
};

}  // namespace dossier::doc
