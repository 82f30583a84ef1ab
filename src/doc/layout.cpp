#include "doc/layout.h"

#include <algorithm>

#include "doc/layout_engine.h"

namespace dossier::doc {
namespace {

std::string margin_box_text(const MarginBox& box, int page, int pages) {
  std::string out;
  for (const ContentPart& part : box.content) {
    switch (part.kind) {
      case ContentPart::Kind::kText:
        out += part.text;
        break;
      case ContentPart::Kind::kPageNumber:
        out += std::to_string(page);
        break;
      case ContentPart::Kind::kPageCount:
        out += std::to_string(pages);
        break;
    }
  }
  return out;
}

bool is_top(MarginBoxSlot slot) {
  return slot == MarginBoxSlot::kTopLeft || slot == MarginBoxSlot::kTopCenter ||
         slot == MarginBoxSlot::kTopRight;
}

// Running headers and footers: centred vertically in the page's top or bottom margin,
// aligned horizontally within the content width.
void add_margin_boxes(const Document& doc, TextMeasurer& measurer, LayoutResult& result) {
  const PageSetup& page = doc.page;
  const int pages = static_cast<int>(result.pages.size());
  for (int p = 0; p < pages; ++p) {
    for (const MarginBox& box : page.margin_boxes) {
      ParagraphText text;
      text.text = margin_box_text(box, p + 1, pages);
      if (text.text.empty()) continue;
      text.style = &box.style;
      text.runs.push_back(TextRun{0, static_cast<uint32_t>(text.text.size()), &box.style});
      const double width = page.content_width();
      auto shaped = measurer.shape(text, width);
      const FontMetrics fm = measurer.metrics(box.style);
      double height = 0;
      for (int i = 0; i < shaped->line_count(); ++i) {
        height +=
            std::max(fm.ascent + fm.descent, shaped->line(i).ascent + shaped->line(i).descent);
      }
      const double area_top = is_top(box.slot) ? 0 : page.height - page.margin.bottom;
      const double area_h = is_top(box.slot) ? page.margin.top : page.margin.bottom;
      double y = area_top + (area_h - height) / 2;
      auto& items = result.pages[static_cast<size_t>(p)].items;
      for (int i = 0; i < shaped->line_count(); ++i) {
        const LineInfo& li = shaped->line(i);
        const double ascent = std::max(fm.ascent, li.ascent);
        const double x = page.margin.left + layout::align_offset(box.style, li, width, i == 0);
        emit(items, TextLineItem{shaped, i, x, y + ascent});
        y += std::max(fm.ascent + fm.descent, li.ascent + li.descent);
      }
    }
  }
}

// One pagination of the body; its anchors, links and bookmarks go to `shared`.
std::vector<PageContent> paginate(const Document& doc, layout::Shared& shared) {
  const double top = doc.page.margin.top;
  const double bottom = doc.page.height - doc.page.margin.bottom;
  layout::Engine engine(shared, top, bottom, false);
  engine.root(doc.body, doc.page.margin.left, doc.page.content_width());
  engine.finish();
  return std::move(engine.pages());
}

layout::AnchorPages anchor_pages(const layout::Shared& shared) {
  layout::AnchorPages pages;
  pages.reserve(shared.anchors.size());
  for (const auto& [anchor, at] : shared.anchors) pages.emplace(anchor, at.page);
  return pages;
}

// A target moved by the numbers printed in the previous pass is caught by another pass; two
// are the rule (placeholders, then the real numbers), a third is rare.
constexpr int kMaxPasses = 3;

}  // namespace

LayoutResult layout_document(const Document& doc, TextMeasurer& measurer) {
  LayoutResult result;
  result.page_width = doc.page.width;
  result.page_height = doc.page.height;
  layout::Shared shared{measurer, doc};
  result.pages = paginate(doc, shared);
  // Page references (target-counter) print the pages the previous pass found their targets
  // on: lay out again until those stop moving. Documents without them take one pass.
  layout::AnchorPages printed;
  for (int pass = 1; shared.has_page_references && pass < kMaxPasses; ++pass) {
    layout::AnchorPages found = anchor_pages(shared);
    if (pass > 1 && found == printed) break;
    printed = std::move(found);
    shared.start_pass(printed);
    result.pages = paginate(doc, shared);
  }
  // Trailing pages that only a forced break created stay out; there is always one page.
  while (result.pages.size() > 1 && result.pages.back().items.empty()) result.pages.pop_back();
  if (result.pages.empty()) result.pages.emplace_back();
  for (auto& [page, link] : shared.pending_links) {
    auto it = shared.anchors.find(link.uri.substr(1));
    if (it == shared.anchors.end() || static_cast<size_t>(page) >= result.pages.size()) continue;
    link.dest_page = it->second.page;
    link.dest_y = it->second.y;
    link.uri.clear();
    result.pages[static_cast<size_t>(page)].links.push_back(std::move(link));
  }
  result.bookmarks = std::move(shared.bookmarks);
  add_margin_boxes(doc, measurer, result);
  return result;
}

}  // namespace dossier::doc
