// Paragraphs: inline content → measurer input, line placement with orphans/widows, and the
// line-level extras (span backgrounds, inline images, links, anchors, list-marker baselines).
#include <algorithm>
#include <cmath>

#include "doc/layout_engine.h"

namespace dossier::doc::layout {
namespace {

constexpr std::string_view kObjectReplacement = "\xEF\xBF\xBC";  // U+FFFC

// Image box in points: explicit width/height (keeping the aspect ratio when only one is
// given), else the intrinsic size; scaled down to fit `avail` (< 0: no limit) and the page's
// content height.
std::pair<double, double> image_box(const Node& n, double avail, double max_height) {
  const double iw = n.image ? n.image->width_px * kPxToPt : 0;
  const double ih = n.image ? n.image->height_px * kPxToPt : 0;
  const double ref = avail < 0 ? iw : avail;
  const Length& sw = n.style.width;
  const Length& sh = n.style.height;
  double w = sw.is_auto() ? -1 : sw.resolve(ref, iw);
  double h = sh.is_auto() || sh.unit == Length::Unit::kPercent ? -1 : sh.resolve(0, ih);
  if (w < 0 && h < 0) {
    w = iw, h = ih;
  } else if (w < 0) {
    w = ih > 0 ? h * iw / ih : 0;
  } else if (h < 0) {
    h = iw > 0 ? w * ih / iw : 0;
  }
  if (avail >= 0 && w > avail && w > 0) {
    h *= avail / w;
    w = avail;
  }
  if (h > max_height && h > 0) {
    w *= max_height / h;
    h = max_height;
  }
  return {std::max(w, 0.0), std::max(h, 0.0)};
}

// The text a page reference prints in this pass (see Shared::target_pages).
std::string page_reference_text(const Node& ref, const AnchorPages* target_pages) {
  if (target_pages == nullptr) return std::string(kPageNumberPlaceholder);
  const auto it = target_pages->find(ref.target);
  return it != target_pages->end() ? std::to_string(it->second + 1) : std::string();
}

class InlineCollector {
 public:
  InlineCollector(ParagraphEntry& e, double avail, double max_height,
                  const AnchorPages* target_pages)
      : e_(e), avail_(avail), max_height_(max_height), target_pages_(target_pages) {}

  void add(const Node& n, double shift) {
    switch (n.kind) {
      case NodeKind::kText:
        return text(n, shift);
      case NodeKind::kLineBreak:
        return append("\n", n.style, shift);
      case NodeKind::kImage:
        return image(n, shift);
      case NodeKind::kSpan:
        return span(n, shift);
      case NodeKind::kPageReference: {
        e_.has_page_references = true;
        const std::string number = page_reference_text(n, target_pages_);
        if (!number.empty()) append(number, n.style, shift);
        return;
      }
      default:
        for (const Node& c : n.children) add(c, shift);
    }
  }

 private:
  void append(std::string_view s, const ComputedStyle& style, double shift) {
    const auto start = static_cast<uint32_t>(e_.text.text.size());
    e_.text.text += s;
    const auto end = static_cast<uint32_t>(e_.text.text.size());
    auto& runs = e_.text.runs;
    if (!runs.empty() && runs.back().style == &style && runs.back().baseline_shift == shift &&
        runs.back().object_width == 0) {
      runs.back().end = end;
    } else {
      runs.push_back(TextRun{start, end, &style, shift});
    }
  }

  void text(const Node& n, double shift) {
    const WhiteSpace ws = n.style.white_space;
    if (ws != WhiteSpace::kNowrap && ws != WhiteSpace::kPre) return append(n.text, n.style, shift);
    std::string s;
    s.reserve(n.text.size());
    for (char c : n.text) {
      if (c == ' ') {
        s += "\xC2\xA0";  // no-break space: keeps nowrap/pre runs on one line
      } else if (c == '\t') {
        s += "\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0";
      } else {
        s += c;
      }
    }
    append(s, n.style, shift);
  }

