// The full record: one table per record table the export carries, with the columns and kinds
// of record/schema.h, plus the timeline when it was asked for.
#include "formats/tabular/projection_internal.h"
#include "record/schema.h"

namespace dossier::formats::tabular {
namespace {

using T = CellType;

// Amounts are stored as integer cents in columns named *_cents; the sheet shows the amount.
CellType cell_type_of(const record::Column& column) {
  const std::string& n = column.name;
  switch (column.kind) {
    case record::ColumnKind::kInteger:
      return n.size() > 6 && n.ends_with("_cents") ? T::kMoney : T::kInteger;
    case record::ColumnKind::kReal:
      return T::kNumber;
    case record::ColumnKind::kBool:
      return T::kBoolean;
    case record::ColumnKind::kDate:
      return T::kDate;
    case record::ColumnKind::kTimestamp:
      return T::kDateTime;
    default:
      return T::kText;
  }
}

// Stored file contents (attachments.content) do not belong in a cell: spreadsheets cap a
// cell at 32,767 characters. The row keeps the file's name, type, size and SHA-256.
bool tabulated(const record::Column& column) {
  return column.kind != record::ColumnKind::kBlob;
}

}  // namespace

std::vector<Table> full_record_tables(const Json& context) {
  std::vector<Table> tables;
  const Json& carried = value_at(context, "/tables");
  for (const auto& spec : record::clinical_tables()) {
    if (!carried.is_object() || !carried.contains(spec.name)) continue;
    std::vector<ColumnSource> columns;
    for (const auto& column : spec.columns) {
      if (!tabulated(column)) continue;
      const std::string name = cell_type_of(column) == T::kMoney
                                   ? column.name.substr(0, column.name.size() - 6)
                                   : column.name;
      columns.push_back({name, cell_type_of(column), "/" + column.name});
    }
    tables.push_back(make_table(spec.name, columns, each_at(context, "/tables/" + spec.name)));
  }
  if (context.contains("timeline")) {
    tables.push_back(make_table("timeline",
                                {{"date", T::kDate, "/date"},
                                 {"type", T::kText, "/type"},
                                 {"summary", T::kText, "/summary"},
                                 {"ref_id", T::kText, "/ref_id"}},
                                each_at(context, "/timeline")));
  }
  return tables;
}

}  // namespace dossier::formats::tabular
