#include "formats/csv_renderer.h"

#include "formats/tabular/cell_text.h"
#include "formats/tabular/csv_writer.h"
#include "formats/tabular/projection.h"
#include "formats/tabular/table_builder.h"
#include "formats/tabular/zip_stream.h"
#include "jobs/export_types.h"

namespace dossier::formats {
namespace {

namespace tab = tabular;

bool wants_bom(const Json& context) {
  const Json& bom = tab::value_at(context, "/export/parameters/options/bom");
  return bom.is_boolean() && bom.get<bool>();
}

// Writes the header row and every row of `table`; returns the number of rows.
Result<int64_t> write_table(const tab::Table& table, const ByteSink& out, bool bom) {
  tab::CsvWriter csv(out, bom);
  std::vector<std::string> fields;
  for (const auto& c : table.columns) fields.push_back(c.name);
  DOSSIER_TRY(csv.row(fields));
  int64_t rows = 0;
  DOSSIER_TRY(table.for_each_row([&](const tab::Row& row) {
    for (size_t i = 0; i < row.size(); ++i) {
      fields[i] = tab::cell_text(row[i], table.columns[i].type);
    }
    ++rows;
    return csv.row(fields);
  }));
  DOSSIER_TRY(csv.finish());
  return rows;
}

Json columns_json(const tab::Table& table) {
  Json columns = Json::array();
  for (const auto& c : table.columns) {
    columns.push_back({{"name", c.name}, {"type", tab::cell_type_name(c.type)}});
  }
  return columns;
}

Result<Rendered> render_zip(const std::vector<tab::Table>& tables, const Json& context,
                            const ByteSink& out, bool bom) {
  tab::ZipStreamWriter zip(out);
  Json listed = Json::array();
  for (const auto& table : tables) {
    const std::string file = table.name + ".csv";
    DOSSIER_TRY(zip.begin_entry(file));
    DOSSIER_ASSIGN_OR_RETURN(int64_t rows, write_table(table, zip.entry_sink(), bom));
    DOSSIER_TRY(zip.end_entry());
    listed.push_back(
        {{"name", table.name}, {"file", file}, {"rows", rows}, {"columns", columns_json(table)}});
  }
  DOSSIER_TRY(zip.begin_entry("manifest.json"));
  DOSSIER_TRY(zip.write(tables_manifest(context, std::move(listed))
                            .dump(2, ' ', false, Json::error_handler_t::replace) +
                        "\n"));
  DOSSIER_TRY(zip.end_entry());
  DOSSIER_TRY(zip.finish());
  return Rendered{{}, ".zip", "application/zip", {}};
}

}  // namespace

std::string export_type_of(const Json& context) {
  const Json& type = tab::value_at(context, "/export/export_type");
  return type.is_string() ? type.get<std::string>() : "";
}

Json tables_manifest(const Json& context, Json tables) {
  Json manifest = {{"format", "dossier-tables"},
                   {"format_version", 1},
                   {"export", context.value("export", Json::object())},
                   {"notices", context.value("notices", Json::array())},
                   {"tables", std::move(tables)}};
  for (const char* key : {"disclosure", "excluded", "date_range"}) {
    if (context.contains(key)) manifest[key] = context[key];
  }
  return manifest;
}

Result<Rendered> render_csv(const RenderInput& input, const ByteSink& out) {
  const std::string type = export_type_of(input.context);
  const std::vector<tab::Table> tables = tab::project(type, input.context);
  if (tables.empty()) return Error::make(ErrorCode::kUnprocessable, "no CSV for this export");
  const bool bom = wants_bom(input.context);
  if (jobs::extension_for("csv", type) == ".zip")
    return render_zip(tables, input.context, out, bom);
  DOSSIER_TRY(write_table(tables.front(), out, bom));
  return Rendered{{}, ".csv", jobs::content_type_for("csv", type), {}};
}

}  // namespace dossier::formats
