#include "record/resource_store.h"

#include <algorithm>

#include "auth/visibility.h"
#include "core/ids.h"

namespace dossier::record {
namespace {

bool hidden(const ResourceSpec& spec, const std::string& column) {
  return std::find(spec.hidden_columns.begin(), spec.hidden_columns.end(), column) !=
         spec.hidden_columns.end();
}

bool is_key(const ResourceSpec& spec, const std::string& column) {
  return std::find(spec.key_columns.begin(), spec.key_columns.end(), column) !=
         spec.key_columns.end();
}

std::vector<std::string> split_id(const std::string& id) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t colon; (colon = id.find(':', start)) != std::string::npos; start = colon + 1) {
    parts.push_back(id.substr(start, colon - start));
  }
  parts.push_back(id.substr(start));
  return parts;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  return s;
}

}  // namespace

Status require_role(const auth::Caller& caller, const ResourceSpec& spec, bool write) {
  const Access& a = spec.access;
  bool allowed = true;
  switch (caller.role) {
    case auth::Role::kAdmin:
      break;
    case auth::Role::kTherapist:
      allowed = write ? a.therapist_write : a.therapist_read;
      break;
    case auth::Role::kBiller:
      allowed = write ? a.biller_write : a.biller_read;
      break;
  }
  if (allowed) return {};
  return Error::make(ErrorCode::kForbidden,
                     std::string("this role may not ") + (write ? "change " : "read ") + spec.name);
}

std::string key_expression(const ResourceSpec& spec) {
  std::string expr;
  for (const auto& c : spec.key_columns) expr += (expr.empty() ? "" : " || ':' || ") + c;
  return expr;
}

std::string select_list(const ResourceSpec& spec) {
  std::string cols;
  for (const auto& c : spec.table->columns) {
    if (!hidden(spec, c.name)) cols += (cols.empty() ? "" : ", ") + c.name;
  }
  return cols;
}

std::string readable_condition(const ResourceSpec& spec, const auth::Caller& caller,
                               db::Params& params) {
  std::string cond = "1 = 1";
  if (!spec.table->patient_column.empty()) {
    cond = auth::visible_patients_condition(caller, spec.table->patient_column, params);
  }
  if (spec.read_condition) cond += " AND " + spec.read_condition(caller, params);
  return cond;
}

bool is_resource_id(const ResourceSpec& spec, const std::string& id) {
  const auto parts = split_id(id);
  return parts.size() == spec.key_columns.size() &&
         std::all_of(parts.begin(), parts.end(), [](const std::string& p) { return is_uuid(p); });
}

Result<Json> load_readable(db::Database& db, const auth::Caller& caller, const ResourceSpec& spec,
                           const std::string& id) {
  if (!is_resource_id(spec, id)) return Json();
  db::Params params;
  std::string where;
  for (const auto& part : split_id(id)) {
    where += (where.empty() ? "" : " AND ") + spec.key_columns[params.size()] + " = ?";
    params.push_back(lower(part));
  }
  const std::string sql = "SELECT " + select_list(spec) + " FROM " + spec.table->name + " WHERE " +
                          where + " AND " + readable_condition(spec, caller, params);
  DOSSIER_ASSIGN_OR_RETURN(Json row, db.query_one(sql, params));
  if (row.is_null()) return row;
  return to_api(spec, row);
}

std::string object_id(const ResourceSpec& spec, const Json& object) {
  std::string id;
  for (const auto& c : spec.key_columns) {
    id += (id.empty() ? "" : ":") + object.value(c, std::string());
  }
  return id;
}

Json to_api(const ResourceSpec& spec, const db::Row& row) {
  Json object = to_object(*spec.table, row);
  for (const auto& c : spec.hidden_columns) object.erase(c);
  return object;
}

Status insert_object(db::Database& db, const ResourceSpec& spec, const Json& object) {
  DOSSIER_TRY(db.execute(insert_sql(*spec.table), to_params(*spec.table, object)));
  return {};
}

Status update_object(db::Database& db, const ResourceSpec& spec, const Json& object) {
  const db::Params all = to_params(*spec.table, object);
  std::string sets;
  db::Params params;
  for (size_t i = 0; i < spec.table->columns.size(); ++i) {
    const std::string& name = spec.table->columns[i].name;
    if (is_key(spec, name) || hidden(spec, name)) continue;
    sets += (sets.empty() ? "" : ", ") + name + " = ?";
    params.push_back(all[i]);
  }
  std::string where;
  for (const auto& k : spec.key_columns) {
    where += (where.empty() ? "" : " AND ") + k + " = ?";
    params.push_back(object.at(k));
  }
  DOSSIER_ASSIGN_OR_RETURN(
      int64_t changed,
      db.execute("UPDATE " + spec.table->name + " SET " + sets + " WHERE " + where, params));
  if (changed != 1) return Error::not_found(spec.noun);
  return {};
}

}  // namespace dossier::record
