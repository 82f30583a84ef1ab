// The tabular projection of each export type (docs/formats/csv.md): which tables a Context
// becomes and which columns they have. The same tables feed the CSV files and the XLSX
// sheets, so both formats always hold the same cells.
#pragma once

#include <string_view>
#include <vector>

#include "formats/tabular/table.h"

namespace dossier::formats::tabular {

//! The tables of `context`, an export of `export_type` ("session_notes", …), in the order
//! they are written. Session notes give one table; the other types several. The tables read
//! `context`, which must outlive them. An unknown type gives no tables.
std::vector<Table> project(std::string_view export_type, const Json& context);

}  // namespace dossier::formats::tabular
