// Internal to layout: the paginating block/table/paragraph engine behind layout_document().
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "doc/display_list.h"
#include "doc/text_measurer.h"
#include "doc/tree.h"

namespace dossier::doc::layout {

struct Cursor {
  int page = 0;
  double y = 0;
};

//! A link or background over a byte range of a paragraph.
struct InlineSpan {
  uint32_t start = 0, end = 0;
  const Node* node = nullptr;  //!< the kSpan (href, background, anchor)
};

struct InlineImage {
  uint32_t index = 0;  //!< byte index of its U+FFFC
  const Node* node = nullptr;
  double width = 0, height = 0;
};

//! A paragraph converted for the measurer, with its shapes per width.
struct ParagraphEntry {
  ParagraphText text;
  std::vector<InlineSpan> spans;
  std::vector<InlineImage> images;
  bool has_page_references = false;  //!< its text depends on the pass (see Shared)
  double built_width = -1;           //!< image sizes depend on the available width
  std::shared_ptr<const ShapedText> natural;
  std::vector<std::pair<double, std::shared_ptr<const ShapedText>>> shapes;
};

//! Border segments waiting to be emitted on top of a table, by page index.
using BorderSink = std::vector<std::pair<int, LineItem>>;

//! Merges collinear touching segments of the same width, colour and style (shared cell
//! borders become one line) and orders them thinnest first, so wider borders win.
std::vector<LineItem> coalesce_segments(std::vector<LineItem> lines);

struct ContentWidths {
  double min = 0, max = 0;
};

//! The page index (0-based) of each anchor, as a layout pass found them.
using AnchorPages = std::unordered_map<std::string, int>;

//! What a page reference (NodeKind::kPageReference) prints before any page is known: the
//! widest plausible number, so that the first pass makes room for the real one.
inline constexpr std::string_view kPageNumberPlaceholder = "000";

//! State shared by the main engine and the measuring engines it spawns.
struct Shared {
  TextMeasurer& measurer;
  const Document& doc;
  std::unordered_map<const Node*, ParagraphEntry> paragraphs;
  std::unordered_map<const Node*, ContentWidths> widths;
  std::unordered_map<std::string, Cursor> anchors;
  std::vector<std::pair<int, LinkArea>> pending_links;  //!< (page, link) for "#id" targets
  std::vector<Bookmark> bookmarks;
  //! Set once a laid-out paragraph holds a page reference: the document needs another pass.
  bool has_page_references = false;
  //! Where page references find their targets: null in the first pass (they print
  //! kPageNumberPlaceholder), then the previous pass's anchors (unknown targets print nothing).
  const AnchorPages* target_pages = nullptr;

  //! Prepares another pass over the same document whose page references print `targets`
  //! (which must outlive the pass): forgets what the last pass recorded and the measurements
  //! that depend on page numbers; the shapes of other paragraphs are kept.
  void start_pass(const AnchorPages& targets);
};

class Engine {
 public:
  //! `top`/`bottom`: the content area's vertical extent on every page. A measuring engine
  //! uses an unbounded page and records nothing global (anchors, bookmarks, links).
  Engine(Shared& shared, double top, double bottom, bool measuring);

  //! Lays out the document's root block (the body).
  void root(const Node& body, double x, double width) { block(body, x, width, nullptr); }
  //! Lays out a sequence of sibling blocks inside a container.
  void flow(const std::vector<Node>& blocks, double x, double width);
  //! Flushes the pending bottom margin.
  void finish() { flush_margin(); }

  Cursor cursor() const { return cursor_; }
  std::vector<PageContent>& pages() { return pages_; }

  //! Height of `block` (with its top margin) laid out alone at `width` on an unbounded page.
  double measure(const Node& block, double width);
  //! Height of `blocks` laid out as a flow at `width` on an unbounded page.
  double measure_flow(const std::vector<Node>& blocks, double width);

  //! Min/max content widths of a block-level node including its margins, borders, padding.
  ContentWidths content_widths(const Node& node);

 private:
  friend class TableLayout;

  // --- blocks (layout_engine.cpp) ---
  void block(const Node& n, double x, double width, const Node* next);
  void box(const Node& n, double x, double width,
           const std::function<void(double, double)>& content);
  void rule(const Node& n, double x, double width);
  void list_marker(const Node& item, double content_x, Cursor first_baseline);
  bool keep_with_next(const Node& n, const Node* next, double width);
  bool move_to_next_page(const Node& n, const Node* next, double width);
  double leading_height(const Node& n, double width);

  // --- paragraphs (layout_paragraph.cpp) ---
  ParagraphEntry& paragraph_entry(const Node& p, double width);
  std::shared_ptr<const ShapedText> shape(ParagraphEntry& e, double width);
  void paragraph(const Node& p, double x, double width);
  void emit_line(const ParagraphEntry& e, const std::shared_ptr<const ShapedText>& shaped, int i,
                 double x, double width, double height, double baseline_offset);
  double paragraph_leading_height(const Node& p, double width);
  ContentWidths paragraph_widths(const Node& p);

  // --- tables (layout_table.cpp) ---
  void table(const Node& t, double x, double width);
  double table_leading_height(const Node& t, double width);
  ContentWidths table_widths(const Node& t);

  // --- pagination and output ---
  PageContent& page(int index);
  PageContent& current_page() { return page(cursor_.page); }
  bool at_page_top() const { return cursor_.y <= top_ + 0.01; }
  double room() const { return bottom_ - cursor_.y; }
  double page_height() const { return bottom_ - top_; }
  void new_page();
  void flush_margin();
  void add_margin(double m);
  //! Emits backgrounds/borders for a box that ran from `start` to the cursor (one fragment
  //! per page), inserting them beneath the box's content. `inset`: borders lie inside the box
  //! edges (normal boxes) rather than centred on them (collapsed table cells).
  //! With a `borders` sink, borders go there instead (tables paint them last, on top).
  void decorate(const ComputedStyle& s, double x, double width, Cursor start, size_t start_index,
                Cursor end, bool inset, BorderSink* borders = nullptr);
  void record_anchor(const Node& n, Cursor at);

  Shared& shared_;
  double top_, bottom_;
  bool measuring_;
  Cursor cursor_;
  double pending_margin_ = 0;
  std::vector<PageContent> pages_;
  Cursor* capture_baseline_ = nullptr;  //!< set while a list item waits for its first line
  int table_depth_ = 0;
};

//! Where a line starts within a box of `width` for the paragraph style's alignment.
double align_offset(const ComputedStyle& s, const LineInfo& line, double width, bool first_line);

}  // namespace dossier::doc::layout
