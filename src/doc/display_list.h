// The output of layout: per page, positioned drawing items in paint order, plus links,
// bookmarks and metadata. Painters (PDF, PNG, test recorders) only walk this.
// All coordinates are points from the page's top-left corner, y downwards.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "doc/text_measurer.h"
#include "doc/tree.h"

namespace dossier::doc {

//! One line of a shaped paragraph, its start at (x, baseline). Colours and decorations are
//! part of the shaped text's runs.
struct TextLineItem {
  std::shared_ptr<const ShapedText> text;
  int line = 0;
  double x = 0;
  double baseline = 0;
};

struct RectItem {
  double x = 0, y = 0, width = 0, height = 0;
  Color color;
};

//! A stroked segment (borders, rules), `width` thick, centred on (x1,y1)–(x2,y2).
struct LineItem {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double width = 0;
  Color color;
  BorderStyle style = BorderStyle::kSolid;
};

struct ImageItem {
  std::shared_ptr<const Image> image;
  double x = 0, y = 0, width = 0, height = 0;
};

using DisplayItem = std::variant<TextLineItem, RectItem, LineItem, ImageItem>;

//! Appends an item constructed in place (no variant temporaries to copy).
template <typename T>
void emit(std::vector<DisplayItem>& items, T item) {
  items.emplace_back(std::in_place_type<T>, std::move(item));
}

//! A clickable area: an external URI, or an internal destination (page index, y).
struct LinkArea {
  double x = 0, y = 0, width = 0, height = 0;
  std::string uri;     //!< external target; empty for internal links
  int dest_page = -1;  //!< internal target page (0-based), -1 if external or unresolved
  double dest_y = 0;
};

struct Bookmark {
  int level = 1;  //!< 1–6, from h1–h6
  std::string title;
  int page = 0;  //!< 0-based
  double y = 0;
};

struct PageContent {
  std::vector<DisplayItem> items;  //!< in paint order (backgrounds first)
  std::vector<LinkArea> links;
};

struct LayoutResult {
  double page_width = 612;
  double page_height = 792;
  std::vector<PageContent> pages;   //!< at least one
  std::vector<Bookmark> bookmarks;  //!< in document order
};

}  // namespace dossier::doc
