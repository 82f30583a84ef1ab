#include "demo/writer.h"

#include <algorithm>

namespace dossier::demo::detail {
namespace {

// "INSERT INTO t (c1, …) VALUES (?, …), (?, …), …" for `rows` rows.
std::string batch_sql(const record::TableSpec& spec, size_t rows) {
  std::string sql = record::insert_sql(spec);
  const std::string one = sql.substr(sql.rfind(" ("));
  for (size_t i = 1; i < rows; ++i) sql += "," + one;
  return sql;
}

}  // namespace

Writer::Writer(db::Database& db) : db_(db) {
  for (const auto& spec : record::clinical_tables()) {
    tables_.push_back(Table{&spec, batch_sql(spec, kBatchRows), {}, 0});
  }
}

void Writer::insert(std::string_view name, std::span<const Cell> cells) {
  if (!status_.ok()) return;
  auto t = std::find_if(tables_.begin(), tables_.end(),
                        [&](const Table& x) { return x.spec->name == name; });
  if (t == tables_.end()) {
    status_ = Error::internal("demo generator wrote to an unknown table");
    return;
  }
  const auto& columns = t->spec->columns;
  const size_t base = t->pending.size();
  t->pending.resize(base + columns.size());
  // Cells usually come in column order: search from just after the previous one.
  size_t next = 0;
  for (const Cell& cell : cells) {
    size_t i = next, tried = 0;
    while (tried < columns.size() && columns[i].name != cell.first) {
      i = (i + 1) % columns.size();
      ++tried;
    }
    next = (i + 1) % columns.size();
    if (tried == columns.size()) {
      status_ = Error::internal("demo generator wrote to an unknown column");
      return;
    }
    const bool as_text = columns[i].kind == record::ColumnKind::kJson && !cell.second.is_null();
    t->pending[base + i] = as_text ? Json(cell.second.dump()) : cell.second;
  }
  ++rows_;
  if (++t->pending_rows == kBatchRows) (void)flush();
}

void Writer::insert(std::string_view name, const Json& object) {
  std::vector<Cell> cells;
  for (const auto& [key, value] : object.items()) cells.emplace_back(key, value);
  insert(name, std::span<const Cell>(cells));
}

void Writer::write(Table& t) {
  if (t.pending_rows == 0 || !status_.ok()) return;
  const std::string sql =
      t.pending_rows == kBatchRows ? std::string() : batch_sql(*t.spec, t.pending_rows);
  auto result = db_.execute(sql.empty() ? t.full_batch_sql : sql, t.pending);
  if (!result.ok()) status_ = std::move(result).error();
  t.pending.clear();
  t.pending_rows = 0;
}

Status Writer::flush() {
  for (Table& t : tables_) write(t);
  return status_;
}

}  // namespace dossier::demo::detail
