// One worksheet of SpreadsheetML (ECMA-376 part 1, §18.3) written as a stream: a frozen
// header row, column widths measured from the cells, and typed cells —
//  * dates and date-times as serial day numbers with a date format (date-times are UTC:
//    spreadsheets have no time zones), so they sort and compute as dates;
//  * money as numbers (the amount, not cents) with a currency format; integers and numbers
//    as numbers; booleans as booleans;
//  * text as inline strings, neutralised like CSV (cell_safety.h). An inline string is never
//    evaluated, but a user who edits the cell makes Excel parse it again, and then the
//    leading quote keeps it text. Text longer than a cell may hold (32,767 characters) is
//    cut there and the cut counted.
// A value that does not fit its column's type (a malformed date) is written as text.
#pragma once

#include <optional>
#include <string>

#include "core/byte_sink.h"
#include "formats/tabular/table.h"

namespace dossier::formats::tabular {

//! Cell style indexes of the workbook's styles part (xlsx_styles()).
enum XlsxStyle : int {
  kStyleDefault = 0,
  kStyleHeader = 1,
  kStyleDate = 2,
  kStyleDateTime = 3,
  kStyleMoney = 4,
  kStyleInteger = 5,
};

//! xl/styles.xml with the styles above.
std::string xlsx_styles();

struct SheetStats {
  int64_t rows = 0;       //!< data rows, without the header
  int64_t cut_cells = 0;  //!< text cells cut to the cell limit
};

//! Writes `table` as a worksheet part into `out` (two passes over the rows: widths, then
//! cells).
Result<SheetStats> write_sheet(const Table& table, const ByteSink& out);

//! "A", "B", … "Z", "AA", … for a 0-based column index.
std::string column_letters(size_t index);

//! The serial day number of an ISO date or timestamp (1900 date system, UTC), or nullopt.
std::optional<double> serial_date(const std::string& iso);

}  // namespace dossier::formats::tabular
