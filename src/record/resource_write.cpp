// create and update: one generic path for every resource, driven by its ResourceSpec.
//   input checks (field_validation) → patient visibility → resource rules (rules.h)
//   → required members → write → same-transaction side effects → read back.
#include <algorithm>
#include <cctype>

#include "auth/visibility.h"
#include "core/clock.h"
#include "core/ids.h"
#include "record/field_validation.h"
#include "record/resource_store.h"
#include "record/resources.h"

namespace dossier::record {
namespace {

// Server-set timestamps: all of them on create, updated_at on update.
void stamp(WriteContext& ctx) {
  const std::string now = now_timestamp();
  if (ctx.creating()) {
    for (const char* column : {"created_at", "updated_at", "assigned_at"}) {
      if (ctx.spec.has_column(column)) ctx.object[column] = now;
    }
  } else if (ctx.spec.has_column("updated_at")) {
    ctx.object["updated_at"] = now;
  }
}

// A client naming a patient must be able to see them; others get kNotFound, as for any id.
Status require_named_patient_visible(WriteContext& ctx) {
  const std::string& column = ctx.spec.table->patient_column;
  if (!ctx.creating() || column.empty() || column == "id") return {};
  const Json* patient = ctx.value(column);
  if (patient == nullptr) return {};
  return auth::require_patient_visible(ctx.db, ctx.caller, patient->get<std::string>());
}

Status check_and_write(WriteContext& ctx) {
  DOSSIER_TRY(apply_input(ctx));
  if (!ctx.input.is_object()) return ctx.problems.to_error();
  reset_derived(ctx);
  if (ctx.creating() && ctx.spec.has_column("id") && ctx.value("id") == nullptr &&
      !ctx.problems.has("id")) {
    ctx.object["id"] = new_uuid();
  }
  DOSSIER_TRY(require_named_patient_visible(ctx));
  if (ctx.spec.check) DOSSIER_TRY(ctx.spec.check(ctx));
  check_required(ctx);
  if (!ctx.problems.empty()) return ctx.problems.to_error();
  stamp(ctx);
  if (ctx.creating()) {
    DOSSIER_TRY(insert_object(ctx.db, ctx.spec, ctx.object));
  } else {
    DOSSIER_TRY(update_object(ctx.db, ctx.spec, ctx.object));
  }
  if (ctx.spec.after_write) DOSSIER_TRY(ctx.spec.after_write(ctx));
  return {};
}

// An id the client chose must be new: say so on the member instead of a bare conflict.
// Only admins, who see every row, may choose one: to anyone else "already in use" would say
// that a row they may not see exists.
Status require_new_id(db::Database& db, const auth::Caller& caller, const ResourceSpec& spec,
                      const Json& body) {
  if (!body.is_object() || !body.contains("id")) return {};
  if (!caller.is_admin()) {
    return Error::validation("id", "is assigned by Dossier; only admins choose ids");
  }
  if (!body["id"].is_string() || !is_uuid(body["id"].get<std::string>())) return {};
  std::string id = body["id"];
  std::transform(id.begin(), id.end(), id.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  DOSSIER_ASSIGN_OR_RETURN(
      Json row, db.query_one("SELECT id FROM " + spec.table->name + " WHERE id = ?", {id}));
  if (row.is_null()) return {};
  Error e = Error::make(ErrorCode::kConflict, "the id is already in use");
  e.fields.push_back({"id", "is already in use"});
  return e;
}

Result<Json> read_back(db::Database& db, const auth::Caller& caller, const ResourceSpec& spec,
                       const Json& object) {
  DOSSIER_ASSIGN_OR_RETURN(Json stored, load_readable(db, caller, spec, object_id(spec, object)));
  if (stored.is_null()) return Error::internal("a written row could not be read back");
  return stored;
}

}  // namespace

Result<Json> create(db::Database& db, const auth::Caller& caller, std::string_view resource,
                    const Json& body) {
  const ResourceSpec* spec = find_resource(resource);
  if (spec == nullptr) return Error::not_found("resource");
  DOSSIER_TRY(require_role(caller, *spec, true));
  Json result;
  DOSSIER_TRY(db.transaction([&]() -> Status {
    DOSSIER_TRY(require_new_id(db, caller, *spec, body));
    WriteContext ctx{db, caller, *spec, body, nullptr, initial_object(*spec), {}};
    DOSSIER_TRY(check_and_write(ctx));
    DOSSIER_ASSIGN_OR_RETURN(result, read_back(db, caller, *spec, ctx.object));
    return {};
  }));
  return result;
}

Result<Json> update(db::Database& db, const auth::Caller& caller, std::string_view resource,
                    const std::string& id, const Json& patch) {
  const ResourceSpec* spec = find_resource(resource);
  if (spec == nullptr) return Error::not_found("resource");
  DOSSIER_TRY(require_role(caller, *spec, true));
  Json result;
  DOSSIER_TRY(db.transaction([&]() -> Status {
    DOSSIER_ASSIGN_OR_RETURN(Json existing, load_readable(db, caller, *spec, id));
    if (existing.is_null()) return Error::not_found(spec->noun);
    if (spec->may_update) DOSSIER_TRY(spec->may_update(caller, existing));
    WriteContext ctx{db, caller, *spec, patch, &existing, existing, {}};
    DOSSIER_TRY(check_and_write(ctx));
    DOSSIER_ASSIGN_OR_RETURN(result, read_back(db, caller, *spec, ctx.object));
    return {};
  }));
  return result;
}

}  // namespace dossier::record
