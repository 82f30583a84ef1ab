// The `fhir` export format: a gathered and redacted Context as one FHIR R4 Bundle.
//
//   session_notes, progress_report, treatment_summary  a document Bundle: the report's
//       Composition first, identifier urn:uuid:<job id>, timestamp the export's time
//   full_record, insurance_report  a collection Bundle (insurance: Claim, Coverage, payer,
//       Patient, providers, diagnoses)
//
// Every Bundle ends with a Provenance of the export. Resources of a 42 CFR Part 2 record
// carry the Part 2 security labels (security.h); the notice and the consent are the
// narrative of the Provenance and, in documents, a section of the Composition. Redaction
// has already happened: what the Context leaves out, the Bundle leaves out.
#pragma once

#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace dossier::fhir {

//! The Bundle of `context`; its export type is context.export.export_type. kUnprocessable
//! for a Context of no known export type.
Result<Json> export_bundle(const Json& context);

//! The resources of a full_record Context's collection Bundle, in the same order, without
//! the Bundle around them (a bulk export writes them one per line).
std::vector<Json> full_record_resources(const Json& context);

}  // namespace dossier::fhir
