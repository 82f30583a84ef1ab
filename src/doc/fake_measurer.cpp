#include "doc/fake_measurer.h"

#include <algorithm>

namespace dossier::doc {
namespace {

struct Glyph {
  uint32_t start, end;
  double advance, ascent, descent;
  char c;  // ' ', '\n' or 'x' (anything else)
};

class FakeShape final : public ShapedText {
 public:
  FakeShape(std::string text, std::vector<Glyph> glyphs, double width, double indent)
      : text_(std::move(text)), glyphs_(std::move(glyphs)) {
    break_lines(width, indent);
  }
  int line_count() const override { return static_cast<int>(lines_.size()); }
  const LineInfo& line(int i) const override { return lines_[static_cast<size_t>(i)]; }
  double natural_width() const override {
    double w = 0;
    for (const auto& l : lines_) w = std::max(w, l.width);
    return w;
  }
  double min_content_width() const override {
    double widest = 0, cur = 0;
    for (const Glyph& g : glyphs_) {
      cur = (g.c == ' ' || g.c == '\n') ? 0 : cur + g.advance;
      widest = std::max(widest, cur);
    }
    return widest;
  }
  std::vector<std::pair<double, double>> x_ranges(int i, uint32_t start,
                                                  uint32_t end) const override {
    const LineInfo& li = line(i);
    double x = 0, a = -1, b = 0;
    for (const Glyph& g : glyphs_) {
      if (g.start < li.start || g.start >= li.end) continue;
      if (g.start >= start && g.start < end) {
        if (a < 0) a = x;
        b = x + g.advance;
      }
      x += g.advance;
    }
    if (a < 0) return {};
    return {{a, b}};
  }
  const std::string& text() const override { return text_; }

 private:
  void finish_line(size_t from, size_t to) {
    LineInfo li;
    li.start = from < glyphs_.size() ? glyphs_[from].start : static_cast<uint32_t>(text_.size());
    li.end = to > from ? glyphs_[to - 1].end : li.start;
    size_t visible_end = to;
    while (visible_end > from &&
           (glyphs_[visible_end - 1].c == ' ' || glyphs_[visible_end - 1].c == '\n')) {
      --visible_end;
    }
    for (size_t k = from; k < to; ++k) {
      if (k < visible_end) li.width += glyphs_[k].advance;
      li.ascent = std::max(li.ascent, glyphs_[k].ascent);
      li.descent = std::max(li.descent, glyphs_[k].descent);
    }
    lines_.push_back(li);
  }

  void break_lines(double width, double indent) {
    size_t start = 0, last_space = SIZE_MAX;
    double x = indent;
    for (size_t k = 0; k < glyphs_.size(); ++k) {
      const Glyph& g = glyphs_[k];
      if (g.c == '\n') {
        finish_line(start, k + 1);
        start = k + 1, last_space = SIZE_MAX, x = 0;
        continue;
      }
      if (width >= 0 && g.c != ' ' && x + g.advance > width && last_space != SIZE_MAX) {
        finish_line(start, last_space + 1);
        start = last_space + 1, last_space = SIZE_MAX, x = 0;
        for (size_t j = start; j < k; ++j) x += glyphs_[j].advance;
      }
      if (g.c == ' ') last_space = k;
      x += g.advance;
    }
    if (start < glyphs_.size() || lines_.empty()) finish_line(start, glyphs_.size());
  }

  std::string text_;
  std::vector<Glyph> glyphs_;
  std::vector<LineInfo> lines_;
};

}  // namespace

std::shared_ptr<const ShapedText> FakeMeasurer::shape(const ParagraphText& p, double width) {
  ++shape_calls;
  std::vector<Glyph> glyphs;
  for (const TextRun& run : p.runs) {
    const double fs = run.style->font_size;
    if (run.object_width > 0) {
      glyphs.push_back({run.start, run.end, run.object_width, run.object_height, 0, 'x'});
      continue;
    }
    for (uint32_t i = run.start; i < run.end;) {
      uint32_t j = i + 1;
      while (j < run.end && (static_cast<unsigned char>(p.text[j]) & 0xC0) == 0x80) ++j;
      const char c = p.text[i] == ' ' ? ' ' : p.text[i] == '\n' ? '\n' : 'x';
      glyphs.push_back({i, j, c == '\n' ? 0 : fs * 0.5, fs * 0.8, fs * 0.2, c});
      i = j;
    }
  }
  return std::make_shared<FakeShape>(p.text, std::move(glyphs), width, p.style->text_indent);
}

FontMetrics FakeMeasurer::metrics(const ComputedStyle& style) {
  return FontMetrics{style.font_size * 0.8, style.font_size * 0.2};
}

}  // namespace dossier::doc
