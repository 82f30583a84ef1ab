// One assembler per export type (internal to src/fhir; export_bundle.h dispatches).
#pragma once

#include <string>

#include "core/json.h"
#include "fhir/assembly.h"

namespace dossier::fhir {

//! Adds the resources of a full record's "tables" (record/schema.h tables in API form).
void add_record_tables(Assembly& a, const Json& tables);

Json full_record_collection(const Json& context);
Json insurance_collection(const Json& context);
Json session_notes_document(const Json& context);
Json progress_report_document(const Json& context);
Json treatment_summary_document(const Json& context);

//! The export's job id from a Context ("" when it has none).
std::string job_id_of(const Json& context);

//! "urn:uuid:<job id>" when the job id is a UUID, else "".
std::string bundle_identifier(const Json& context);

}  // namespace dossier::fhir