  void image(const Node& n, double shift) {
    if (!n.image) return;
    const auto [w, h] = image_box(n, avail_, max_height_);
    if (w <= 0 || h <= 0) return;
    const auto start = static_cast<uint32_t>(e_.text.text.size());
    e_.text.text += kObjectReplacement;
    e_.text.runs.push_back(TextRun{start, start + 3, &n.style, shift, w, h});
    e_.images.push_back(InlineImage{start, &n, w, h});
  }

  void span(const Node& n, double shift) {
    const double fs = n.style.font_size;
    if (n.style.vertical_align == VerticalAlign::kSuper) shift += fs * 0.45;
    if (n.style.vertical_align == VerticalAlign::kSub) shift -= fs * 0.25;
    const auto start = static_cast<uint32_t>(e_.text.text.size());
    for (const Node& c : n.children) add(c, shift);
    const auto end = static_cast<uint32_t>(e_.text.text.size());
    if (!n.href.empty() || !n.style.background.transparent() || !n.anchor.empty()) {
      e_.spans.push_back(InlineSpan{start, end, &n});
    }
  }

  ParagraphEntry& e_;
  double avail_;
  double max_height_;
  const AnchorPages* target_pages_;
};

bool no_wrap(const ComputedStyle& s) {
  return s.white_space == WhiteSpace::kNowrap || s.white_space == WhiteSpace::kPre;
}

struct LineBoxes {
  std::vector<double> height;    // line box heights
  std::vector<double> baseline;  // baseline offset from the line box top
};

LineBoxes line_boxes(const ShapedText& shaped, const ComputedStyle& s, FontMetrics base) {
  LineBoxes out;
  const double natural = base.ascent + base.descent;
  const double leading = s.line_height.kind == LineHeight::Kind::kNormal
                             ? 0
                             : s.line_height.resolve(s.font_size) - natural;
  const int n = shaped.line_count();
  out.height.reserve(static_cast<size_t>(n));
  out.baseline.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    const LineInfo& li = shaped.line(i);
    const double ascent = std::max(li.ascent, base.ascent);
    const double descent = std::max(li.descent, base.descent);
    out.height.push_back(std::max(0.0, ascent + descent + leading));
    out.baseline.push_back(leading / 2 + ascent);
  }
  return out;
}

}  // namespace

ParagraphEntry& Engine::paragraph_entry(const Node& p, double width) {
  ParagraphEntry& e = shared_.paragraphs[&p];
  if (e.text.style != nullptr && (e.images.empty() || e.built_width == width)) return e;
  e = ParagraphEntry{};
  e.text.style = &p.style;
  e.built_width = width;
  // A little under the page height, so that an image and its line box fit on a page.
  InlineCollector collector(e, width, shared_.doc.page.content_height() * 0.95,
                            shared_.target_pages);
  for (const Node& c : p.children) collector.add(c, 0);
  shared_.has_page_references = shared_.has_page_references || e.has_page_references;
  // A final line break ends the last line rather than starting an empty one (as browsers do).
  std::string& text = e.text.text;
  if (text.size() > 1 && text.back() == '\n' && !e.text.runs.empty() &&
      e.text.runs.back().end == text.size()) {
    text.pop_back();
    e.text.runs.back().end -= 1;
    if (e.text.runs.back().end == e.text.runs.back().start) e.text.runs.pop_back();
  }
  return e;
}

std::shared_ptr<const ShapedText> Engine::shape(ParagraphEntry& e, double width) {
  const ComputedStyle& s = *e.text.style;
  if (width < 0 || no_wrap(s)) {
    if (!e.natural) e.natural = shared_.measurer.shape(e.text, -1);
    return e.natural;
  }
  if (e.natural && e.natural->natural_width() + s.text_indent <= width + 0.01 &&
      (s.text_align != TextAlign::kJustify || e.natural->line_count() <= 1)) {
    return e.natural;
  }
  for (const auto& [w, shaped] : e.shapes) {
    if (std::abs(w - width) < 0.01) return shaped;
  }
  auto shaped = shared_.measurer.shape(e.text, width);
  e.shapes.emplace_back(width, shaped);
  return shaped;
}

ContentWidths Engine::paragraph_widths(const Node& p) {
  ParagraphEntry& e = paragraph_entry(p, -1);
  auto shaped = shape(e, -1);
  const double indent = std::max(0.0, p.style.text_indent);
  ContentWidths w{shaped->min_content_width(), shaped->natural_width() + indent};
  if (no_wrap(p.style)) w.min = w.max;
  return w;
}

