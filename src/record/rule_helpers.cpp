#include "record/rule_helpers.h"

#include "auth/visibility.h"

namespace dossier::record {

Result<Json> find_visible_row(WriteContext& ctx, const std::string& table, const std::string& id) {
  db::Params params{id};
  const std::string sql = "SELECT id, patient_id FROM " + table + " WHERE id = ? AND " +
                          auth::visible_patients_condition(ctx.caller, "patient_id", params);
  return ctx.db.query_one(sql, params);
}

Status derive_patient(WriteContext& ctx, const std::string& ref_field,
                      const std::string& parent_table, const std::string& parent_noun) {
  const Json* ref = ctx.value(ref_field);
  if (ref == nullptr || (!ctx.creating() && !ctx.given(ref_field))) return {};
  DOSSIER_ASSIGN_OR_RETURN(Json parent,
                           find_visible_row(ctx, parent_table, ref->get<std::string>()));
  if (parent.is_null()) {
    ctx.problems.add(ref_field, "does not name an existing " + parent_noun);
    return {};
  }
  const Json* patient = ctx.value("patient_id");
  if (patient == nullptr && !ctx.problems.has("patient_id")) {
    ctx.object["patient_id"] = parent["patient_id"];
  } else if (patient != nullptr && *patient != parent["patient_id"]) {
    ctx.problems.add(ref_field, "must belong to the same patient");
  }
  return {};
}

Status require_clinician(WriteContext& ctx, const std::string& field) {
  const Json* user = ctx.value(field);
  if (user == nullptr || !ctx.given(field)) return {};
  DOSSIER_ASSIGN_OR_RETURN(
      Json row, ctx.db.query_one("SELECT role, is_active FROM users WHERE id = ?", {*user}));
  if (row.is_null()) {
    ctx.problems.add(field, "does not name an existing user");
  } else if (row["role"] == "biller" || row["is_active"] == 0) {
    ctx.problems.add(field, "must name an active therapist or admin");
  }
  return {};
}

Status resolve_clinician(WriteContext& ctx, const std::string& field) {
  if (ctx.value(field) == nullptr && !ctx.problems.has(field)) {
    if (ctx.caller.role != auth::Role::kTherapist) {
      ctx.problems.add(field, "is required");
      return {};
    }
    ctx.object[field] = ctx.caller.user_id;
  }
  return require_clinician(ctx, field);
}

void check_date_order(WriteContext& ctx, const std::string& earlier, const std::string& later) {
  const Json* a = ctx.value(earlier);
  const Json* b = ctx.value(later);
  // YYYY-MM-DD compares correctly as text.
  if (a != nullptr && b != nullptr && b->get<std::string>() < a->get<std::string>()) {
    ctx.problems.add(later, "must not be before " + earlier);
  }
}

}  // namespace dossier::record
