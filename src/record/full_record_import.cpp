#include "record/full_record_import.h"

#include "core/base64.h"
#include "core/dates.h"
#include "core/time_zone.h"
#include "record/schema.h"

namespace dossier::record {
namespace {

bool value_fits(const Column& column, const Json& v) {
  if (v.is_null()) return true;
  switch (column.kind) {
    case ColumnKind::kText:
      return v.is_string();
    case ColumnKind::kInteger:
      return v.is_number_integer();
    case ColumnKind::kReal:
      return v.is_number();
    case ColumnKind::kBool:
      return v.is_boolean();
    case ColumnKind::kJson:
      return true;
    case ColumnKind::kBlob:
      return v.is_string() && base64_decode(v.get<std::string>()).has_value();
    case ColumnKind::kDate:
      return v.is_string() && parse_date(v.get<std::string>()).has_value();
    case ColumnKind::kTimestamp:
      return v.is_string() && parse_timestamp(v.get<std::string>()).has_value();
  }
  return false;
}

Status check_row(const TableSpec& table, const Json& row, const std::string& path) {
  if (!row.is_object()) return Error::validation(path, "must be an object");
  for (const auto& [key, value] : row.items()) {
    const Column* column = table.column(key);
    if (!column) return Error::validation(path + "." + key, "is not a column of " + table.name);
    if (!value_fits(*column, value))
      return Error::validation(path + "." + key, "has the wrong type or format");
  }
  return {};
}

// Practice and clinicians describe who kept the record; an existing row wins.
Result<bool> already_present(db::Database& db, const TableSpec& table, const Json& row) {
  if (table.name == "practice") {
    DOSSIER_ASSIGN_OR_RETURN(Json any, db.query_one("SELECT id FROM practice"));
    return !any.is_null();
  }
  if (table.name == "users") {
    DOSSIER_ASSIGN_OR_RETURN(Json same,
                             db.query_one("SELECT id FROM users WHERE id = ?", {row["id"]}));
    return !same.is_null();
  }
  return false;
}

// Exports from before practices had a time zone carry none: such a practice keeps UTC, the
// zone its documents were printed in. A zone that is given must be one the tz database knows.
Result<Json> practice_row(const Json& row, const std::string& path) {
  Json out = row;
  const auto zone = row.find("time_zone");
  if (zone == row.end() || zone->is_null()) {
    out["time_zone"] = "UTC";
  } else if (!is_time_zone(zone->get<std::string>())) {
    return Error::validation(path + ".time_zone",
                             "must be an IANA time zone name such as America/New_York");
  }
  return out;
}

Status import_table(db::Database& db, const TableSpec& table, const Json& rows, Json& counts) {
  const std::string base = "tables." + table.name;
  if (!rows.is_array()) return Error::validation(base, "must be an array");
  const std::string sql = insert_sql(table);
  int64_t n = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string path = base + "[" + std::to_string(i) + "]";
    DOSSIER_TRY(check_row(table, rows[i], path));
    DOSSIER_ASSIGN_OR_RETURN(bool skip, already_present(db, table, rows[i]));
    if (skip) continue;
    db::Params params;
    if (table.name == "practice") {
      DOSSIER_ASSIGN_OR_RETURN(Json row, practice_row(rows[i], path));
      params = to_params(table, row);
    } else {
      params = to_params(table, rows[i]);
    }
    auto inserted = db.execute(sql, params);
    if (!inserted.ok()) {
      if (inserted.error().code == ErrorCode::kConflict) {
        return Error::make(ErrorCode::kConflict,
                           "rows of " + table.name + " conflict with the existing record");
      }
      return std::move(inserted).error();
    }
    ++n;
  }
  counts[table.name] = n;
  return {};
}

}  // namespace

Result<Json> import_full_record(db::Database& db, const Json& document) {
  if (!document.is_object())
    return Error::validation("body", "must be a full-record export object");
  if (document.value("format_version", 0) != 1) {
    return Error::validation("format_version", "must be 1 (a Dossier full-record JSON export)");
  }
  const Json& tables = document.value("tables", Json());
  if (!tables.is_object()) return Error::validation("tables", "must be an object");
  for (const auto& [name, rows] : tables.items()) {
    const TableSpec* spec = find_table(name);
    if (!spec || !spec->excluded_reason.empty())
      return Error::validation("tables." + name, "is not an importable table");
  }
  if (!tables.contains("patients") || tables["patients"].size() != 1) {
    return Error::validation("tables.patients", "must hold exactly the one patient of the record");
  }
  Json counts = Json::object();
  DOSSIER_TRY(db.transaction([&]() -> Status {
    for (const auto& table : clinical_tables()) {
      if (tables.contains(table.name))
        DOSSIER_TRY(import_table(db, table, tables[table.name], counts));
    }
    return {};
  }));
  return Json{{"patient_id", tables["patients"][0]["id"]}, {"rows", counts}};
}

}  // namespace dossier::record
