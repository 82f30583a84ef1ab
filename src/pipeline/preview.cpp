// Template previews: the export pipeline run synchronously for one patient (or, for a
// practice-wide template, the practice), no job, no file.
#include "audit/audit_log.h"
#include "auth/visibility.h"
#include "catalog/template_store.h"
#include "core/clock.h"
#include "core/dates.h"
#include "core/field_checker.h"
#include "jobs/export_request.h"
#include "pipeline/producer.h"

namespace dossier::pipeline {
namespace {

constexpr int kPreviewSessions = 5;

// Session-note previews need sessions: the patient's latest kept ones unless named.
Status default_sessions(db::Database& db, const std::string& patient_id, Json& body) {
  if (body.contains("session_ids")) return {};
  DOSSIER_ASSIGN_OR_RETURN(
      db::Rows rows, db.query("SELECT id FROM sessions WHERE patient_id = ? AND status = 'kept' "
                              "ORDER BY start_time DESC, id DESC LIMIT ?",
                              {patient_id, kPreviewSessions}));
  if (rows.empty())
    return Error::validation("patient_id", "has no kept sessions to preview notes of");
  body["session_ids"] = Json::array();
  for (const auto& r : rows) body["session_ids"].push_back(r["id"]);
  return {};
}

// Practice-wide previews need a period: the calendar month before today's (UTC) unless named.
void default_period(Json& body) {
  if (body.contains("start_date") || body.contains("end_date")) return;
  const Date today = *parse_date(format_timestamp(system_clock().now()).substr(0, 10));
  const Date last = civil_from_days(days_from_civil({today.year, today.month, 1}) - 1);
  body["start_date"] = Date{last.year, last.month, 1}.str();
  body["end_date"] = last.str();
}

}  // namespace

Result<formats::Rendered> preview_template(db::Database& db, const audit::ChainKey& audit_key,
                                           const auth::Caller& caller,
                                           const std::string& template_id, const Json& body,
                                           const std::optional<std::string>& draft) {
  DOSSIER_ASSIGN_OR_RETURN(Json tmpl, catalog::get_template(db, template_id));
  if (draft) DOSSIER_TRY(catalog::editable_template(db, caller, template_id));
  const auto type = *jobs::parse_export_type(tmpl["export_type"].get<std::string>());
  FieldChecker fields(body);
  if (!fields.require_object()) return fields.finish().error();
  auto format = fields.one_of("format", {"pdf", "html"}, true);
  std::optional<std::string> patient_id;
  if (!jobs::is_practice_wide(type)) patient_id = fields.uuid("patient_id", true);
  DOSSIER_TRY(fields.finish());
  if (patient_id) DOSSIER_TRY(auth::require_patient_visible(db, caller, *patient_id));

  Json request = body;
  request["format"] = "json";
  if (type == jobs::ExportType::kSessionNotes) {
    request.erase("patient_id");
    DOSSIER_TRY(default_sessions(db, *patient_id, request));
  }
  if (jobs::is_practice_wide(type)) {
    // The whole practice whoever is named: the web editor names its chosen client for any
    // template.
    request.erase("patient_id");
    default_period(request);
  }
  DOSSIER_ASSIGN_OR_RETURN(jobs::ExportRequest parsed, jobs::parse_export_request(type, request));
  DOSSIER_TRY(jobs::authorize_export_request(db, caller, parsed));
  Json job = {{"id", "preview"},
              {"user_id", caller.user_id},
              {"patient_id", parsed.patient_id ? Json(*parsed.patient_id) : Json()},
              {"template_id", template_id},
              {"export_type", tmpl["export_type"]},
              {"format", *format},
              {"parameters", parsed.parameters.dump()}};
  if (draft) job["template_content"] = *draft;
  DOSSIER_ASSIGN_OR_RETURN(formats::Rendered out, produce(db, job));
  // A preview shows the patient's record as a document: audited like an export, once it
  // exists to be shown, and not shown when the audit row cannot be written.
  DOSSIER_TRY(audit::append(
      db, audit_key, caller,
      {"previewed",
       std::nullopt,
       parsed.patient_id,
       {{"template_id", template_id}, {"export_type", tmpl["export_type"]}, {"format", *format}}}));
  return out;
}

}  // namespace dossier::pipeline
