// Shared steps of turning a gathered, redacted Context into a Bundle: who the patient and
// the practice are, the clinicians, and the Provenance that closes every export. Internal
// to src/fhir; export_bundle.h is the entry point.
#pragma once

#include <string>

#include "core/json.h"
#include "fhir/bundle.h"

namespace dossier::fhir {

//! A Bundle under construction for one Context.
struct Assembly {
  //! Reads the patient id, generation time and Part 2 status from `context`.
  explicit Assembly(const Json& context);

  const Json& context;
  BundleBuilder builder;
  std::string patient_id;
  std::string practice_id;
  //! The export's instant; now when the Context has none (or redaction cut it to a year).
  std::string generated_at;
};

//! The patient's record id: the patient's own, else the export request's, else a coverage
//! row's (reports differ in where they keep it).
std::string patient_id_of(const Json& context);

//! Adds the practice as an Organization (an empty one when the Context has none, so that
//! the Provenance always has an agent) and remembers its id.
void add_practice(Assembly& a, const Json& practice);

//! Adds a clinician (a `users` row or a report's clinician) as Practitioner and
//! PractitionerRole; nothing for a null one.
void add_clinician(Assembly& a, const Json& user);

//! Adds the Patient.
void add_patient(Assembly& a, const Json& patient);

//! Adds Provenance "provenance-<patient id>": every resource so far as target, the practice
//! as author, the export's time as recorded; for a Part 2 record its narrative is the
//! notice and the consent the disclosure names, and its policy the regulation.
void add_provenance(Assembly& a);

//! The 42 CFR Part 2 notice and the consent of the disclosure, as text ("" when the record
//! is not a Part 2 record).
std::string part2_statement(const Json& context);

}  // namespace dossier::fhir
