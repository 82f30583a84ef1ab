// The styled document tree: what a template's HTML + CSS *means*, independent of any output
// format. build_document() (render.h) produces it; the PDF/PNG layout and the DOCX writer
// consume it. Nothing here refers to Pango, cairo or libxml2.
//
// Contract for consumers:
//  - All lengths are in typographic points (1pt = 1/72 in; CSS 1px = 0.75pt), already
//    resolved: `em`, keywords and inheritance are applied. Only Length values may still be
//    `auto` or a percentage (of the containing block's width), because that width is only
//    known at layout time.
//  - The tree is normalized: a block-level container holds only block-level children, a
//    kParagraph holds only inline-level children (anonymous paragraphs are inserted around
//    loose text, exactly as CSS anonymous block boxes). See NodeKind for each kind's children.
//  - Text is already white-space collapsed (except under `white-space: pre*`, where it keeps
//    its spaces and '\n'). Leading/trailing spaces of a paragraph are removed.
//  - The tree is a plain value: copyable, no back pointers, safe to read from many threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dossier::doc {

struct SvgPicture;  // svg_picture.h

//! 1 CSS px in points.
inline constexpr double kPxToPt = 0.75;

//! sRGB colour with alpha; a == 0 means transparent (e.g. no background).
struct Color {
  uint8_t r = 0, g = 0, b = 0, a = 255;
  bool transparent() const { return a == 0; }
  bool operator==(const Color&) const = default;
  static constexpr Color none() { return Color{0, 0, 0, 0}; }
};

//! A length that may still depend on the containing block.
struct Length {
  enum class Unit : uint8_t { kAuto, kPt, kPercent };
  double value = 0;
  Unit unit = Unit::kAuto;

  bool is_auto() const { return unit == Unit::kAuto; }
  //! Points for `reference` (the containing width); `fallback` when auto.
  double resolve(double reference, double fallback) const {
    if (unit == Unit::kPt) return value;
    if (unit == Unit::kPercent) return reference * value / 100.0;
    return fallback;
  }
  static constexpr Length pt(double v) { return Length{v, Unit::kPt}; }
  static constexpr Length percent(double v) { return Length{v, Unit::kPercent}; }
  static constexpr Length automatic() { return Length{}; }
  bool operator==(const Length&) const = default;
};

//! One value per box side, in CSS order.
template <typename T>
struct Sides {
  T top{}, right{}, bottom{}, left{};
  bool operator==(const Sides&) const = default;
};

enum class BorderStyle : uint8_t { kNone, kSolid, kDashed, kDotted, kDouble };

struct BorderSide {
  double width = 0;  //!< points; 0 when style is none
  BorderStyle style = BorderStyle::kNone;
  Color color;
  bool visible() const { return style != BorderStyle::kNone && width > 0 && !color.transparent(); }
  bool operator==(const BorderSide&) const = default;
};

//! kStart is the CSS initial value: left for left-to-right text, right for RTL paragraphs.
enum class TextAlign : uint8_t { kStart, kLeft, kRight, kCenter, kJustify };
//! kTop/kMiddle/kBottom apply to table cells. kSub/kSuper apply to inline text: consumers shift
//! the baseline; font_size already includes the user-agent `font-size: smaller`.
enum class VerticalAlign : uint8_t { kBaseline, kTop, kMiddle, kBottom, kSub, kSuper };
//! break-before/after/inside (and the legacy page-break-* aliases). kPage = always/page.
enum class BreakValue : uint8_t { kAuto, kAvoid, kPage };
enum class ListStyleType : uint8_t {
  kNone,
  kDisc,
  kCircle,
  kSquare,
  kDecimal,
  kLowerAlpha,
  kUpperAlpha,
  kLowerRoman,
  kUpperRoman
};
enum class WhiteSpace : uint8_t { kNormal, kPre, kNowrap, kPreWrap, kPreLine };

