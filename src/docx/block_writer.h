// Block-level content → Word paragraphs and tables. Word has no nested boxes, so what CSS
// containers contribute is pushed down onto the paragraphs inside them: margins, padding
// and borders become indentation; vertical margins collapse into paragraph spacing; a
// container's borders and background become paragraph borders (which Word merges across
// consecutive paragraphs) and shading.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "doc/tree.h"
#include "docx/paragraph_properties.h"
#include "docx/vertical_space.h"
#include "docx/writer_state.h"

namespace dossier::docx {

//! What the enclosing containers pass down to the blocks inside them.
struct BlockEnv {
  double indent_left = 0;  //!< points from the text column's left edge
  double indent_right = 0;
  double width = 0;  //!< available content width, points (images, tables)
  doc::Sides<doc::BorderSide> border;
  doc::Sides<double> border_space;
  doc::Color shading = doc::Color::none();
  int list_depth = -1;         //!< nesting depth of the innermost list; -1 outside lists
  int heading_level = 0;       //!< inside an h1–h6 that holds blocks
  bool keep_together = false;  //!< inside a box with break-inside: avoid
};

//! Writes a sequence of blocks — the body, or the content of one table cell — into `out`.
//! The last paragraph is held back until the next block shows how much space follows it.
class FlowWriter {
 public:
  FlowWriter(WriterState& state, std::string& out) : state_(state), out_(out) {}
  FlowWriter(const FlowWriter&) = delete;
  FlowWriter& operator=(const FlowWriter&) = delete;

  //! Writes a block-level node and its subtree.
  void block(const doc::Node& node, const BlockEnv& env);
  //! Ends the flow; it then ends with a paragraph, as Word requires of cells and bodies.
  void finish();
  //! Bookmarks `anchor` (if not "") at the start of the next paragraph: for elements without
  //! a paragraph of their own, such as table rows.
  void add_anchor(const std::string& anchor);

 private:
  struct Marker {  // the list marker the next paragraph starts with
    int num_id = 0;
    int level = 0;
    std::string literal;     // when Word numbering cannot express the markers (reversed…)
    double indent_left = 0;  // of the item's text
    double indent_right = 0;
  };
  struct TopBorder {  // a box's top border, waiting for the box's first paragraph
    doc::BorderSide side;
    double outside = 0;  // space above the border
    double padding = 0;
  };
  struct Held {
    ParagraphProps props;
    std::string content;
    bool own_keep_next = false;  // keep_next not from an enclosing break-inside: avoid
  };

  void container(const doc::Node& node, const BlockEnv& env);
  void list(const doc::Node& list, const BlockEnv& env);
  void paragraph(const doc::Node& node, const BlockEnv& env);
  void rule(const doc::Node& node, const BlockEnv& env);
  void table(const doc::Node& node, const BlockEnv& env);

  //! Vertical margins, padding and breaks of a box. `border_on_paragraphs`: its top border
  //! is drawn by the paragraphs inside (else the first of them gets it, see container()).
  void open_box(const doc::ComputedStyle& style, bool border_on_paragraphs);
  //! `bottom_border_done`: the box's bottom border went to its last paragraph.
  void close_box(const doc::ComputedStyle& style, bool bottom_border_done);
  //! Properties of a paragraph with style `s` inside `own` (its own box applied).
  ParagraphProps paragraph_props(const doc::ComputedStyle& s, const BlockEnv& own,
                                 int heading_level) const;
  //! Adds the pending spacing, page break, list marker and bookmarks; holds the paragraph.
  void emit(ParagraphProps props, std::string content);
  void flush_held(double space_after);
  //! Gives a pending list marker a paragraph of its own (its item starts with no paragraph).
  void settle_marker();
  std::string take_bookmarks();

  WriterState& state_;
  std::string& out_;
  VerticalSpace space_;
  std::optional<Held> held_;
  std::optional<Marker> marker_;
  std::optional<TopBorder> top_border_;
  int emitted_ = 0;                   // paragraphs emitted so far
  std::vector<std::string> anchors_;  // of containers whose first paragraph is still to come
  bool page_break_ = false;
  enum class Last : uint8_t { kNothing, kParagraph, kTable };
  Last last_ = Last::kNothing;  // what was written to out_ last
};

}  // namespace dossier::docx
