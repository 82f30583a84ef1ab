// Tables → w:tbl: a column grid, fixed layout, per-cell borders, shading, margins and
// vertical alignment, gridSpan/vMerge for colspan/rowspan, header rows repeated on every page.
#pragma once

#include <string>

#include "doc/tree.h"
#include "docx/block_writer.h"
#include "docx/writer_state.h"

namespace dossier::docx {

//! Writes `table` (a kTable) at the indentation of `env` into `out`; nothing for a table
//! without cells. Cell content goes through a FlowWriter of its own.
void write_table(WriterState& state, const doc::Node& table, const BlockEnv& env, std::string& out);

}  // namespace dossier::docx
