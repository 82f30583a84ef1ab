// The identifiers of one client's record that free text may repeat: their names, birth date,
// numbers and addresses, and the names of the people around them (emergency contact,
// insurance subscriber). Read from the record, not from the export, so that an export that
// omits the demographics section still knows what to look for.
#pragma once

#include <string>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "db/database.h"
#include "redact/scrubber.h"

namespace dossier::redact {

struct RecordIdentifiers {
  std::vector<Term> client;    //!< the client's own identifiers
  std::vector<Term> contacts;  //!< third parties named in the record
};

//! From a patients row and its coverage rows (API form).
RecordIdentifiers identifiers_of(const Json& patient, const Json& coverage);

Result<RecordIdentifiers> load_identifiers(db::Database& db, const std::string& patient_id);

//! A birth date (YYYY-MM-DD) as people write it: 1985-03-02, 03/02/1985, 3/2/85,
//! March 2, 1985, 2 March 1985, Mar 2 1985, ….
std::vector<std::string> date_spellings(const std::string& iso_date);

}  // namespace dossier::redact
