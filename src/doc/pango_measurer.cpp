#include "doc/pango_measurer.h"

#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace dossier::doc {
namespace {

using LayoutPtr = Handle<PangoLayout, g_object_unref>;
using LayoutIter = Handle<PangoLayoutIter, pango_layout_iter_free>;

double to_pt(int pango_units) {
  return static_cast<double>(pango_units) / PANGO_SCALE;
}
int to_units(double pt) {
  return static_cast<int>(std::lround(pt * PANGO_SCALE));
}

class PangoShape final : public PangoShapedText {
 public:
  PangoShape(LayoutPtr layout, std::string text)
      : layout_(std::move(layout)), text_(std::move(text)) {
    const int n = pango_layout_get_line_count(layout_.get());
    lines_.reserve(static_cast<size_t>(n));
    pango_lines_.reserve(static_cast<size_t>(n));
    offsets_.reserve(static_cast<size_t>(n));
    LayoutIter iter(pango_layout_get_iter(layout_.get()));
    do {
      PangoLayoutLine* line = pango_layout_iter_get_line_readonly(iter.get());
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(iter.get(), nullptr, &logical);
      const int baseline = pango_layout_iter_get_baseline(iter.get());
      LineInfo li;
      li.start = static_cast<uint32_t>(line->start_index);
      li.end = static_cast<uint32_t>(line->start_index + line->length);
      li.width = to_pt(logical.width);
      li.ascent = to_pt(baseline - logical.y);
      li.descent = to_pt(logical.y + logical.height - baseline);
      li.rtl = line->resolved_dir == PANGO_DIRECTION_RTL;
      natural_ = std::max(natural_, li.width);
      lines_.push_back(li);
      pango_lines_.push_back(line);
      offsets_.push_back(logical.x);
    } while (pango_layout_iter_next_line(iter.get()));
  }

  int line_count() const override { return static_cast<int>(lines_.size()); }
  const LineInfo& line(int i) const override { return lines_[static_cast<size_t>(i)]; }
  double natural_width() const override { return natural_; }
  const std::string& text() const override { return text_; }
  PangoLayoutLine* pango_line(int i) const override { return pango_lines_[static_cast<size_t>(i)]; }

  std::vector<std::pair<double, double>> x_ranges(int i, uint32_t start,
                                                  uint32_t end) const override {
    int* ranges = nullptr;
    int n = 0;
    pango_layout_line_get_x_ranges(pango_line(i), static_cast<int>(start), static_cast<int>(end),
                                   &ranges, &n);
    std::vector<std::pair<double, double>> out;
    out.reserve(static_cast<size_t>(n));
    const int offset = offsets_[static_cast<size_t>(i)];
    for (int k = 0; k < n; ++k) {
      out.emplace_back(to_pt(ranges[2 * k] - offset), to_pt(ranges[2 * k + 1] - offset));
    }
    g_free(ranges);
    return out;
  }

  // Widest run of clusters between Pango's own line-break opportunities (UAX #14: no break
  // inside "2024-01-05", a break after "well-" in "well-being"); white space counts as zero.
  double min_content_width() const override {
    if (min_width_ >= 0) return min_width_;
    int n_attrs = 0;
    const PangoLogAttr* attrs = pango_layout_get_log_attrs_readonly(layout_.get(), &n_attrs);
    std::vector<int> char_at(text_.size() + 1, 0);
    int chars = 0;
    for (const char* p = text_.c_str(); *p != '\0'; p = g_utf8_next_char(p), ++chars) {
      char_at[static_cast<size_t>(p - text_.c_str())] = chars;
    }
    char_at[text_.size()] = chars;
    double widest = 0, current = 0;
    LayoutIter iter(pango_layout_get_iter(layout_.get()));
    do {
      const auto index = static_cast<size_t>(pango_layout_iter_get_index(iter.get()));
      const int c = index < char_at.size() ? char_at[index] : chars;
      const PangoLogAttr* a = c < n_attrs ? &attrs[c] : nullptr;
      if (a != nullptr && (a->is_line_break || a->is_mandatory_break)) current = 0;
      if (a == nullptr || !a->is_white) {
        PangoRectangle logical;
        pango_layout_iter_get_cluster_extents(iter.get(), nullptr, &logical);
        current += to_pt(logical.width);
      }
      widest = std::max(widest, current);
    } while (pango_layout_iter_next_cluster(iter.get()));
    min_width_ = widest;
    return widest;
  }

 private:
  LayoutPtr layout_;
  std::string text_;
  std::vector<LineInfo> lines_;
  std::vector<PangoLayoutLine*> pango_lines_;
  std::vector<int> offsets_;  // each line's x in layout coordinates (alignment, indent)
  double natural_ = 0;
  mutable double min_width_ = -1;
};

void append_font_key(std::string& key, const ComputedStyle& s) {
  key.clear();
  key += s.font_family;
  key += '|';
  key += std::to_string(to_units(s.font_size));
  key += '|';
  key += std::to_string(s.font_weight);
  key += s.italic ? "i" : "n";
}

guint16 channel(uint8_t c) {
  return static_cast<guint16>(c * 257);
}

}  // namespace

