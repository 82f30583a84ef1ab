#include "demo/writer.h"

namespace dossier::demo::detail {

void Writer::insert(std::string_view table, const Json& row) {
  if (!status_.ok()) return;
  auto it = tables_.find(table);
  if (it == tables_.end()) {
    const record::TableSpec* spec = record::find_table(table);
    if (spec == nullptr) {
      status_ = Error::internal("demo generator wrote to an unknown table");
      return;
    }
    it = tables_.emplace(std::string(table), Table{spec, record::insert_sql(*spec)}).first;
  }
  auto result = db_.execute(it->second.sql, record::to_params(*it->second.spec, row));
  if (!result.ok()) {
    status_ = std::move(result).error();
    return;
  }
  ++rows_;
}

}  // namespace dossier::demo::detail
