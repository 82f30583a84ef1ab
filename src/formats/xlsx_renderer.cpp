#include "formats/xlsx_renderer.h"

#include "core/xml_text.h"
#include "formats/csv_renderer.h"
#include "formats/tabular/projection.h"
#include "formats/tabular/table_builder.h"
#include "formats/tabular/xlsx_sheet.h"
#include "formats/tabular/zip_stream.h"
#include "jobs/export_types.h"

namespace dossier::formats {
namespace {

namespace tab = tabular;

constexpr const char* kXmlHead = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr const char* kRelType =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string content_types(size_t sheets) {
  std::string xml = std::string(kXmlHead) +
                    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    "<Default Extension=\"rels\" "
                    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
                    "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                    "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/"
                    "vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>";
  for (size_t i = 1; i <= sheets; ++i) {
    xml += "<Override PartName=\"/xl/worksheets/sheet" + std::to_string(i) +
           ".xml\" ContentType=\"application/"
           "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
  }
  return xml + "</Types>";
}

std::string package_rels() {
  return std::string(kXmlHead) +
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"" +
         kRelType + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
}

// Sheet names: at most 31 characters; the table names are short snake_case words already.
std::string workbook(const std::vector<std::string>& names) {
  std::string xml = std::string(kXmlHead) +
                    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                    "xmlns:r=\"" +
                    kRelType + "\"><sheets>";
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    xml += "<sheet name=\"" + xml_escaped(names[i].substr(0, 31)) + "\" sheetId=\"" + n +
           "\" r:id=\"rId" + n + "\"/>";
  }
  return xml + "</sheets></workbook>";
}

std::string workbook_rels(size_t sheets) {
  std::string xml =
      std::string(kXmlHead) +
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (size_t i = 1; i <= sheets; ++i) {
    const std::string n = std::to_string(i);
    xml += "<Relationship Id=\"rId" + n + "\" Type=\"" + kRelType +
           "/worksheet\" Target=\"worksheets/sheet" + n + ".xml\"/>";
  }
  xml += "<Relationship Id=\"rId" + std::to_string(sheets + 1) + "\" Type=\"" + kRelType +
         "/styles\" Target=\"styles.xml\"/>";
  return xml + "</Relationships>";
}

// The "export" sheet: the manifest's facts as key/value rows (the export header, notices,
// disclosure terms, exclusions), so a workbook passed on alone still carries them.
tab::Table export_sheet(const Json& facts) {
  return tab::make_table(
      "export",
      {{"field", tab::CellType::kText, "/key"}, {"value", tab::CellType::kText, "/value"}},
      tab::members_at(facts, "", "key", "value"));
}

Status add_part(tab::ZipStreamWriter& zip, const std::string& name, const std::string& xml) {
  DOSSIER_TRY(zip.begin_entry(name));
  DOSSIER_TRY(zip.write(xml));
  return zip.end_entry();
}

}  // namespace

Result<Rendered> render_xlsx(const RenderInput& input, const ByteSink& out) {
  std::vector<tab::Table> tables = tab::project(export_type_of(input.context), input.context);
  if (tables.empty()) return Error::make(ErrorCode::kUnprocessable, "no XLSX for this export");
  Json facts = tables_manifest(input.context, Json::array());
  facts.erase("tables");
  tables.push_back(export_sheet(facts));
  tab::ZipStreamWriter zip(out);
  DOSSIER_TRY(add_part(zip, "[Content_Types].xml", content_types(tables.size())));
  DOSSIER_TRY(add_part(zip, "_rels/.rels", package_rels()));
  std::vector<std::string> names;
  for (const auto& t : tables) names.push_back(t.name);
  DOSSIER_TRY(add_part(zip, "xl/workbook.xml", workbook(names)));
  DOSSIER_TRY(add_part(zip, "xl/_rels/workbook.xml.rels", workbook_rels(tables.size())));
  DOSSIER_TRY(add_part(zip, "xl/styles.xml", tab::xlsx_styles()));
  int64_t cut = 0;
  for (size_t i = 0; i < tables.size(); ++i) {
    DOSSIER_TRY(zip.begin_entry("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml"));
    DOSSIER_ASSIGN_OR_RETURN(tab::SheetStats stats, tab::write_sheet(tables[i], zip.entry_sink()));
    cut += stats.cut_cells;
    DOSSIER_TRY(zip.end_entry());
  }
  DOSSIER_TRY(zip.finish());
  std::vector<std::string> notes;
  if (cut > 0) {
    notes.push_back(std::to_string(cut) +
                    " text cells were longer than a spreadsheet cell holds and were cut");
  }
  return Rendered{{}, ".xlsx", jobs::content_type_for("xlsx"), std::move(notes)};
}

}  // namespace dossier::formats
