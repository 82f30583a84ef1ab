// Mappers of the clinical record: sessions (Encounter), diagnoses (Condition), treatment
// plans and goals (CarePlan, Goal) and coverage (Coverage and its payer's Organization).
//
// Each takes one row in API form (fields may be missing or null) plus the ids it points at,
// and returns resources with ids derived from the row's. Optional links are kept only when
// `resolves` says the target is in the Bundle.
#pragma once

#include <string>

#include "core/json.h"
#include "fhir/codes.h"

namespace dossier::fhir {

//! A `sessions` row: class VR for telehealth else AMB, type the CPT code, the therapist as
//! participant, the practice as service provider.
Json map_encounter(const Json& session, const std::string& patient_id,
                   const std::string& practice_id, const Resolves& resolves = resolves_all());

//! A `diagnoses` row, or a report's diagnosis (code instead of icd10_code and no id, in
//! which case the id is derived from the patient and the code).
Json map_condition(const Json& diagnosis, const std::string& patient_id);

//! A `treatment_plans` row; `goal_ids` are the record ids of its goals in the Bundle.
Json map_care_plan(const Json& plan, const std::string& patient_id, const Json& goal_ids,
                   const Resolves& resolves = resolves_all());

//! A `goals` row or a report's goal progress (baseline/target/current, measurements).
Json map_goal(const Json& goal, const std::string& patient_id);

//! A `goal_measurements` row as an Observation of the goal's measure, its focus the Goal
//! when that resolves.
Json map_goal_measurement(const Json& measurement, const Json& goal, const std::string& patient_id,
                          const Resolves& resolves = resolves_all());

//! A `coverage` row. The payer is the Organization map_payer() makes of the same row.
Json map_coverage(const Json& coverage, const std::string& patient_id);

//! The payer of a `coverage` row as an Organization ("payer-<coverage id>").
Json map_payer(const Json& coverage);

//! The id of the payer Organization of a coverage row.
std::string payer_id(const Json& coverage);

}  // namespace dossier::fhir
