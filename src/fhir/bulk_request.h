// The kick-off request of a FHIR Bulk Data export (Bulk Data Access IG v2.0.0, $export):
// its level, headers and query parameters, checked before any job exists. Nothing here
// touches the record; which patients a level covers is decided by the caller of this.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace dossier::fhir {

//! The resource types a bulk export writes, one NDJSON file each, in the order of the
//! manifest: the practice and its clinicians first, then the patients' records.
const std::vector<std::string>& bulk_resource_types();

enum class BulkLevel { kSystem, kPatient, kGroup };

struct BulkRequest {
  BulkLevel level = BulkLevel::kSystem;
  std::string group_id;  //!< for kGroup, as the path gave it
  //! The types asked for (_type), in bulk_resource_types() order; every type when the
  //! request named none.
  std::vector<std::string> types;
  //! _since as a UTC instant (format_timestamp form); empty when not given.
  std::string since;
};

//! Checks a kick-off: `headers` with lower-case names (Prefer must ask for respond-async;
//! Accept, when given, must allow application/fhir+json), `query` its parameters. Known
//! parameters: _outputFormat (application/fhir+ndjson, application/ndjson or ndjson), _type
//! (a comma list of bulk_resource_types()), _since (a FHIR instant). Any other parameter is
//! refused unless Prefer says handling=lenient. kValidation naming the header or parameter.
Result<BulkRequest> parse_bulk_request(BulkLevel level, std::string group_id,
                                       const std::map<std::string, std::string>& headers,
                                       const std::map<std::string, std::string>& query);

//! The request as a job keeps it in export_jobs.parameters (and back).
Json bulk_request_json(const BulkRequest& request);
BulkRequest bulk_request_from(const Json& parameters);

}  // namespace dossier::fhir
