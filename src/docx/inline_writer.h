// The inline content of one paragraph: runs with character formatting, hyperlinks,
// bookmarks, line breaks, inline pictures and page references (PAGEREF fields).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "doc/tree.h"
#include "docx/run_properties.h"
#include "docx/writer_state.h"

namespace dossier::docx {

class InlineWriter {
 public:
  //! `base` is what the paragraph's style gives its runs; `max_width` (points) bounds images.
  InlineWriter(WriterState& state, const RunBase& base, double max_width)
      : state_(state), base_(base), max_width_(max_width) {}

  //! The runs of a paragraph's inline `children`; `paragraph` is the paragraph's style.
  std::string write(const std::vector<doc::Node>& children, const doc::ComputedStyle& paragraph);

  //! A run of `text` formatted as `style`: tabs become w:tab, '\n' w:br; spaces preserved.
  std::string text_run(std::string_view text, const doc::ComputedStyle& style);

 private:
  // What inline ancestors pass down that the tree does not inherit itself.
  struct Context {
    doc::VerticalAlign vertical_align = doc::VerticalAlign::kBaseline;
    double script_size = 0;  // sub/sup: the parent's size (Word shrinks such runs itself)
    doc::Color background = doc::Color::none();
    bool underline = false;
    bool strike = false;
    bool in_link = false;
  };

  void node(const doc::Node& n, const Context& ctx, double parent_size, std::string& out);
  void span(const doc::Node& n, Context ctx, double parent_size, std::string& out);
  void image(const doc::Node& n, const Context& ctx, std::string& out);
  void page_reference(const doc::Node& n, const Context& ctx, std::string& out);
  //! `content` (a leaf: a picture, a break) inside the bookmark of `anchor` if it is the
  //! anchor's first placement.
  std::string with_bookmark(const std::string& anchor, std::string content);
  //! Opens a w:hyperlink for `href`, or returns false (nothing written) if it is unusable.
  bool open_link(std::string_view href, std::string& out);
  RunFormat format(const doc::ComputedStyle& style, const Context& ctx) const;
  std::string run(std::string_view text, const RunFormat& format, const Context& ctx) const;

  WriterState& state_;
  const RunBase& base_;
  double max_width_;
};

//! `<w:bookmarkStart …/>` or `<w:bookmarkEnd …/>` for id/name.
std::string bookmark_start_xml(int id, const std::string& name);
std::string bookmark_end_xml(int id);

}  // namespace dossier::docx
