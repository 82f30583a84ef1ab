// CSV: the tabular projection of an export (tabular/projection.h, docs/formats/csv.md) as
// RFC 4180 files. Session notes are one CSV file; the other export types are a ZIP with one
// CSV per table and a manifest.json (tables, row counts, columns and their types, the export
// header, notices, what the export left out). Everything streams into the sink, row by row.
#pragma once

#include "core/byte_sink.h"
#include "formats/renderer.h"

namespace dossier::formats {

//! REQUIRES: input.context carries its export header ("export": {"export_type", …}).
//! `bom` comes from the header's parameters.options.bom.
Result<Rendered> render_csv(const RenderInput& input, const ByteSink& out);

//! The manifest.json of a ZIP of tables: `tables` as [{"name", "file", "rows", "columns"}].
Json tables_manifest(const Json& context, Json tables);

//! The export type of a Context, from its export header ("" when there is none).
std::string export_type_of(const Json& context);

}  // namespace dossier::formats
