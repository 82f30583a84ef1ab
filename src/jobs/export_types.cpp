#include "jobs/export_types.h"

#include <array>

namespace dossier::jobs {
namespace {

constexpr std::array<std::pair<ExportType, const char*>, 6> kNames = {{
    {ExportType::kSessionNotes, "session_notes"},
    {ExportType::kProgressReport, "progress_report"},
    {ExportType::kTreatmentSummary, "treatment_summary"},
    {ExportType::kFullRecord, "full_record"},
    {ExportType::kInsuranceReport, "insurance_report"},
    {ExportType::kPracticeSummary, "practice_summary"},
}};

// CSV is one file only for session notes (one row per note); the other exports are several
// tables, a ZIP of CSV files (docs/formats/csv.md).
bool csv_is_zip(std::string_view format, std::string_view export_type) {
  return format == "csv" && !export_type.empty() && export_type != "session_notes";
}

}  // namespace

const char* export_type_name(ExportType type) {
  for (const auto& [t, name] : kNames) {
    if (t == type) return name;
  }
  return "unknown";
}

std::optional<ExportType> parse_export_type(std::string_view name) {
  for (const auto& [t, n] : kNames) {
    if (name == n) return t;
  }
  return std::nullopt;
}

const std::vector<ExportType>& all_export_types() {
  static const std::vector<ExportType> kAll = {
      ExportType::kSessionNotes, ExportType::kProgressReport,  ExportType::kTreatmentSummary,
      ExportType::kFullRecord,   ExportType::kInsuranceReport, ExportType::kPracticeSummary};
  return kAll;
}

bool is_practice_wide(ExportType type) {
  return type == ExportType::kPracticeSummary;
}

const std::vector<std::string>& implemented_formats(ExportType type) {
  static const std::vector<std::string> kFormats = {"json", "pdf", "docx", "csv", "xlsx", "fhir"};
  // Claims: an X12 837P, a CMS-1500 form, a superbill for a client claiming out of network.
  static const std::vector<std::string> kClaimFormats = {
      "json", "pdf", "docx", "csv", "xlsx", "fhir", "x12", "cms1500", "superbill"};
  // Counts and scores of the whole practice: no FHIR resource carries them.
  static const std::vector<std::string> kSummaryFormats = {"json", "pdf", "docx", "csv", "xlsx"};
  if (type == ExportType::kInsuranceReport) return kClaimFormats;
  if (type == ExportType::kPracticeSummary) return kSummaryFormats;
  return kFormats;
}

std::string content_type_for(std::string_view format, std::string_view export_type) {
  if (csv_is_zip(format, export_type)) return "application/zip";
  if (format == "xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (format == "json") return "application/json";
  if (format == "pdf") return "application/pdf";
  if (format == "docx") {
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }
  if (format == "csv") return "text/csv";
  if (format == "x12") return "application/edi-x12";
  if (format == "cms1500" || format == "superbill") return "application/pdf";
  if (format == "html") return "text/html; charset=utf-8";
  if (format == "fhir") return "application/fhir+json";
  if (format == "zip") return "application/zip";             // a batch export, one file per patient
  if (format == "ndjson") return "application/fhir+ndjson";  // a FHIR Bulk Data export, whole
  return "application/octet-stream";
}

std::string extension_for(std::string_view format, std::string_view export_type) {
  if (csv_is_zip(format, export_type)) return ".zip";
  if (format == "fhir") return ".json";
  if (format == "cms1500" || format == "superbill") return ".pdf";
  return "." + std::string(format);
}

}  // namespace dossier::jobs
