// Redaction profiles: who an export is for decides what leaves the practice. Each profile
// is a Policy, a plain table of what to withhold and what to scrub; docs/redaction.md is
// the same table in words, and tests hold the two together.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redact/scrubber.h"

namespace dossier::redact {

enum class Profile { kTreatment, kInsurance, kTransfer, kClientAccess, kLegal, kResearch };

std::optional<Profile> parse_profile(std::string_view name);
std::string_view profile_name(Profile p);
//! Every profile's name, in the order above.
const std::vector<std::string>& profile_names();

//! The profile an export type gets when neither the request nor its template names one.
Profile default_profile(std::string_view export_type);

struct Policy {
  //! Psychotherapy notes may go out with an authorization on the request (never otherwise).
  bool psychotherapy_notes_with_authorization = true;
  bool transcripts = true;           //!< kept when the request asks for them
  bool unsigned_ai_drafts = true;    //!< AI-drafted notes nobody has signed
  bool attachments = true;           //!< stored files (photos, scans)
  bool contacts = true;              //!< third parties: emergency contacts, in fields and text
  bool contact_email = true;         //!< the client's e-mail address field
  bool client_identifiers = true;    //!< the client's own identifiers, in fields and text
  bool dates = true;                 //!< dates about the client beyond the year
  bool record_ids = true;            //!< the record's own ids (replaced by per-export ones)
  bool needs_part2_consent = false;  //!< a Part 2 record needs a consent reference
  std::vector<Pattern> patterns;     //!< identifier shapes scrubbed from all text
};

Policy policy_for(Profile p);

}  // namespace dossier::redact
