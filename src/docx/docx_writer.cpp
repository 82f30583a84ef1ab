#include "docx/docx_writer.h"

#include "docx/block_writer.h"
#include "docx/header_footer.h"
#include "docx/package_parts.h"
#include "docx/writer_state.h"
#include "docx/xml_text.h"
#include "docx/zip_writer.h"

namespace dossier::docx {
namespace {

constexpr std::string_view kDocumentNamespaces =
    " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
    " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
    " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
    " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
    " xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";

// The parts of a package, in the order they are zipped ([Content_Types].xml first).
struct Package {
  std::vector<std::pair<std::string, std::string>> parts;
  void add(std::string name, std::string data) {
    parts.emplace_back(std::move(name), std::move(data));
  }
};

std::string body_xml(WriterState& state) {
  std::string body;
  FlowWriter flow(state, body);
  // The body's own box then brings the indentation back to 0 (see SectionGeometry).
  BlockEnv env;
  env.indent_left = -state.section.folded_left;
  env.indent_right = -state.section.folded_right;
  env.width = state.document.page.content_width();
  flow.block(state.document.body, env);
  flow.finish();
  return body;
}

// word/document.xml and every part it references, with their relationships and types.
void add_word_parts(WriterState& state, Package& package, ContentTypes& types) {
  const std::string body = body_xml(state);  // first: assigns hyperlink and image ids
  const doc::Document& d = state.document;
  const bool office = state.options.office_font_names;
  SectionParts section;
  state.relationships.add(rel::kStyles, "styles.xml");
  state.relationships.add(rel::kSettings, "settings.xml");
  if (!state.numbering.empty()) {
    state.relationships.add(rel::kNumbering, "numbering.xml");
    package.add("word/numbering.xml", state.numbering.xml());
    types.add_override("/word/numbering.xml", content_type::kNumbering);
  }
  const doc::PageSetup& page = state.section.page;
  if (std::optional<std::string> header = margin_part_xml(page, true, state.styles, office)) {
    section.header_rel_id = state.relationships.add(rel::kHeader, "header1.xml");
    package.add("word/header1.xml", std::move(*header));
    types.add_override("/word/header1.xml", content_type::kHeader);
  }
  if (std::optional<std::string> footer = margin_part_xml(page, false, state.styles, office)) {
    section.footer_rel_id = state.relationships.add(rel::kFooter, "footer1.xml");
    package.add("word/footer1.xml", std::move(*footer));
    types.add_override("/word/footer1.xml", content_type::kFooter);
  }
  std::string document(kXmlDeclaration);
  document += "<w:document" + std::string(kDocumentNamespaces) + "><w:body>" + body +
              section_properties_xml(page, section) + "</w:body></w:document>";
  package.add("word/document.xml", std::move(document));
  types.add_override("/word/document.xml", content_type::kDocument);
  package.add("word/styles.xml", styles_xml(state.styles, d.metadata.language));
  types.add_override("/word/styles.xml", content_type::kStyles);
  package.add("word/settings.xml", settings_xml(state.has_page_references));
  types.add_override("/word/settings.xml", content_type::kSettings);
  for (const MediaPart& media : state.media.parts()) package.add("word/" + media.name, media.bytes);
  package.add("word/_rels/document.xml.rels", state.relationships.xml());
}

}  // namespace

Result<std::string> write_docx(const doc::Document& document, const DocxOptions& options) {
  DOSSIER_ASSIGN_OR_RETURN(const std::string timestamp, w3cdtf_timestamp(options.created));
  WriterState state(document, options);
  Package package;
  ContentTypes types;
  types.add_override("/docProps/core.xml", content_type::kCore);
  types.add_override("/docProps/app.xml", content_type::kApp);
  add_word_parts(state, package, types);

  DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<ZipWriter> zip, ZipWriter::create());
  DOSSIER_TRY(zip->add("[Content_Types].xml", types.xml()));
  DOSSIER_TRY(zip->add("_rels/.rels", package_relationships_xml()));
  DOSSIER_TRY(zip->add("docProps/core.xml", core_properties_xml(document.metadata, timestamp)));
  DOSSIER_TRY(zip->add("docProps/app.xml", app_properties_xml(options.application)));
  for (auto& [name, data] : package.parts) DOSSIER_TRY(zip->add(name, std::move(data)));
  return zip->finish();
}

}  // namespace dossier::docx
