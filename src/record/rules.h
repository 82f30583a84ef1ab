// Internal to src/record: the resource-specific rules the spec table points at. Each `check_*`
// derives server-computed fields and checks rules that span fields or rows (a note's session
// belongs to its patient, a session's code agrees with its duration); each `after_*` does the
// writes that belong to the same transaction. See resource_spec.h for the contract of a Rule.
#pragma once

#include "record/resource_spec.h"

namespace dossier::record {

// Practice-wide and demographic resources (rules_people.cpp).
Status check_patient(WriteContext& ctx);
Status after_patient(WriteContext& ctx);
Status check_care_team(WriteContext& ctx);
Status check_coverage(WriteContext& ctx);
Status check_practice(WriteContext& ctx);

// Clinical resources (rules_clinical.cpp).
Status check_session(WriteContext& ctx);
Status check_assessment(WriteContext& ctx);
Status after_diagnosis(WriteContext& ctx);
Status check_attachment(WriteContext& ctx);

// Notes (rules_notes.cpp).
Status check_note(WriteContext& ctx);
//! Psychotherapy notes are readable only by their author and admins.
std::string note_read_condition(const auth::Caller& caller, db::Params& params);
//! A signed note is locked (kConflict); only its author or an admin may change it.
Status note_may_update(const auth::Caller& caller, const Json& existing);

// Treatment plans, goals and their measurements (rules_plans.cpp).
Status check_treatment_plan(WriteContext& ctx);
Status check_goal(WriteContext& ctx);
Status check_goal_measurement(WriteContext& ctx);

}  // namespace dossier::record