Handle<PangoContext, g_object_unref> new_document_context() {
  PangoFontMap* map = pango_cairo_font_map_get_default();  // per thread, owned by Pango
  Handle<PangoContext, g_object_unref> context(pango_font_map_create_context(map));
  pango_cairo_context_set_resolution(context.get(), 72);
  Handle<cairo_font_options_t, cairo_font_options_destroy> options(cairo_font_options_create());
  cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
  // Grayscale: a machine whose fontconfig asks for subpixel (RGB) text must not draw
  // different page images (previews, golden tests).
  cairo_font_options_set_antialias(options.get(), CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options(context.get(), options.get());
  pango_context_set_round_glyph_positions(context.get(), FALSE);
  return context;
}

PangoMeasurer::PangoMeasurer() : context_(new_document_context()) {}

PangoMeasurer::~PangoMeasurer() = default;

const PangoFontDescription* PangoMeasurer::font(const ComputedStyle& s) {
  append_font_key(key_, s);
  auto it = fonts_.find(key_);
  if (it != fonts_.end()) return it->second.get();
  FontDescription desc(pango_font_description_new());
  pango_font_description_set_family(desc.get(), s.font_family.c_str());
  pango_font_description_set_size(desc.get(), to_units(s.font_size));
  pango_font_description_set_weight(desc.get(), static_cast<PangoWeight>(s.font_weight));
  pango_font_description_set_style(desc.get(), s.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  const PangoFontDescription* raw = desc.get();
  fonts_.emplace(key_, std::move(desc));
  return raw;
}

FontMetrics PangoMeasurer::metrics(const ComputedStyle& s) {
  append_font_key(key_, s);
  if (auto it = metrics_.find(key_); it != metrics_.end()) return it->second;
  const std::string key = key_;
  Handle<PangoFontMetrics, pango_font_metrics_unref> m(
      pango_context_get_metrics(context_.get(), font(s), nullptr));
  const FontMetrics fm{to_pt(pango_font_metrics_get_ascent(m.get())),
                       to_pt(pango_font_metrics_get_descent(m.get()))};
  metrics_.emplace(key, fm);
  return fm;
}

void PangoMeasurer::add_run_attributes(PangoAttrList* attrs, const TextRun& run,
                                       const ComputedStyle& base) {
  const ComputedStyle& s = *run.style;
  auto insert = [&](PangoAttribute* a) {
    a->start_index = run.start;
    a->end_index = run.end;
    pango_attr_list_insert(attrs, a);
  };
  if (run.object_width > 0) {
    PangoRectangle r{0, -to_units(run.object_height), to_units(run.object_width),
                     to_units(run.object_height)};
    insert(pango_attr_shape_new(&r, &r));
  }
  if (s.font_family != base.font_family || s.font_size != base.font_size ||
      s.font_weight != base.font_weight || s.italic != base.italic) {
    insert(pango_attr_font_desc_new(font(s)));
  }
  insert(pango_attr_foreground_new(channel(s.color.r), channel(s.color.g), channel(s.color.b)));
  if (s.color.a != 255) insert(pango_attr_foreground_alpha_new(channel(s.color.a)));
  if (s.underline) insert(pango_attr_underline_new(PANGO_UNDERLINE_SINGLE));
  if (s.line_through) insert(pango_attr_strikethrough_new(TRUE));
  if (run.baseline_shift != 0) insert(pango_attr_rise_new(to_units(run.baseline_shift)));
}

std::string PangoMeasurer::shape_key(const ParagraphText& p, double width) {
  std::string key;
  key.reserve(p.text.size() + 64 * p.runs.size() + 32);
  auto num = [&](double v) {
    key += std::to_string(std::lround(v * 64));
    key += ',';
  };
  const ComputedStyle& base = *p.style;
  num(width);
  num(base.text_indent);
  key += static_cast<char>('0' + static_cast<int>(base.text_align));
  append_font_key(key_, base);
  key += key_;
  for (const TextRun& r : p.runs) {
    const ComputedStyle& s = *r.style;
    append_font_key(key_, s);
    key += '|';
    key += key_;
    num(r.start);
    num(r.end);
    num(r.baseline_shift);
    num(r.object_width);
    num(r.object_height);
    key += static_cast<char>(s.color.r);
    key += static_cast<char>(s.color.g);
    key += static_cast<char>(s.color.b);
    key += static_cast<char>(s.color.a);
    key += static_cast<char>('0' + (s.underline ? 1 : 0) + (s.line_through ? 2 : 0));
  }
  key += '\0';
  key += p.text;
  return key;
}

std::shared_ptr<const ShapedText> PangoMeasurer::shape(const ParagraphText& p, double width) {
  std::string key = shape_key(p, width);
  if (auto it = shapes_.find(key); it != shapes_.end()) return it->second;
  auto shaped = shape_uncached(p, width);
  shapes_.emplace(std::move(key), shaped);
  return shaped;
}

std::shared_ptr<const ShapedText> PangoMeasurer::shape_uncached(const ParagraphText& p,
                                                                double width) {
  LayoutPtr layout(pango_layout_new(context_.get()));
  const ComputedStyle& base = *p.style;
  pango_layout_set_font_description(layout.get(), font(base));
  pango_layout_set_text(layout.get(), p.text.data(), static_cast<int>(p.text.size()));
  AttrList attrs(pango_attr_list_new());
  for (const TextRun& run : p.runs) add_run_attributes(attrs.get(), run, base);
  pango_layout_set_attributes(layout.get(), attrs.get());
  if (width >= 0) {
    pango_layout_set_width(layout.get(), std::max(1, to_units(width)));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    if (base.text_align == TextAlign::kJustify) pango_layout_set_justify(layout.get(), TRUE);
  }
  if (base.text_indent != 0) pango_layout_set_indent(layout.get(), to_units(base.text_indent));
  return std::make_shared<PangoShape>(std::move(layout), p.text);
}

}  // namespace dossier::doc
