// Redaction on the data, before rendering: a gathered context (gather/gather.h) goes in, the
// same context comes out with what the policy withholds taken out and what it scrubs
// replaced, and a report that counts both by kind and section — never what was removed.
//
// The context is read by shape, so every export type gets the same rules:
//   - a note is an object with "kind" and "sections"; psychotherapy notes, unsigned AI
//     drafts and transcripts are withheld as the policy says;
//   - an attachment is an object with "sha256" and "content_type";
//   - a client is an object with "birth_date" or "mrn", a coverage an object with
//     "member_id": their identifier fields are removed or reduced by kind;
//   - a provider (an object with "npi": the practice, clinicians) is not scrubbed;
//   - every other string is free text and goes through the scrubber;
//   - the "export" header is the job's, not the client's, and is left alone but for its
//     "parameters".
#pragma once

#include "core/json.h"
#include "redact/profile.h"
#include "redact/scrubber.h"

namespace dossier::redact {

//! Applies `policy` to `context` in place, scrubbing free text with `text` (built from the
//! terms and patterns the policy allows) and the identifier fields it keeps with
//! `kept_fields` (the request's custom terms: a subscriber's name stays on a claim even
//! where notes lose it). Returns the report:
//!   {"profile", "removed": [{"section", "kind", "count"}], "removed_total",
//!    "withheld": [{"section", "kind", "count"}], "withheld_total"}.
Json redact_context(Json& context, Profile profile, const Policy& policy, const Scrubber& text,
                    const Scrubber& kept_fields);

//! ZIP code as Safe Harbor allows it: the first three digits, or 000 where the three-digit
//! area holds 20,000 people or fewer.
std::string safe_harbor_zip(const std::string& zip);

}  // namespace dossier::redact
