// The shape of every clinical table, in one place: its columns and their kinds, how its
// rows reach a patient, and whether the full-record export carries it.
//
// Services read rows as JSON objects straight from the database (booleans as 0/1, JSON
// columns as text, blobs as binary). `to_object` turns such a row into the API / export
// representation (booleans true/false, JSON columns parsed, blobs base64), and
// `to_params` does the reverse for inserts, so export → import is lossless.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "db/database.h"

namespace dossier::record {

enum class ColumnKind { kText, kInteger, kReal, kBool, kJson, kBlob, kDate, kTimestamp };

struct Column {
  std::string name;
  ColumnKind kind;
};

struct TableSpec {
  std::string name;
  std::vector<Column> columns;
  //! Column that names the patient a row belongs to; empty for practice-wide tables.
  std::string patient_column;
  //! Column the rows are ordered by in exports (stable: ties broken by id).
  std::string order_column;
  //! Why the full-record export leaves this table out; empty when it carries it.
  std::string excluded_reason;

  const Column* column(std::string_view name) const;
  std::vector<std::string> column_names() const;
};

//! Every table of the clinical record (and the practice tables around it), in an order
//! that satisfies foreign keys when inserting.
const std::vector<TableSpec>& clinical_tables();

//! The spec for `name`, or nullptr.
const TableSpec* find_table(std::string_view name);

//! A database row (as returned by db::Database::query) in API form.
Json to_object(const TableSpec& table, const db::Row& row);

//! Parameters, in `table.columns` order, for inserting an API-form object. Missing
//! members become NULL.
db::Params to_params(const TableSpec& table, const Json& object);

//! "INSERT INTO t (c1, c2, ...) VALUES (?, ?, ...)" for every column of `table`.
std::string insert_sql(const TableSpec& table);

}  // namespace dossier::record
