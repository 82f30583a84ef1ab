// The export types and formats of the spec, and which combinations are implemented.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::jobs {

enum class ExportType {
  kSessionNotes,
  kProgressReport,
  kTreatmentSummary,
  kFullRecord,
  kInsuranceReport,
  kPracticeSummary  //!< practice-wide, for admins: no patient (docs/practice-summary.md)
};

//! "session_notes", "progress_report", … as stored in export_jobs.export_type.
const char* export_type_name(ExportType type);
std::optional<ExportType> parse_export_type(std::string_view name);
const std::vector<ExportType>& all_export_types();

//! Whether a job of `type` covers the whole practice rather than one patient.
bool is_practice_wide(ExportType type);

//! Formats a job of `type` may ask for today, in the order error messages list them.
//! Only formats with a working renderer are listed, so nothing is accepted that would fail.
const std::vector<std::string>& implemented_formats(ExportType type);

//! MIME type and file extension for a format name ("json" → application/json, ".json").
//! Where the export type changes the file (CSV: one table for session notes, else a ZIP of
//! tables), pass it; without it the format's own type is given.
std::string content_type_for(std::string_view format, std::string_view export_type = {});
std::string extension_for(std::string_view format, std::string_view export_type = {});

}  // namespace dossier::jobs
