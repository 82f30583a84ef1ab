#include "schedule/schedule_spec.h"

#include <array>

#include "auth/visibility.h"
#include "core/field_checker.h"
#include "core/ids.h"
#include "jobs/export_request.h"

namespace dossier::schedule {
namespace {

// Members of an export request that a schedule sets itself, run by run.
constexpr std::array<std::string_view, 5> kPeriodMembers = {"start_date", "end_date", "date_range",
                                                            "session_ids", "patient_id"};
// Members of an export request that a schedule carries at its top level.
constexpr std::array<std::string_view, 3> kTopMembers = {"patient_id", "format", "template_id"};

bool is_top_member(std::string_view path) {
  for (auto m : kTopMembers) {
    if (path == m) return true;
  }
  return false;
}

// An export request's problems as the schedule's body names them.
Error as_schedule_error(Error error) {
  for (auto& f : error.fields) {
    if (!is_top_member(f.path)) f.path = "parameters." + f.path;
  }
  return error;
}

// The template's type and format, when the body names a template.
Status apply_template(db::Database& db, FieldChecker& fields, const Json& body,
                      std::optional<std::string>& type, std::optional<std::string>& format) {
  auto id = fields.uuid("template_id", false);
  if (!id) return {};
  DOSSIER_ASSIGN_OR_RETURN(
      Json row,
      db.query_one("SELECT export_type, format FROM export_templates WHERE id = ?", {*id}));
  if (row.is_null()) {
    fields.problem("template_id", "no such template");
    return {};
  }
  if (type && *type != row["export_type"]) {
    fields.problem("template_id", "is a template for another export type");
  }
  type = row["export_type"].get<std::string>();
  if (!format && !body.contains("format")) format = row["format"].get<std::string>();
  return {};
}

std::vector<std::string> type_names() {
  std::vector<std::string> names;
  for (auto t : jobs::all_export_types()) names.emplace_back(jobs::export_type_name(t));
  return names;
}

// A password long enough that the encrypted PDF resists guessing offline, where nothing
// limits the attempts.
constexpr size_t kMinPasswordChars = 12;
constexpr size_t kMaxPasswordChars = 128;

void parse_attachment_password(FieldChecker& d, const Json& delivery, ScheduleSpec& spec) {
  if (!delivery.contains("attachment_password")) return;
  spec.attachment_password.given = true;
  if (delivery["attachment_password"].is_null()) return;
  auto password = d.string("attachment_password", false, kMaxPasswordChars);
  if (!password) return;
  if (password->size() < kMinPasswordChars) {
    d.problem("attachment_password", "must be at least 12 characters");
  } else if (!may_attach(spec)) {
    d.problem("attachment_password", "is for email delivery of a PDF only");
  }
  spec.attachment_password.value = *password;
}

void parse_delivery(FieldChecker& fields, ScheduleSpec& spec) {
  spec.delivery_method =
      fields.one_of("delivery_method", {"storage", "email"}, false).value_or("storage");
  spec.missed_runs = fields.one_of("missed_runs", {"catch_up", "skip"}, false).value_or("catch_up");
  spec.is_active = fields.boolean("is_active").value_or(true);
  spec.delivery["copy_to_directory"] = false;
  if (const Json* delivery = fields.object("delivery")) {
    FieldChecker d(*delivery, "delivery.");
    d.allow_only({"copy_to_directory", "attachment_password"});
    spec.delivery["copy_to_directory"] = d.boolean("copy_to_directory").value_or(false);
    parse_attachment_password(d, *delivery, spec);
    fields.absorb(std::move(d));
  }
}

// One patient's report names them; a practice-wide report covers everyone and names no one.
void parse_patient(FieldChecker& fields, const Json& body, ScheduleSpec& spec) {
  if (!jobs::is_practice_wide(spec.export_type)) {
    spec.patient_id = fields.uuid("patient_id", true);
  } else if (body.contains("patient_id") && !body["patient_id"].is_null()) {
    fields.problem("patient_id", "must be null: a practice-wide report covers every client");
  }
}

void parse_parameters(FieldChecker& fields, ScheduleSpec& spec) {
  const Json* params = fields.object("parameters");
  if (params == nullptr) return;
  FieldChecker p(*params, "parameters.");
  for (auto member : kPeriodMembers) {
    if (p.has(member)) {
      p.problem(member, member == "patient_id"
                            ? "belongs at the top of the schedule"
                            : "is set by each run: a run covers the period before it");
    }
  }
  fields.absorb(std::move(p));
  spec.parameters = *params;
}

// The export request the schedule would make, checked as the export API checks it.
Status check_export(db::Database& db, const auth::Caller& owner, const ScheduleSpec& spec) {
  // A stand-in period and session: the runs fill in their own, the rest is checked here.
  const Json sample = run_body(spec, "2000-01-01", "2000-01-31", Json::array({new_uuid()}));
  auto request = jobs::parse_export_request(spec.export_type, sample);
  if (!request.ok()) return as_schedule_error(request.error());
  if (spec.export_type == jobs::ExportType::kSessionNotes) {
    // The sample's session is a stand-in: check what the runs' sessions will share.
    if (!owner.may_read_notes()) {
      return Error::make(ErrorCode::kForbidden, "billers may make insurance exports only");
    }
    return auth::require_patient_visible(db, owner, *spec.patient_id);
  }
  Status allowed = jobs::authorize_export_request(db, owner, *request);
  if (!allowed.ok()) return as_schedule_error(allowed.error());
  return {};
}

Status check_owner_email(db::Database& db, const auth::Caller& owner) {
  DOSSIER_ASSIGN_OR_RETURN(Json row,
                           db.query_one("SELECT email FROM users WHERE id = ?", {owner.user_id}));
  if (row.is_null() || !row["email"].is_string() || row["email"].get<std::string>().empty()) {
    return Error::validation("delivery_method",
                             "email needs an email address on file for the schedule's owner");
  }
  return {};
}

}  // namespace

Result<ScheduleSpec> parse_schedule(db::Database& db, const auth::Caller& owner, const Json& body,
                                    std::string_view practice_zone) {
  FieldChecker fields(body);
  if (!fields.require_object()) return fields.finish().error();
  fields.allow_only({"template_id", "export_type", "format", "patient_id", "schedule_type",
                     "schedule_config", "parameters", "delivery_method", "delivery", "missed_runs",
                     "is_active"});
  ScheduleSpec spec;
  std::optional<std::string> type = fields.one_of("export_type", type_names(), false);
  std::optional<std::string> format = fields.string("format", false, 20);
  DOSSIER_TRY(apply_template(db, fields, body, type, format));
  if (!type) fields.problem("export_type", "is required when no template_id gives it");
  if (type) spec.export_type = *jobs::parse_export_type(*type);
  if (format) spec.format = *format;
  spec.template_id = fields.uuid("template_id", false);
  parse_patient(fields, body, spec);
  const Json type_given = body.value("schedule_type", Json());
  auto rule = parse_recurrence(type_given.is_string() ? type_given.get<std::string>() : "",
                               body.value("schedule_config", Json()), practice_zone);
  if (!rule.ok()) {
    for (const auto& f : rule.error().fields) fields.problem(f.path, f.problem);
  }
  parse_parameters(fields, spec);
  parse_delivery(fields, spec);
  DOSSIER_TRY(fields.finish());
  spec.recurrence = *rule;
  DOSSIER_TRY(check_export(db, owner, spec));
  if (spec.delivery_method == "email") DOSSIER_TRY(check_owner_email(db, owner));
  return spec;
}

bool may_attach(const ScheduleSpec& spec) {
  return spec.delivery_method == "email" &&
         jobs::content_type_for(spec.format, jobs::export_type_name(spec.export_type)) ==
             "application/pdf";
}

Json to_body(const ScheduleSpec& spec) {
  Json body = {{"export_type", jobs::export_type_name(spec.export_type)},
               {"format", spec.format},
               {"patient_id", spec.patient_id ? Json(*spec.patient_id) : Json(nullptr)},
               {"schedule_type", frequency_name(spec.recurrence.frequency)},
               {"schedule_config", to_config(spec.recurrence)},
               {"parameters", spec.parameters},
               {"delivery_method", spec.delivery_method},
               {"delivery", spec.delivery},
               {"missed_runs", spec.missed_runs},
               {"is_active", spec.is_active}};
  if (spec.template_id) body["template_id"] = *spec.template_id;
  return body;
}

Json run_body(const ScheduleSpec& spec, const std::string& start_date, const std::string& end_date,
              const Json& session_ids) {
  Json body = spec.parameters;
  body["format"] = spec.format;
  if (spec.template_id) body["template_id"] = *spec.template_id;
  switch (spec.export_type) {
    case jobs::ExportType::kSessionNotes:
      body["session_ids"] = session_ids;
      break;
    case jobs::ExportType::kFullRecord:
      body["patient_id"] = *spec.patient_id;
      if (!start_date.empty()) body["date_range"] = {{"start", start_date}, {"end", end_date}};
      break;
    case jobs::ExportType::kTreatmentSummary:
      body["patient_id"] = *spec.patient_id;
      break;
    case jobs::ExportType::kProgressReport:
    case jobs::ExportType::kInsuranceReport:
      body["patient_id"] = *spec.patient_id;
      if (!start_date.empty()) {
        body["start_date"] = start_date;
        body["end_date"] = end_date;
      }
      break;
    case jobs::ExportType::kPracticeSummary:
      body["start_date"] = start_date;
      body["end_date"] = end_date;
      break;
  }
  return body;
}

}  // namespace dossier::schedule