//! CSS line-height as computed: `normal`, a factor of the font size (unitless numbers are
//! inherited as factors) or an absolute height in points (lengths and percentages).
struct LineHeight {
  enum class Kind : uint8_t { kNormal, kFactor, kAbsolute };
  Kind kind = Kind::kNormal;
  double value = 0;
  //! Points for `font_size`; `normal_factor` is the font's own spacing (about 1.15).
  double resolve(double font_size, double normal_factor = 1.15) const {
    if (kind == Kind::kFactor) return value * font_size;
    if (kind == Kind::kAbsolute) return value;
    return normal_factor * font_size;
  }
  bool operator==(const LineHeight&) const = default;
};

//! The computed values of the supported CSS properties for one box.
struct ComputedStyle {
  // --- inherited properties -------------------------------------------------------------
  //! Font family list in CSS order, comma separated, aliases resolved: Arial/Helvetica →
  //! "Liberation Sans", Times → "Liberation Serif", Courier → "Liberation Mono"; generic
  //! families kept as "sans-serif", "serif", "monospace". DOCX: take the first entry.
  std::string font_family = "Liberation Serif, serif";
  double font_size = 12;  //!< points
  int font_weight = 400;  //!< 100–900; bold = 700
  bool italic = false;
  Color color;  //!< text colour
  TextAlign text_align = TextAlign::kStart;
  LineHeight line_height;
  WhiteSpace white_space = WhiteSpace::kNormal;
  ListStyleType list_style_type = ListStyleType::kDisc;
  bool border_collapse = false;  //!< tables: collapse adjacent cell borders
  double border_spacing = 0;     //!< tables with separate borders: gap between cells, points
  double text_indent = 0;        //!< first-line indent, points
  int orphans = 2;               //!< minimum lines of a paragraph left at a page bottom
  int widows = 2;                //!< minimum lines of a paragraph carried to the next page

  // --- not inherited -----------------------------------------------------------------------
  //! Decorations in effect on this box's text: CSS propagates text-decoration from an element
  //! to all its inline descendants, so these are already OR-ed down the tree.
  bool underline = false;
  bool line_through = false;
  VerticalAlign vertical_align = VerticalAlign::kBaseline;
  Color background = Color::none();
  //! Points. Percentages were resolved against the page content width (an approximation).
  Sides<double> margin;
  //! Horizontal `margin: auto` (centering of tables and fixed-width blocks).
  bool margin_left_auto = false;
  bool margin_right_auto = false;
  Sides<double> padding;  //!< points
  Sides<BorderSide> border;
  Length width;   //!< content width (tables: the border box width, as browsers do)
  Length height;  //!< honoured for images only
  BreakValue break_before = BreakValue::kAuto;
  BreakValue break_after = BreakValue::kAuto;
  BreakValue break_inside = BreakValue::kAuto;  //!< kAvoid or kAuto
};

//! Raster or vector image data, decoded lazily by the consumer. Only data: URIs, inline <svg>
//! and the caller's asset resolver can produce one; nothing is fetched.
struct Image {
  enum class Format : uint8_t { kPng, kJpeg, kSvg };
  Format format = Format::kPng;
  std::string bytes;  //!< the encoded file (SVG: UTF-8 XML)
  //! kSvg inside the subset that is drawn natively (svg_picture.h); else null (librsvg).
  std::shared_ptr<const SvgPicture> picture;
  double width_px = 0;  //!< intrinsic size in CSS px (1px = 0.75pt); > 0
  double height_px = 0;
};

