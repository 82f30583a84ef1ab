// The CapabilityStatement of GET /fhir/r4/metadata: what this server's FHIR API does today.
#pragma once

#include <string>
#include <vector>

#include "core/json.h"

namespace dossier::fhir {

//! FHIR 4.0.1, JSON only, bearer tokens; Patient with the $everything operation, and the
//! resource types its searchset (and the `fhir` exports) contain, which have no REST
//! interactions of their own.
Json capability_statement();

//! The resource types Dossier writes, in the order the statement lists them.
const std::vector<std::string>& produced_resource_types();

}  // namespace dossier::fhir
