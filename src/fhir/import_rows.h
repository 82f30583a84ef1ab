// The inverse mappers of the FHIR import: each reads one resource of a Bundle and adds the
// record rows it came from to the full-record document being built, the inverse of the
// mappers in people.h, clinical.h, assessments.h and notes.h. Internal to the import
// (import_bundle.h is the entry point); each returns the first malformed element as a
// kValidation error naming it.
#pragma once

#include <map>
#include <set>
#include <string>

#include "core/json.h"
#include "core/result.h"
#include "fhir/import_reader.h"

namespace dossier::fhir {

//! What the inverse mappers share while one Bundle is read.
struct ImportState {
  std::string patient_id;        //!< record id of the Bundle's one Patient
  std::string imported_at;       //!< created_at/updated_at of rows the Bundle gives no time for
  Json tables = Json::object();  //!< table name → rows, as a full-record export holds them
  std::map<std::string, std::string> plan_of_goal;      //!< from CarePlan.goal
  std::map<std::string, std::string> taxonomy_of_user;  //!< from PractitionerRole.code
  std::set<size_t> derived_responses;  //!< QuestionnaireResponses a score derives from

  void add_row(const std::string& table, Json row) { tables[table].push_back(std::move(row)); }
};

// people: Patient (with its care team), Practitioner, PractitionerRole, Organization.
Status import_patient(EntryReader& r, ImportState& s);
Status import_practitioner_role(EntryReader& r, ImportState& s);
Status import_practitioner(EntryReader& r, ImportState& s);
//! The practice (type "prov"); a payer (type "pay") is read by its Coverage, not here.
Status import_organization(EntryReader& r, ImportState& s);

// clinical: Encounter, Condition, CarePlan, Goal, Coverage.
Status import_encounter(EntryReader& r, ImportState& s);
Status import_condition(EntryReader& r, ImportState& s);
Status import_care_plan(EntryReader& r, ImportState& s);
Status import_goal(EntryReader& r, ImportState& s);
Status import_coverage(EntryReader& r, ImportState& s);

// observations: a PHQ-9/GAD-7 score (with the QuestionnaireResponse it derives from, which
// it marks in derived_responses) or a goal measurement.
Status import_observation(EntryReader& r, ImportState& s);

// notes: a SOAP note (Composition), another note or an attachment (DocumentReference).
Status import_composition(EntryReader& r, ImportState& s);
Status import_document_reference(EntryReader& r, ImportState& s);

}  // namespace dossier::fhir
