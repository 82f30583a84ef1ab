// Security labels (meta.security) for records under 42 CFR Part 2 and for psychotherapy
// notes, from the HL7 healthcare privacy and security classification (HCS) codes.
#pragma once

#include <string>

#include "core/json.h"

namespace dossier::fhir {

//! Whether a Context's "notices" carry the 42 CFR Part 2 notice (gather::required_notices),
//! i.e. the record is a substance-use disorder record.
bool is_part2_record(const Json& context);

//! The Part 2 notice text of a Context, or "" when it has none.
std::string part2_notice(const Json& context);

//! The labels every resource of a Part 2 record carries: confidentiality R (restricted),
//! ActCode 42CFRPart2 (privacy law), ETH (substance abuse information sensitivity) and
//! NORDSCLCD (refrain policy: no redisclosure without the patient's consent directive).
Json part2_security_labels();

//! ActCode PSYTHPN (psychotherapy note information sensitivity) for a psychotherapy note.
Json psychotherapy_note_label();

//! Adds `labels` to `resource`'s meta.security, once each (system and code).
void add_security_labels(Json& resource, const Json& labels);

}  // namespace dossier::fhir
