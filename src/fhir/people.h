// Mappers of the people and places of the record: the client (Patient), clinicians
// (Practitioner, PractitionerRole) and the practice (Organization), shaped after the US Core
// profiles of the same names.
//
// Each takes one record row as the database and the gathered Context hold it (API form,
// record::to_object) — fields may be missing or null when a gatherer or redaction left them
// out — and returns one resource whose id is derived from the row's id, so the same row
// maps to the same id in every export.
#pragma once

#include <string>

#include "core/json.h"
#include "fhir/codes.h"

namespace dossier::fhir {

//! A `patients` row (or a report's patient: "name" instead of given/family names). `id` is
//! the patient's record id, passed apart because some reports leave it out of the patient.
Json map_patient(const Json& patient, const std::string& id);

//! A `users` row or a report's clinician (id, name, credentials, npi, license_number,
//! license_state, taxonomy).
Json map_practitioner(const Json& user);

//! The clinician's role at the practice: PractitionerRole "role-<user id>", pointing at the
//! Practitioner and, when it resolves, the Organization of `practice_id`.
Json map_practitioner_role(const Json& user, const std::string& practice_id,
                           const Resolves& resolves = resolves_all());

//! A `practice` row.
Json map_organization(const Json& practice);

//! The id of the PractitionerRole of a clinician.
std::string practitioner_role_id(const std::string& user_id);

}  // namespace dossier::fhir
