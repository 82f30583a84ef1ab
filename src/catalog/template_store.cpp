#include "catalog/template_store.h"

#include <algorithm>

#include "catalog/system_templates.h"
#include "catalog/template_assets.h"
#include "core/clock.h"
#include "core/field_checker.h"
#include "core/ids.h"
#include "jobs/export_request.h"
#include "redact/profile.h"
#include "tmpl/template.h"

namespace dossier::catalog {
namespace {

struct SystemTemplate {
  const char* id;
  const char* export_type;
  const char* name;
  const char* description;
};

// Fixed ids, so that a request or a schedule naming a system template keeps working across
// releases.
constexpr SystemTemplate kSystem[] = {
    {"00000000-0000-7000-8000-000000000001", "session_notes", "Session note",
     "SOAP, DAP, BIRP and free-text notes with signature, action items and AI-drafted labels"},
    {"00000000-0000-7000-8000-000000000002", "progress_report", "Progress report",
     "Goals and progress, PHQ-9/GAD-7 trends with charts, sessions, observations, recommendations"},
    {"00000000-0000-7000-8000-000000000003", "treatment_summary", "Treatment summary",
     "Diagnosis, plan, interventions, progress, prognosis and medical necessity"},
    {"00000000-0000-7000-8000-000000000004", "full_record", "Full record",
     "The complete record with a table of contents"},
    {"00000000-0000-7000-8000-000000000005", "insurance_report", "Insurance report",
     "Claim information and clinical summary, minimum necessary"},
    {"00000000-0000-7000-8000-000000000006", "practice_summary", "Practice summary",
     "Sessions by therapist, no-shows, CPT mix, PHQ-9/GAD-7 change and billing, for admins"},
};

constexpr size_t kMaxContent = 512 * 1024;

Json to_api(const Json& row, bool with_content) {
  Json t = {{"id", row["id"]},
            {"name", row["name"]},
            {"description", row["description"]},
            {"export_type", row["export_type"]},
            {"format", row["format"]},
            {"include_sections", row["include_sections"].is_string()
                                     ? Json::parse(row["include_sections"].get<std::string>())
                                     : Json(nullptr)},
            {"redaction_profile", row["redaction_profile"]},
            {"is_system", row["is_system"] == 1},
            {"created_by", row["created_by"]},
            {"created_at", row["created_at"]},
            {"updated_at", row["updated_at"]}};
  if (with_content) t["template_content"] = row["template_content"];
  return t;
}

std::optional<jobs::ExportType> type_of(const Json& value) {
  return value.is_string() ? jobs::parse_export_type(value.get<std::string>()) : std::nullopt;
}

// include_sections keys must be sections of the template's export type.
void check_sections(FieldChecker& fields, const Json* sections,
                    std::optional<jobs::ExportType> type) {
  if (!sections || !type) return;
  const auto& specs = jobs::section_specs(*type);
  for (const auto& item : sections->items()) {
    const std::string& key = item.key();
    const bool known =
        std::any_of(specs.begin(), specs.end(), [&](const auto& s) { return s.key == key; });
    if (!known) fields.problem("include_sections." + key, "is not a section of this export type");
    if (!item.value().is_boolean()) {
      fields.problem("include_sections." + key, "must be true or false");
    }
  }
}

// Checks the writable members; `partial` allows any of them to be absent (updates).
Status check_body(const Json& body, bool partial, Json& out) {
  FieldChecker f(body);
  if (!f.require_object()) return f.finish();
  f.allow_only({"name", "description", "export_type", "format", "template_content",
                "include_sections", "redaction_profile"});
  std::vector<std::string> types;
  for (auto t : jobs::all_export_types()) types.push_back(jobs::export_type_name(t));
  if (auto v = f.string("name", !partial, 100)) out["name"] = *v;
  if (auto v = f.string("description", false, 2000)) out["description"] = *v;
  if (auto v = f.one_of("export_type", types, !partial)) out["export_type"] = *v;
  if (auto v = f.one_of("format", {"pdf", "docx"}, !partial)) out["format"] = *v;
  if (auto v = f.one_of("redaction_profile", redact::profile_names(), false))
    out["redaction_profile"] = *v;
  auto content = f.string("template_content", !partial, kMaxContent);
  const Json* sections = f.object("include_sections");
  if (sections) out["include_sections"] = *sections;
  check_sections(f, sections, type_of(out.value("export_type", Json())));
  DOSSIER_TRY(f.finish());
  if (content) {
    auto parsed = tmpl::Template::parse(*content, "template_content");
    if (!parsed.ok()) {
      Error e{ErrorCode::kUnprocessable, "the template does not parse", {}};
      e.fields.push_back({"template_content", parsed.error().detail});
      return e;
    }
    out["template_content"] = *content;
  }
  return {};
}

}  // namespace

Result<Json> editable_template(db::Database& db, const auth::Caller& caller,
                               const std::string& id) {
  if (!is_uuid(id)) return Error::not_found("template");
  DOSSIER_ASSIGN_OR_RETURN(Json row,
                           db.query_one("SELECT * FROM export_templates WHERE id = ?", {id}));
  if (row.is_null()) return Error::not_found("template");
  if (row["is_system"] == 1) {
    return Error::make(ErrorCode::kForbidden,
                       "system templates are read-only; copy one to change it");
  }
  if (!caller.is_admin() && row["created_by"] != caller.user_id) {
    return Error::make(ErrorCode::kForbidden,
                       "only the template's creator or an admin may change it");
  }
  return row;
}

std::string system_template_id(std::string_view export_type) {
  for (const auto& t : kSystem) {
    if (export_type == t.export_type) return t.id;
  }
  return "";
}

Status install_system_templates(db::Database& db) {
  const std::string now = now_timestamp();
  return db.transaction([&]() -> Status {
    for (const auto& t : kSystem) {
      const std::string path = std::string(t.export_type) + ".html.j2";
      const auto& files = system_template_files();
      auto file =
          std::find_if(files.begin(), files.end(), [&](const auto& f) { return f.path == path; });
      if (file == files.end()) continue;
      // Several processes may start at once on one database: the first insert wins, the
      // others change nothing.
      DOSSIER_TRY(
          db.execute("INSERT INTO export_templates (id, name, description, export_type, format, "
                     "template_content, include_sections, is_system, created_by, created_at, "
                     "updated_at) VALUES (?, ?, ?, ?, 'pdf', ?, NULL, 1, NULL, ?, ?) "
                     "ON CONFLICT (id) DO NOTHING",
                     {t.id, t.name, t.description, t.export_type, file->content, now, now}));
      DOSSIER_TRY(
          db.execute("UPDATE export_templates SET name = ?, description = ?, template_content = "
                     "?, updated_at = ? WHERE id = ? AND template_content <> ?",
                     {t.name, t.description, file->content, now, t.id, file->content}));
    }
    return {};
  });
}

Result<Json> list_templates(db::Database& db, const TemplateQuery& query) {
  std::string sql = "SELECT * FROM export_templates";
  db::Params params;
  if (query.export_type) {
    sql += " WHERE export_type = ?";
    params.push_back(*query.export_type);
  }
  sql += " ORDER BY is_system DESC, name, id";
  DOSSIER_ASSIGN_OR_RETURN(db::Rows rows, db.query(sql, params));
  Json out = {{"templates", Json::array()}};
  for (const auto& r : rows) out["templates"].push_back(to_api(r, false));
  return out;
}

Result<Json> get_template(db::Database& db, const std::string& id) {
  if (!is_uuid(id)) return Error::not_found("template");
  DOSSIER_ASSIGN_OR_RETURN(Json row,
                           db.query_one("SELECT * FROM export_templates WHERE id = ?", {id}));
  if (row.is_null()) return Error::not_found("template");
  return to_api(row, true);
}

Result<Json> create_template(db::Database& db, const auth::Caller& caller, const Json& body) {
  Json fields = Json::object();
  std::string copy_from;
  if (body.is_object() && body.contains("copy_of")) {
    FieldChecker f(body);
    f.allow_only({"copy_of", "name"});
    auto source_id = f.uuid("copy_of", true);
    auto name = f.string("name", false, 100);
    DOSSIER_TRY(f.finish());
    DOSSIER_ASSIGN_OR_RETURN(Json source, get_template(db, *source_id));
    copy_from = *source_id;
    fields = {
        {"name", name.value_or(("Copy of " + source["name"].get<std::string>()).substr(0, 100))},
        {"description", source["description"]},
        {"export_type", source["export_type"]},
        {"format", source["format"]},
        {"template_content", source["template_content"]},
        {"include_sections", source["include_sections"]},
        {"redaction_profile", source["redaction_profile"]}};
  } else {
    DOSSIER_TRY(check_body(body, false, fields));
  }
  const std::string id = new_uuid();
  const std::string now = now_timestamp();
  const Json sections = fields.value("include_sections", Json());
  DOSSIER_TRY(db.transaction([&]() -> Status {
    DOSSIER_TRY(
        db.execute("INSERT INTO export_templates (id, name, description, export_type, format, "
                   "template_content, include_sections, redaction_profile, is_system, created_by, "
                   "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
                   {id, fields["name"], fields.value("description", Json()), fields["export_type"],
                    fields["format"], fields["template_content"],
                    sections.is_null() ? Json() : Json(sections.dump()),
                    fields.value("redaction_profile", Json()), caller.user_id, now, now}));
    // A copy brings its images along, so that it renders as its source did.
    if (!copy_from.empty()) DOSSIER_TRY(copy_template_assets(db, copy_from, id));
    return {};
  }));
  return get_template(db, id);
}

Result<Json> update_template(db::Database& db, const auth::Caller& caller, const std::string& id,
                             const Json& body) {
  DOSSIER_ASSIGN_OR_RETURN(Json row, editable_template(db, caller, id));
  Json fields = Json::object();
  if (body.is_object() && body.contains("export_type") == false)
    fields["export_type"] = row["export_type"];
  DOSSIER_TRY(check_body(body, true, fields));
  for (const auto& [key, value] : fields.items()) {
    if (!body.contains(key)) continue;
    const Json stored = key == "include_sections" ? Json(value.dump()) : value;
    DOSSIER_TRY(
        db.execute("UPDATE export_templates SET " + key + " = ?, updated_at = ? WHERE id = ?",
                   {stored, now_timestamp(), id}));
  }
  return get_template(db, id);
}

Status delete_template(db::Database& db, const auth::Caller& caller, const std::string& id) {
  DOSSIER_ASSIGN_OR_RETURN(Json row, editable_template(db, caller, id));
  DOSSIER_ASSIGN_OR_RETURN(
      Json used, db.query_one("SELECT COUNT(*) AS n FROM scheduled_reports WHERE template_id = ? "
                              "AND is_active = 1",
                              {id}));
  if (used["n"].get<int64_t>() > 0) {
    return Error::make(ErrorCode::kConflict, "the template is used by a scheduled report");
  }
  return db.transaction([&]() -> Status {
    DOSSIER_TRY(
        db.execute("UPDATE export_jobs SET template_id = NULL WHERE template_id = ?", {id}));
    DOSSIER_TRY(delete_all_template_assets(db, id));
    DOSSIER_TRY(db.execute("DELETE FROM export_templates WHERE id = ?", {id}));
    return {};
  });
}

}  // namespace dossier::catalog
