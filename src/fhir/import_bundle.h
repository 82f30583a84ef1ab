// FHIR import: a `collection` or `transaction` Bundle holding one patient's record (as the
// full-record `fhir` export writes it) back into the full-record document that
// record::import_full_record loads. The inverse of the mappers: ids come back from the
// resource ids the mappers derived ("qr-", "role-" prefixes taken off), codes from codes.h
// and the instrument tables, the Part 2 flag from the Patient's 42CFRPart2 label, notes
// from their Composition sections or DocumentReference text. What the export does not carry
// takes the record's defaults (docs/formats/fhir.md, "Import").
#pragma once

#include <string>

#include "core/json.h"
#include "core/result.h"

namespace dossier::fhir {

//! The full-record document ({"format_version": 1, "tables": {...}}) of `bundle`.
//!
//! The Bundle holds exactly one Patient; every reference resolves inside it (to a
//! "Type/id" or to a fullUrl, urn:uuid: or absolute); a transaction's entries are POST or
//! PUT. Provenance entries (the export's own) are skipped; any resource type the export does
//! not write is refused, so that nothing is dropped unseen. `imported_at` (an instant) is
//! the created_at/updated_at of rows the Bundle gives no time for.
//!
//! Errors: kValidation naming the first malformed element, as
//! "entry[12].resource.subject.reference".
Result<Json> record_from_bundle(const Json& bundle, const std::string& imported_at);

}  // namespace dossier::fhir
