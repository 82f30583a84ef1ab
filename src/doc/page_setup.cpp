#include "doc/page_setup.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "doc/css_content.h"
#include "doc/css_values.h"
#include "doc/text_util.h"

namespace dossier::doc {
namespace {

using css::Property;
using css::Token;
using css::TokenType;

struct NamedSize {
  std::string_view name;
  double width, height;  // points, portrait
};

constexpr std::array<NamedSize, 9> kPageSizes = {{
    {"letter", 612, 792},
    {"legal", 612, 1008},
    {"ledger", 792, 1224},
    {"a3", 841.89, 1190.55},
    {"a4", 595.28, 841.89},
    {"a5", 419.53, 595.28},
    {"b4", 708.66, 1000.63},
    {"b5", 498.9, 708.66},
    {"executive", 522, 756},
}};

void apply_size(const std::vector<Token>& v, PageSetup& page) {
  std::vector<double> lengths;
  bool landscape = false, portrait = false;
  for (const Token& t : v) {
    if (t.is_ident("landscape")) {
      landscape = true;
    } else if (t.is_ident("portrait")) {
      portrait = true;
    } else if (t.is(TokenType::kIdent)) {
      for (const NamedSize& s : kPageSizes) {
        if (iequals(s.name, t.text)) page.width = s.width, page.height = s.height;
      }
    } else if (auto pt = css::parse_length(t, {12, 12}, false); pt && *pt > 0) {
      lengths.push_back(*pt);
    }
  }
  if (lengths.size() == 1) page.width = page.height = lengths[0];
  if (lengths.size() >= 2) page.width = lengths[0], page.height = lengths[1];
  if (landscape && page.width < page.height) std::swap(page.width, page.height);
  if (portrait && page.width > page.height) std::swap(page.width, page.height);
  page.width = std::clamp(page.width, 144.0, 14400.0);
  page.height = std::clamp(page.height, 144.0, 14400.0);
}

void apply_margin(const css::Declaration& d, PageSetup& page) {
  if (d.value.size() != 1) return;
  const Token& t = d.value[0];
  std::optional<double> pt;
  if (t.is(TokenType::kPercentage)) {
    pt = page.width * t.number / 100;
  } else {
    pt = css::parse_length(t, {12, 12});
  }
  if (!pt || *pt < 0) return;
  switch (d.property) {
    case Property::kMarginTop:
      page.margin.top = *pt;
      break;
    case Property::kMarginRight:
      page.margin.right = *pt;
      break;
    case Property::kMarginBottom:
      page.margin.bottom = *pt;
      break;
    case Property::kMarginLeft:
      page.margin.left = *pt;
      break;
    default:
      break;
  }
}

// Keeps at least 1in of content area in each direction.
void clamp_margins(PageSetup& page) {
  auto fit = [](double& a, double& b, double extent) {
    const double room = extent - 72;
    if (a + b > room) {
      const double scale = room / (a + b);
      a *= scale, b *= scale;
    }
  };
  fit(page.margin.left, page.margin.right, page.width);
  fit(page.margin.top, page.margin.bottom, page.height);
}

// Strings and the page counters; a margin box has no element for attr() or target-counter().
std::vector<ContentPart> margin_box_content(const std::vector<Token>& value) {
  std::vector<ContentPart> parts;
  for (css::ContentItem& item : css::parse_content(value)) {
    switch (item.kind) {
      case css::ContentItem::Kind::kString:
        parts.push_back(ContentPart{ContentPart::Kind::kText, std::move(item.text)});
        break;
      case css::ContentItem::Kind::kPageNumber:
        parts.push_back(ContentPart{ContentPart::Kind::kPageNumber, {}});
        break;
      case css::ContentItem::Kind::kPageCount:
        parts.push_back(ContentPart{ContentPart::Kind::kPageCount, {}});
        break;
      default:
        break;
    }
  }
  return parts;
}

TextAlign default_alignment(MarginBoxSlot slot) {
  switch (slot) {
    case MarginBoxSlot::kTopLeft:
    case MarginBoxSlot::kBottomLeft:
      return TextAlign::kLeft;
    case MarginBoxSlot::kTopRight:
    case MarginBoxSlot::kBottomRight:
      return TextAlign::kRight;
    default:
      return TextAlign::kCenter;
  }
}

}  // namespace

PageSetup page_geometry(const css::Stylesheet& sheet, PageSetup page) {
  for (const css::PageRule& rule : sheet.pages) {
    for (const css::Declaration& d : rule.declarations) {
      if (d.property == Property::kSize) apply_size(d.value, page);
      apply_margin(d, page);
    }
  }
  clamp_margins(page);
  return page;
}

void add_margin_boxes(const css::Stylesheet& sheet, const StyleResolver& resolver,
                      const ComputedStyle& root_style, PageSetup& page) {
  for (const css::PageRule& rule : sheet.pages) {
    for (const css::PageMarginRule& box : rule.margin_boxes) {
      const css::Declaration* content = nullptr;
      bool has_align = false;
      for (const css::Declaration& d : box.declarations) {
        if (d.property == Property::kContent) content = &d;
        has_align |= d.property == Property::kTextAlign;
      }
      std::erase_if(page.margin_boxes, [&](const MarginBox& b) { return b.slot == box.slot; });
      if (content == nullptr) continue;
      MarginBox out;
      out.slot = box.slot;
      out.content = margin_box_content(content->value);
      ComputedStyle base = root_style;
      if (!has_align) base.text_align = default_alignment(box.slot);
      out.style = resolver.compute_declarations(box.declarations, base, root_style.font_size);
      if (!out.content.empty()) page.margin_boxes.push_back(std::move(out));
    }
  }
}

}  // namespace dossier::doc
