// get, list and attachment_bytes: reads under the caller's role and patient visibility.
#include <utility>

#include "auth/visibility.h"
#include "core/ids.h"
#include "record/resource_store.h"
#include "record/resources.h"

namespace dossier::record {
namespace {

constexpr int kMaxPageSize = 200;

// The filters of a ListQuery with the column each one matches.
std::vector<std::pair<std::string, const std::optional<std::string>*>> filters(
    const ResourceSpec& spec, const ListQuery& q) {
  const std::string patient_column =
      spec.table->patient_column.empty() ? "patient_id" : spec.table->patient_column;
  return {{patient_column, &q.patient_id},
          {"session_id", &q.session_id},
          {"treatment_plan_id", &q.treatment_plan_id},
          {"goal_id", &q.goal_id},
          {"user_id", &q.user_id}};
}

// The filter's name in ListQuery (patients filter their own id as "patient_id").
std::string filter_name(const std::string& column) {
  return column == "id" ? "patient_id" : column;
}

Status check_query(const ResourceSpec& spec, const ListQuery& q) {
  Problems problems;
  if (q.limit < 1 || q.limit > kMaxPageSize) {
    problems.add("limit", "must be between 1 and " + std::to_string(kMaxPageSize));
  }
  for (const auto& [column, value] : filters(spec, q)) {
    if (!value->has_value()) continue;
    if (!spec.has_column(column)) {
      problems.add(filter_name(column), "is not a filter of " + spec.name);
    } else if (!is_uuid(**value)) {
      problems.add(filter_name(column), "must be a UUID");
    }
  }
  if (q.cursor && !is_resource_id(spec, *q.cursor)) {
    problems.add("cursor", "must be a next_cursor from a previous page");
  }
  if (!problems.empty()) return problems.to_error();
  return {};
}

}  // namespace

Result<Json> get(db::Database& db, const auth::Caller& caller, std::string_view resource,
                 const std::string& id) {
  const ResourceSpec* spec = find_resource(resource);
  if (spec == nullptr) return Error::not_found("resource");
  DOSSIER_TRY(require_role(caller, *spec, false));
  DOSSIER_ASSIGN_OR_RETURN(Json object, load_readable(db, caller, *spec, id));
  if (object.is_null()) return Error::not_found(spec->noun);
  return object;
}

Result<Json> list(db::Database& db, const auth::Caller& caller, std::string_view resource,
                  const ListQuery& query) {
  const ResourceSpec* spec = find_resource(resource);
  if (spec == nullptr) return Error::not_found("resource");
  DOSSIER_TRY(require_role(caller, *spec, false));
  DOSSIER_TRY(check_query(*spec, query));
  // A named patient the caller may not see is "not found", never an empty page.
  if (query.patient_id) DOSSIER_TRY(auth::require_patient_visible(db, caller, *query.patient_id));
  db::Params params;
  std::string sql = "SELECT " + select_list(*spec) + " FROM " + spec->table->name + " WHERE " +
                    readable_condition(*spec, caller, params);
  for (const auto& [column, value] : filters(*spec, query)) {
    if (!value->has_value()) continue;
    sql += " AND " + column + " = ?";
    params.push_back(**value);
  }
  const std::string key = key_expression(*spec);
  if (query.cursor) {
    sql += " AND " + key + " > ?";
    params.push_back(*query.cursor);
  }
  sql += " ORDER BY " + key + " LIMIT ?";
  params.push_back(query.limit + 1);
  DOSSIER_ASSIGN_OR_RETURN(db::Rows rows, db.query(sql, params));
  const bool more = rows.size() > static_cast<size_t>(query.limit);
  if (more) rows.pop_back();
  Json items = Json::array();
  for (const auto& row : rows) items.push_back(to_api(*spec, row));
  Json next = more ? Json(object_id(*spec, items.back())) : Json(nullptr);
  return Json{{"items", std::move(items)}, {"next_cursor", std::move(next)}};
}

Result<std::string> attachment_bytes(db::Database& db, const auth::Caller& caller,
                                     const std::string& id) {
  const ResourceSpec* spec = find_resource("attachments");
  DOSSIER_TRY(require_role(caller, *spec, false));
  DOSSIER_ASSIGN_OR_RETURN(Json meta, load_readable(db, caller, *spec, id));
  if (meta.is_null()) return Error::not_found(spec->noun);
  DOSSIER_ASSIGN_OR_RETURN(
      Json row, db.query_one("SELECT content FROM attachments WHERE id = ?", {meta["id"]}));
  if (row.is_null() || !row["content"].is_binary())
    return Error::internal("attachment has no content");
  const auto& bytes = row["content"].get_binary();
  return std::string(bytes.begin(), bytes.end());
}

}  // namespace dossier::record
