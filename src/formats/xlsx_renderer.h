// XLSX: the tabular projection of an export (the same tables as CSV) as one workbook, a sheet
// per table, plus a sheet "export" that carries the export header, the notices and, for ZIP
// exports' manifest, what the export left out. Hand-written SpreadsheetML streamed through
// the streaming ZIP writer: no temporary file ever holds the record.
#pragma once

#include "core/byte_sink.h"
#include "formats/renderer.h"

namespace dossier::formats {

//! REQUIRES: input.context carries its export header ("export": {"export_type", …}).
//! Notes on the result say how many text cells were cut to the cell limit.
Result<Rendered> render_xlsx(const RenderInput& input, const ByteSink& out);

}  // namespace dossier::formats
