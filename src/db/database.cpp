#include "db/database.h"

namespace dossier::db {

Result<Json> Database::query_one(std::string_view sql, const Params& params) {
  DOSSIER_ASSIGN_OR_RETURN(Rows rows, query(sql, params));
  if (rows.empty()) return Json();
  return std::move(rows.front());
}

}  // namespace dossier::db
