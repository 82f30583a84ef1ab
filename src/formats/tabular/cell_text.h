// A cell's value as text, the way CSV files carry it (docs/formats/csv.md): ISO 8601 dates
// and timestamps as the record stores them, amounts as decimals with two places ("150.00"),
// booleans as true/false, null as an empty field. Text is neutralised against formulas
// (cell_safety.h); every string that reaches a cell passes through it, whatever the
// column's type, so a malformed value cannot slip a formula into a typed column.
#pragma once

#include <cstdint>
#include <string>

#include "formats/tabular/table.h"

namespace dossier::formats::tabular {

std::string cell_text(const Json& value, CellType type);

//! Integer cents as a decimal amount: 15000 → "150.00", -5 → "-0.05".
std::string money_text(int64_t cents);

//! A text cell's content before neutralisation: strings as they are, arrays of strings
//! joined by "; ", other values as compact JSON.
std::string plain_text(const Json& value);

}  // namespace dossier::formats::tabular