enum class NodeKind : uint8_t {
  kBlock,      //!< block container: div, body, blockquote, ul/ol, pre, section…; block children
  kParagraph,  //!< block whose children are all inline-level: p, h1–h6, li text, anonymous
  kListItem,   //!< li: like kBlock (block children), plus `marker`
  kTable,      //!< children: kTableRow only (thead/tbody/tfoot flattened, see row_group)
  kTableRow,   //!< children: kTableCell only
  kTableCell,  //!< td/th: like kBlock (block children); `colspan`, `rowspan`
  kRule,       //!< hr: a horizontal line drawn by its top border; no children
  kSpan,       //!< inline element (span, b, em, a, sub, code…, and ::before / ::after, whose
               //!< tag is "::before" / "::after"): inline children
  kText,       //!< a run of text in `text`; no children
  kLineBreak,  //!< br; no children
  kImage,      //!< img or inline svg, inline-level; `image` is set, or null if unusable
  //! Inline, no children: the number (1-based, decimal, in `style`) of the page on which the
  //! element whose `anchor` equals `target` starts — CSS target-counter(…, page) in ::before /
  //! ::after content. The tree builder keeps one only when such an element is in the tree;
  //! a consumer that cannot place the target prints nothing.
  kPageReference,
};

enum class RowGroup : uint8_t { kBody, kHead, kFoot };

struct Node {
  NodeKind kind = NodeKind::kBlock;
  //! Source element name ("p", "td", "strong"…), "" for anonymous boxes and text.
  std::string tag;
  ComputedStyle style;
  std::vector<Node> children;

  std::string text;       //!< kText: the text (UTF-8)
  std::string href;       //!< kSpan from <a>: link target (https:, mailto:, #fragment)
  std::string anchor;     //!< the element's id, a target for "#id" links; "" if none
  std::string target;     //!< kPageReference: the anchor whose page it prints (no '#')
  int heading_level = 0;  //!< 1–6 for h1–h6 (bookmarks, DOCX heading styles); else 0
  std::string marker;     //!< kListItem: "•", "◦", "▪", "3.", "c.", "iv."; "" for none
  int colspan = 1;        //!< kTableCell, ≥ 1
  int rowspan = 1;        //!< kTableCell, ≥ 1; may run past the last row (consumers clamp it)
  RowGroup row_group = RowGroup::kBody;  //!< kTableRow: thead rows repeat on every page
  std::shared_ptr<const Image> image;    //!< kImage
  std::string alt;                       //!< kImage: alternative text
};

//! A running header/footer slot (CSS @page margin boxes).
enum class MarginBoxSlot : uint8_t {
  kTopLeft,
  kTopCenter,
  kTopRight,
  kBottomLeft,
  kBottomCenter,
  kBottomRight
};

//! One piece of a margin box's `content:` value.
struct ContentPart {
  enum class Kind : uint8_t { kText, kPageNumber, kPageCount };
  Kind kind = Kind::kText;
  std::string text;  //!< kText only
};

struct MarginBox {
  MarginBoxSlot slot = MarginBoxSlot::kBottomCenter;
  std::vector<ContentPart> content;  //!< e.g. "Page ", page, " of ", pages
  ComputedStyle style;               //!< font, colour, text-align for the box
};

struct PageSetup {
  double width = 612;  //!< points; default US Letter portrait
  double height = 792;
  Sides<double> margin{72, 72, 72, 72};
  std::vector<MarginBox> margin_boxes;  //!< at most one per slot
  double content_width() const { return width - margin.left - margin.right; }
  double content_height() const { return height - margin.top - margin.bottom; }
};

//! From <title> and <meta name="author|subject|description|keywords">, or RenderOptions.
struct Metadata {
  std::string title;
  std::string author;
  std::string subject;
  std::string keywords;
  std::string language;  //!< <html lang>
};

struct Document {
  Metadata metadata;
  PageSetup page;
  //! The <body> box (kind kBlock). <html> has no box of its own; body inherits from it.
  Node body;
  //! What was ignored and why, without echoing content (e.g. "ignored image source with scheme
  //! file", "ignored <link> element"). For the job log; never fatal.
  std::vector<std::string> notes;
};

//! Indented one-line-per-node dump of a subtree, for tests and debugging (not stable output).
std::string debug_string(const Node& node);
const char* node_kind_name(NodeKind kind);

}  // namespace dossier::doc
