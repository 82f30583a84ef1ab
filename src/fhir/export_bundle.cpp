#include "fhir/export_bundle.h"

#include "fhir/bundles.h"

namespace dossier::fhir {

Result<Json> export_bundle(const Json& context) {
  const std::string type = text_of(member_of(context, "export"), "export_type");
  if (type == "session_notes") return session_notes_document(context);
  if (type == "progress_report") return progress_report_document(context);
  if (type == "treatment_summary") return treatment_summary_document(context);
  if (type == "full_record") return full_record_collection(context);
  if (type == "insurance_report") return insurance_collection(context);
  return Error::make(ErrorCode::kUnprocessable, "no FHIR mapping for this export type");
}

}  // namespace dossier::fhir
