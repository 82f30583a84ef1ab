// The tabular projection of an export: the Context (gathered, redacted) seen as named tables
// of typed columns, which the CSV and XLSX writers lay out. What each export type becomes is
// documented in docs/formats/csv.md; projection.h builds the tables.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace dossier::formats::tabular {

//! How a column's values are written. Values come from the Context as JSON; null is an
//! empty cell in every type.
enum class CellType {
  kText,      //!< a string (neutralised against formulas); arrays of strings joined by "; ",
              //!< other arrays and objects as compact JSON
  kInteger,   //!< a whole number
  kNumber,    //!< any number
  kMoney,     //!< integer cents in the Context, written as a decimal amount (USD)
  kDate,      //!< ISO 8601 date, YYYY-MM-DD
  kDateTime,  //!< ISO 8601 timestamp in UTC, as the record stores it
  kBoolean,   //!< true / false
};

//! "text", "integer", … as the manifest names the types.
const char* cell_type_name(CellType type);

struct Column {
  std::string name;
  CellType type;
};

//! One row: a value per column, in column order.
using Row = std::vector<Json>;
using RowVisitor = std::function<Status(const Row&)>;

struct Table {
  std::string name;  //!< also the CSV file name (without ".csv") and the sheet name
  std::vector<Column> columns;
  //! Calls the visitor once per row, in order; stops at and returns its first error. Reads
  //! the Context the table was projected from, which must outlive the table.
  std::function<Status(const RowVisitor&)> for_each_row;
};

}  // namespace dossier::formats::tabular