double Engine::paragraph_leading_height(const Node& p, double width) {
  ParagraphEntry& e = paragraph_entry(p, width);
  auto shaped = shape(e, width);
  const LineBoxes boxes = line_boxes(*shaped, p.style, shared_.measurer.metrics(p.style));
  const size_t n = std::min(boxes.height.size(), static_cast<size_t>(std::max(1, p.style.orphans)));
  double h = 0;
  for (size_t i = 0; i < n; ++i) h += boxes.height[i];
  return h;
}

void Engine::paragraph(const Node& p, double x, double width) {
  ParagraphEntry& e = paragraph_entry(p, width);
  const auto shaped = shape(e, width);
  const ComputedStyle& s = p.style;
  const LineBoxes boxes = line_boxes(*shaped, s, shared_.measurer.metrics(s));
  const int n = shaped->line_count();
  flush_margin();
  const int orphans = std::max(1, s.orphans), widows = std::max(1, s.widows);
  int i = 0;
  while (i < n) {
    int k = 0;
    double h = 0;
    while (i + k < n && h + boxes.height[static_cast<size_t>(i + k)] <= room() + 0.01) {
      h += boxes.height[static_cast<size_t>(i + k)];
      ++k;
    }
    if (i + k < n) {
      const int fit = k;
      if (n - i - k < widows) k = std::max(0, n - i - widows);
      if (k < orphans) k = 0;
      if (k == 0 && at_page_top()) k = std::max(1, fit);  // cannot move: break anyway
    }
    for (int j = i; j < i + k; ++j) {
      const auto line = static_cast<size_t>(j);
      emit_line(e, shaped, j, x, width, boxes.height[line], boxes.baseline[line]);
      cursor_.y += boxes.height[line];
    }
    i += k;
    if (i < n) new_page();
  }
}

void Engine::emit_line(const ParagraphEntry& e, const std::shared_ptr<const ShapedText>& shaped,
                       int i, double x, double width, double height, double baseline_offset) {
  const LineInfo& li = shaped->line(i);
  const double lx = x + align_offset(*e.text.style, li, width, i == 0);
  const double top = cursor_.y;
  const double baseline = top + baseline_offset;
  auto& page_items = current_page().items;
  auto for_ranges = [&](uint32_t start, uint32_t end, auto&& fn) {
    const uint32_t s = std::max(start, li.start), t = std::min(end, li.end);
    if (s >= t) return;
    for (const auto& [a, b] : shaped->x_ranges(i, s, t)) fn(lx + a, b - a);
  };
  for (const InlineSpan& span : e.spans) {
    const Color bg = span.node->style.background;
    if (!bg.transparent()) {
      for_ranges(span.start, span.end, [&](double rx, double rw) {
        emit(page_items, RectItem{rx, top, rw, height, bg});
      });
    }
  }
  emit(page_items, TextLineItem{shaped, i, lx, baseline});
  for (const InlineImage& img : e.images) {
    for_ranges(img.index, img.index + 3, [&](double rx, double) {
      emit(page_items,
           ImageItem{img.node->image, rx, baseline - img.height, img.width, img.height});
    });
  }
  if (capture_baseline_ != nullptr && capture_baseline_->page < 0) {
    *capture_baseline_ = Cursor{cursor_.page, baseline};
  }
  if (measuring_) return;
  for (const InlineSpan& span : e.spans) {
    const Node& node = *span.node;
    if (!node.anchor.empty() && span.start >= li.start &&
        span.start < std::max(li.end, li.start + 1)) {
      shared_.anchors[node.anchor] = Cursor{cursor_.page, top};
    }
    if (node.href.empty()) continue;
    for_ranges(span.start, span.end, [&](double rx, double rw) {
      LinkArea link{rx, top, rw, height, node.href};
      if (node.href.starts_with('#')) {
        shared_.pending_links.emplace_back(cursor_.page, std::move(link));
      } else {
        current_page().links.push_back(std::move(link));
      }
    });
  }
}

}  // namespace dossier::doc::layout
