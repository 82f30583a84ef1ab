#include "docx/inline_writer.h"

#include "core/xml_text.h"
#include "docx/fields.h"
#include "docx/images.h"
#include "docx/xml_text.h"

namespace dossier::docx {
namespace {

bool is_script(doc::VerticalAlign v) {
  return v == doc::VerticalAlign::kSub || v == doc::VerticalAlign::kSuper;
}

void append_segment(std::string& out, std::string_view segment) {
  if (segment.empty()) return;
  out += "<w:t xml:space=\"preserve\">";
  append_xml_escaped(out, segment);
  out += "</w:t>";
}

// Run content for `text`: w:t pieces separated by w:tab / w:br.
std::string run_content(std::string_view text) {
  std::string out;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '\t' && c != '\n' && c != '\r') continue;
    append_segment(out, text.substr(start, i - start));
    if (c == '\t') out += "<w:tab/>";
    if (c == '\n') out += "<w:br/>";
    start = i + 1;
  }
  append_segment(out, text.substr(start));
  return out;
}

}  // namespace

std::string bookmark_start_xml(int id, const std::string& name) {
  return element("w:bookmarkStart", {{"w:id", id}, {"w:name", name}});
}

std::string bookmark_end_xml(int id) {
  return element("w:bookmarkEnd", {{"w:id", id}});
}

std::string InlineWriter::write(const std::vector<doc::Node>& children,
                                const doc::ComputedStyle& paragraph) {
  std::string out;
  const Context ctx{.underline = paragraph.underline, .strike = paragraph.line_through};
  for (const doc::Node& child : children) node(child, ctx, paragraph.font_size, out);
  return out;
}

std::string InlineWriter::text_run(std::string_view text, const doc::ComputedStyle& style) {
  const Context ctx;
  return run(text, format(style, ctx), ctx);
}

void InlineWriter::node(const doc::Node& n, const Context& ctx, double parent_size,
                        std::string& out) {
  switch (n.kind) {
    case doc::NodeKind::kText:
      out += run(n.text, format(n.style, ctx), ctx);
      return;
    case doc::NodeKind::kLineBreak:
      out += with_bookmark(n.anchor, "<w:r><w:br/></w:r>");
      return;
    case doc::NodeKind::kImage:
      return image(n, ctx, out);
    case doc::NodeKind::kSpan:
      return span(n, ctx, parent_size, out);
    case doc::NodeKind::kPageReference:
      return page_reference(n, ctx, out);
    default:
      // The tree puts only inline nodes in paragraphs; anything else is skipped.
      return;
  }
}

void InlineWriter::span(const doc::Node& n, Context ctx, double parent_size, std::string& out) {
  const doc::ComputedStyle& s = n.style;
  if (is_script(s.vertical_align)) {
    ctx.vertical_align = s.vertical_align;
    ctx.script_size = parent_size;
  }
  if (!s.background.transparent()) ctx.background = s.background;
  ctx.underline = ctx.underline || s.underline;
  ctx.strike = ctx.strike || s.line_through;

  std::optional<std::string> bookmark = state_.bookmarks.claim(n.anchor);
  const int bookmark_id = bookmark ? state_.bookmarks.next_id() : 0;
  if (bookmark) out += bookmark_start_xml(bookmark_id, *bookmark);
  const bool link = !ctx.in_link && !n.href.empty() && open_link(n.href, out);
  ctx.in_link = ctx.in_link || link;
  for (const doc::Node& child : n.children) node(child, ctx, s.font_size, out);
  if (link) out += "</w:hyperlink>";
  if (bookmark) out += bookmark_end_xml(bookmark_id);
}

// A PAGEREF field to the target's bookmark, which every anchor of the tree gets (Bookmarks).
void InlineWriter::page_reference(const doc::Node& n, const Context& ctx, std::string& out) {
  const std::string rpr =
      run_properties_xml(format(n.style, ctx), base_, ctx.in_link ? "Hyperlink" : "");
  out += field_runs_xml(page_reference_instruction(state_.bookmarks.link_target(n.target)),
                        kPageReferenceFallback, rpr);
  state_.has_page_references = true;
}

std::string InlineWriter::with_bookmark(const std::string& anchor, std::string content) {
  const std::optional<std::string> name = state_.bookmarks.claim(anchor);
  if (!name) return content;
  const int id = state_.bookmarks.next_id();
  return bookmark_start_xml(id, *name) + content + bookmark_end_xml(id);
}

bool InlineWriter::open_link(std::string_view href, std::string& out) {
  if (href.starts_with("#")) {
    if (href.size() == 1) return false;
    out += open_element("w:hyperlink", {{"w:anchor", state_.bookmarks.link_target(href.substr(1))},
                                        {"w:history", "1"}});
    return true;
  }
  const std::string id = state_.relationships.add(rel::kHyperlink, encode_uri(href), true);
  out += open_element("w:hyperlink", {{"r:id", id}, {"w:history", "1"}});
  return true;
}

void InlineWriter::image(const doc::Node& n, const Context& ctx, std::string& out) {
  const ImageSize size = image_size(n, max_width_, state_.document.page.content_height());
  std::optional<std::string> rel_id;
  if (n.image && size.width > 0 && size.height > 0) {
    rel_id = state_.media.add(*n.image, size, state_.relationships);
  }
  if (!rel_id) {
    out += with_bookmark(n.anchor, n.alt.empty() ? "" : run(n.alt, format(n.style, ctx), ctx));
    return;
  }
  out += with_bookmark(n.anchor, picture_run_xml(*rel_id, size, state_.next_drawing_id++, n.alt));
}

RunFormat InlineWriter::format(const doc::ComputedStyle& style, const Context& ctx) const {
  RunFormat f{run_base(style, state_.options.office_font_names)};
  f.underline = ctx.underline || style.underline;
  f.strike = ctx.strike || style.line_through;
  f.background = style.background.transparent() ? ctx.background : style.background;
  f.vertical_align = ctx.vertical_align;
  if (is_script(ctx.vertical_align) && ctx.script_size > 0) f.base.size = ctx.script_size;
  return f;
}

std::string InlineWriter::run(std::string_view text, const RunFormat& format,
                              const Context& ctx) const {
  std::string content = run_content(text);
  if (content.empty()) return {};
  return "<w:r>" + run_properties_xml(format, base_, ctx.in_link ? "Hyperlink" : "") + content +
         "</w:r>";
}

}  // namespace dossier::docx
