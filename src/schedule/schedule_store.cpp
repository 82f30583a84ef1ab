#include "schedule/schedule_store.h"

#include "auth/signed_links.h"
#include "core/ids.h"
#include "storage/sealed_secret.h"

namespace dossier::schedule {
namespace {

constexpr int kRunsShown = 20;

Json json_column(const Json& value) {
  if (value.is_string()) return Json::parse(value.get<std::string>(), nullptr, false);
  return value;
}

Json nullable(const std::optional<std::string>& v) {
  return v ? Json(*v) : Json(nullptr);
}

// The columns a spec sets, in the order of the statements below.
db::Params spec_columns(const ScheduleSpec& spec) {
  return {nullable(spec.template_id),
          nullable(spec.patient_id),
          jobs::export_type_name(spec.export_type),
          spec.format,
          frequency_name(spec.recurrence.frequency),
          to_config(spec.recurrence).dump(),
          spec.parameters.dump(),
          spec.delivery_method,
          spec.delivery.dump(),
          spec.missed_runs,
          spec.is_active};
}

}  // namespace

Result<ScheduleSpec> spec_of_row(const Json& row) {
  ScheduleSpec spec;
  if (row["template_id"].is_string()) spec.template_id = row["template_id"].get<std::string>();
  if (row["patient_id"].is_string()) spec.patient_id = row["patient_id"].get<std::string>();
  const auto type = jobs::parse_export_type(row["export_type"].get<std::string>());
  if (!type) return Error::internal("a stored schedule has an unknown export type");
  spec.export_type = *type;
  spec.format = row["format"].get<std::string>();
  DOSSIER_ASSIGN_OR_RETURN(spec.recurrence,
                           parse_recurrence(row["schedule_type"].get<std::string>(),
                                            json_column(row["schedule_config"]), "UTC"));
  spec.parameters = json_column(row["parameters"]);
  spec.delivery_method = row["delivery_method"].get<std::string>();
  spec.delivery = json_column(row["delivery"]);
  spec.missed_runs = row["missed_runs"].get<std::string>();
  spec.is_active = row["is_active"] == true || row["is_active"] == 1;
  return spec;
}

Json schedule_to_api(const Json& row) {
  const bool active = row["is_active"] == true || row["is_active"] == 1;
  return {{"id", row["id"]},
          {"user_id", row["user_id"]},
          {"template_id", row["template_id"]},
          {"export_type", row["export_type"]},
          {"format", row["format"]},
          {"patient_id", row["patient_id"]},
          {"schedule_type", row["schedule_type"]},
          {"schedule_config", json_column(row["schedule_config"])},
          {"parameters", json_column(row["parameters"])},
          {"delivery_method", row["delivery_method"]},
          {"delivery", json_column(row["delivery"])},
          {"missed_runs", row["missed_runs"]},
          {"attachment_password_set", row["attachment_password"].is_string()},
          {"is_active", active},
          {"next_run_at", active ? row["next_run_at"] : Json(nullptr)},
          {"last_run_at", row["last_run_at"]},
          {"created_at", row["created_at"]},
          {"updated_at", row["updated_at"]}};
}

Result<std::string> ScheduleStore::practice_zone() {
  DOSSIER_ASSIGN_OR_RETURN(Json row, db_.query_one("SELECT time_zone FROM practice LIMIT 1"));
  return row.is_null() ? std::string("UTC") : row["time_zone"].get<std::string>();
}

Result<Json> ScheduleStore::sealed_password(const ScheduleSpec& spec, const std::string& id,
                                            const Json& stored) {
  const PasswordChange& change = spec.attachment_password;
  if (change.given && !change.value) return Json();
  if (!change.given) {
    if (!stored.is_string() || may_attach(spec)) return stored;
    return Error::validation("delivery.attachment_password",
                             "is set, and only email delivery of a PDF carries an attachment: "
                             "set it to null first");
  }
  if (keys_ == nullptr) return Error::internal("no master keys to seal the password with");
  DOSSIER_ASSIGN_OR_RETURN(std::string sealed, storage::seal_secret(*keys_, id, *change.value));
  return Json(sealed);
}

Result<Json> ScheduleStore::row(const auth::Caller& caller, const std::string& id) {
  if (!is_uuid(id)) return Error::not_found("schedule");
  DOSSIER_ASSIGN_OR_RETURN(
      Json row,
      db_.query_one("SELECT * FROM scheduled_reports WHERE id = ? AND cancelled_at IS NULL", {id}));
  if (row.is_null() || (!caller.is_admin() && row["user_id"] != caller.user_id)) {
    return Error::not_found("schedule");
  }
  return row;
}

Result<Json> ScheduleStore::create(const auth::Caller& caller, const Json& body) {
  DOSSIER_ASSIGN_OR_RETURN(std::string zone, practice_zone());
  DOSSIER_ASSIGN_OR_RETURN(ScheduleSpec spec, parse_schedule(db_, caller, body, zone));
  const TimePoint now = clock_.now();
  DOSSIER_ASSIGN_OR_RETURN(TimePoint next, next_slot(spec.recurrence, now));
  const std::string id = new_uuid();
  DOSSIER_ASSIGN_OR_RETURN(Json password, sealed_password(spec, id, Json()));
  db::Params params = spec_columns(spec);
  for (Json v : {password, Json(format_timestamp(next)), Json(format_timestamp(now)),
                 Json(format_timestamp(now)), Json(id), Json(caller.user_id)}) {
    params.push_back(std::move(v));
  }
  DOSSIER_TRY(db_.execute(
      "INSERT INTO scheduled_reports (template_id, patient_id, export_type, format, schedule_type, "
      "schedule_config, parameters, delivery_method, delivery, missed_runs, is_active, "
      "attachment_password, next_run_at, created_at, updated_at, id, user_id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      params));
  return get(caller, id);
}

Result<Json> ScheduleStore::list(const auth::Caller& caller) {
  std::string sql = "SELECT * FROM scheduled_reports WHERE cancelled_at IS NULL";
  db::Params params;
  if (!caller.is_admin()) {
    sql += " AND user_id = ?";
    params.push_back(caller.user_id);
  }
  DOSSIER_ASSIGN_OR_RETURN(db::Rows rows, db_.query(sql + " ORDER BY created_at DESC, id", params));
  Json out = Json::array();
  for (const auto& r : rows) out.push_back(schedule_to_api(r));
  return Json{{"schedules", out}};
}

Result<Json> ScheduleStore::get(const auth::Caller& caller, const std::string& id) {
  DOSSIER_ASSIGN_OR_RETURN(Json found, row(caller, id));
  Json out = schedule_to_api(found);
  DOSSIER_ASSIGN_OR_RETURN(
      db::Rows runs,
      db_.query("SELECT id, slot_at, started_at, export_job_id, status, error, delivery_attempts, "
                "next_attempt_at, finished_at FROM schedule_runs WHERE schedule_id = ? "
                "ORDER BY slot_at DESC LIMIT " +
                    std::to_string(kRunsShown),
                {id}));
  out["runs"] = Json::array();
  for (auto& r : runs) {
    r["job_id"] = r["export_job_id"];
    r.erase("export_job_id");
    out["runs"].push_back(r);
  }
  return out;
}

Result<Json> ScheduleStore::update(const auth::Caller& caller, const std::string& id,
                                   const Json& patch) {
  DOSSIER_ASSIGN_OR_RETURN(Json found, row(caller, id));
  if (!patch.is_object()) return Error::validation("body", "must be a JSON object");
  DOSSIER_ASSIGN_OR_RETURN(ScheduleSpec current, spec_of_row(found));
  Json body = to_body(current);
  for (const auto& [key, value] : patch.items()) body[key] = value;
  DOSSIER_ASSIGN_OR_RETURN(auth::Caller owner,
                           auth::link_caller(db_, found["user_id"].get<std::string>()));
  DOSSIER_ASSIGN_OR_RETURN(std::string zone, practice_zone());
  DOSSIER_ASSIGN_OR_RETURN(ScheduleSpec spec, parse_schedule(db_, owner, body, zone));
  const TimePoint now = clock_.now();
  const bool retimed = to_config(spec.recurrence) != to_config(current.recurrence) ||
                       spec.recurrence.frequency != current.recurrence.frequency ||
                       (spec.is_active && !current.is_active);
  std::string next = found["next_run_at"].get<std::string>();
  if (retimed) {
    DOSSIER_ASSIGN_OR_RETURN(TimePoint slot, next_slot(spec.recurrence, now));
    next = format_timestamp(slot);
  }
  DOSSIER_ASSIGN_OR_RETURN(Json password, sealed_password(spec, id, found["attachment_password"]));
  db::Params params = spec_columns(spec);
  for (Json v : {password, Json(next), Json(format_timestamp(now)), Json(id)}) {
    params.push_back(std::move(v));
  }
  DOSSIER_TRY(db_.execute(
      "UPDATE scheduled_reports SET template_id = ?, patient_id = ?, export_type = ?, format = ?, "
      "schedule_type = ?, schedule_config = ?, parameters = ?, delivery_method = ?, delivery = ?, "
      "missed_runs = ?, is_active = ?, attachment_password = ?, next_run_at = ?, updated_at = ? "
      "WHERE id = ?",
      params));
  return get(caller, id);
}

Status ScheduleStore::cancel(const auth::Caller& caller, const std::string& id) {
  DOSSIER_ASSIGN_OR_RETURN(Json found, row(caller, id));
  const std::string now = format_timestamp(clock_.now());
  DOSSIER_TRY(db_.execute(
      "UPDATE scheduled_reports SET is_active = ?, cancelled_at = ?, updated_at = ? WHERE id = ?",
      {false, now, now, id}));
  return {};
}

}  // namespace dossier::schedule
