// Rules for treatment plans, their goals and the measurements of those goals.
#include "record/rule_helpers.h"
#include "record/rules.h"

namespace dossier::record {

Status check_treatment_plan(WriteContext& ctx) {
  DOSSIER_TRY(resolve_clinician(ctx, "therapist_id"));
  check_date_order(ctx, "start_date", "review_date");
  check_date_order(ctx, "start_date", "next_review_date");
  return {};
}

Status check_goal(WriteContext& ctx) {
  return derive_patient(ctx, "treatment_plan_id", "treatment_plans", "treatment plan");
}

Status check_goal_measurement(WriteContext& ctx) {
  return derive_patient(ctx, "goal_id", "goals", "goal");
}

}  // namespace dossier::record
