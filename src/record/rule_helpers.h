// Internal to src/record: lookups the resource rules share.
#pragma once

#include <string>

#include "record/resource_spec.h"

namespace dossier::record {

//! {"id", "patient_id"} of the `table` row `id` when its patient is visible to ctx.caller;
//! null Json when it does not exist or is not visible (the two are never told apart).
Result<Json> find_visible_row(WriteContext& ctx, const std::string& table, const std::string& id);

//! For rows whose patient follows from a parent row (a note's session, a goal's plan): when
//! `ref_field` is set (and given, on update), checks that it names a visible `parent_table`
//! row; then sets patient_id from it, or reports `ref_field` when patient_id names another
//! patient.
Status derive_patient(WriteContext& ctx, const std::string& ref_field,
                      const std::string& parent_table, const std::string& parent_noun);

//! A user reference that must name a clinician (therapist or admin, active). When `field` is
//! absent it defaults to a therapist caller; for other callers it is then required.
Status resolve_clinician(WriteContext& ctx, const std::string& field);

//! Checks that `field`, when given, names an existing active user who is not a biller.
Status require_clinician(WriteContext& ctx, const std::string& field);

//! Reports `later` when both dates are set and it is before `earlier`.
void check_date_order(WriteContext& ctx, const std::string& earlier, const std::string& later);

}  // namespace dossier::record
