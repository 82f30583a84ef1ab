#include "db/database.h"

namespace dossier::db {

Result<Json> Database::query_one(std::string_view sql, const Params& params) {
  DOSSIER_ASSIGN_OR_RETURN(Rows rows, query(sql, params));
  if (rows.empty()) return Json();
  return std::move(rows.front());
}

Status Database::insert(std::string_view table, const Row& row) {
  std::string columns, marks;
  Params values;
  for (const auto& [column, value] : row.items()) {
    columns += (columns.empty() ? "" : ", ") + column;
    marks += marks.empty() ? "?" : ", ?";
    values.push_back(value);
  }
  DOSSIER_TRY(execute(
      "INSERT INTO " + std::string(table) + " (" + columns + ") VALUES (" + marks + ")", values));
  return {};
}

}  // namespace dossier::db
