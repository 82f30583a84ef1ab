// The clinical-record resource API: create, read, list and update every resource of the
// record as JSON objects, with validation, role checks and patient visibility applied.
// Plain functions; the HTTP layer parses a request, calls one of these and serializes the
// result (or maps the Error).
//
// Objects are in API form (record::to_object): booleans true/false, JSON columns parsed,
// timestamps UTC "YYYY-MM-DDTHH:MM:SS.mmmZ", dates "YYYY-MM-DD", money in integer cents.
//
// Errors:
//   kValidation   the body, patch or query is malformed; `fields` lists every problem found
//                 (paths like "sections.plan" or "item_answers.3"), never echoing a value.
//   kNotFound     unknown resource name, absent id, or a row of a patient the caller may not
//                 see (a therapist outside the care team; a psychotherapy note of another
//                 author) — indistinguishable on purpose.
//   kForbidden    the caller's role may not do this at all (billers and notes, therapists and
//                 users/practice, signing another author's note).
//   kConflict     a unique value is taken ("mrn"), the practice already exists, or the note
//                 is signed ("a signed note cannot be changed").
//   kTooLarge     an attachment over 10 MiB.
// Every create or update runs in one db.transaction: on any error nothing is saved.
//
// Thread safety: as db::Database; the functions keep no state of their own.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/caller.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::record {

//! Filters and paging for `list`. Each filter is an exact match on a column of that name; a
//! filter the resource does not have is a validation error naming the filter.
struct ListQuery {
  std::optional<std::string> patient_id;         //!< any patient-linked resource; "patients" too
  std::optional<std::string> session_id;         //!< notes, assessments
  std::optional<std::string> treatment_plan_id;  //!< goals
  std::optional<std::string> goal_id;            //!< goal-measurements
  std::optional<std::string> user_id;            //!< care-team
  int limit = 50;                                //!< 1..200
  std::optional<std::string> cursor;             //!< the previous page's next_cursor
};

//! Names of the resources as they appear in URLs: "patients", "sessions", "notes",
//! "treatment-plans", "goals", "goal-measurements", "assessments", "diagnoses", "coverage",
//! "care-team", "attachments", "users", "practice".
const std::vector<std::string>& resource_names();

//! Creates a row from `body` and returns it as stored. The id is a new UUIDv7 unless the body
//! carries a valid UUID "id" (imports); created_at/updated_at and other computed members
//! (duration, severity, sha256, …) are set by the server. A therapist who creates a patient
//! joins its care team as primary. "care-team" rows are identified by
//! "<patient_id>:<user_id>" instead of an id member.
Result<Json> create(db::Database& db, const auth::Caller& caller, std::string_view resource,
                    const Json& body);

//! One row by id (for "care-team", "<patient_id>:<user_id>"). Attachments come without their
//! bytes (see attachment_bytes).
Result<Json> get(db::Database& db, const auth::Caller& caller, std::string_view resource,
                 const std::string& id);

//! {"items": [...], "next_cursor": string|null}: rows the caller may see, in id order
//! (UUIDv7, so creation order), `query.limit` at most per page.
Result<Json> list(db::Database& db, const auth::Caller& caller, std::string_view resource,
                  const ListQuery& query);

//! Applies the members of `patch` (null clears an optional member) and returns the updated
//! row. Immutable members (ids, the patient, a note's session) may be repeated but not
//! changed. For notes, {"signed": true} signs as the caller (author or admin only); a signed
//! note is locked.
Result<Json> update(db::Database& db, const auth::Caller& caller, std::string_view resource,
                    const std::string& id, const Json& patch);

//! The stored bytes of an attachment, under the same visibility as `get`.
Result<std::string> attachment_bytes(db::Database& db, const auth::Caller& caller,
                                     const std::string& id);

}  // namespace dossier::record
