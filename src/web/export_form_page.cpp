#include "web/export_form_page.h"

#include "auth/visibility.h"
#include "catalog/template_store.h"
#include "core/ids.h"
#include "jobs/export_request.h"
#include "redact/profile.h"

namespace dossier::web {
namespace {

using jobs::ExportType;

constexpr int kMaxSessions = 100;

std::string label_of(std::string key) {
  for (char& c : key) c = c == '_' ? ' ' : c;
  if (!key.empty()) key[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(key[0])));
  return key;
}

bool is_checked(const FormFields& values, const std::string& name) {
  return values.contains(name);
}

Result<Json> visible_patients(db::Database& db, const auth::Caller& caller,
                              const std::string& selected) {
  db::Params params;
  const std::string where = auth::visible_patients_condition(caller, "p.id", params);
  DOSSIER_ASSIGN_OR_RETURN(
      db::Rows rows, db.query("SELECT p.id, p.given_name || ' ' || p.family_name AS name FROM "
                              "patients p WHERE " +
                                  where + " ORDER BY p.family_name, p.given_name, p.id",
                              params));
  Json out = Json::array();
  for (const auto& r : rows) {
    out.push_back({{"id", r["id"]}, {"name", r["name"]}, {"selected", r["id"] == selected}});
  }
  return out;
}

// The client's sessions, newest first: when, service and status only (never a note).
Result<Json> session_choices(db::Database& db, const std::string& patient_id,
                             const FormFields& values) {
  DOSSIER_ASSIGN_OR_RETURN(
      db::Rows rows,
      db.query("SELECT id, start_time, cpt_code, status FROM sessions WHERE patient_id = ? "
               "ORDER BY start_time DESC, id LIMIT ?",
               {patient_id, kMaxSessions}));
  Json out = Json::array();
  for (const auto& r : rows) {
    const std::string name = "session_ids." + r["id"].get<std::string>();
    out.push_back({{"name", name},
                   {"id", input_id(name)},
                   {"start_time", r["start_time"]},
                   {"cpt_code", r["cpt_code"]},
                   {"status", r["status"]},
                   {"checked", is_checked(values, name)}});
  }
  return out;
}

Json section_choices(ExportType type, const FormFields& values) {
  Json out = Json::array();
  for (const auto& spec : jobs::section_specs(type)) {
    if (!spec.alias_of.empty()) continue;
    const std::string name = "include_sections." + spec.key;
    out.push_back({{"name", name},
                   {"id", input_id(name)},
                   {"label", label_of(spec.key)},
                   {"checked", is_checked(values, name)}});
  }
  return out;
}

Json choices(const std::vector<std::string>& options, const std::string& selected) {
  Json out = Json::array();
  for (const auto& o : options) out.push_back({{"value", o}, {"selected", o == selected}});
  return out;
}

Result<Json> template_choices(db::Database& db, ExportType type, const std::string& selected) {
  DOSSIER_ASSIGN_OR_RETURN(
      Json list, catalog::list_templates(db, {.export_type = jobs::export_type_name(type)}));
  Json out = Json::array();
  for (const auto& t : list["templates"]) {
    out.push_back({{"id", t["id"]}, {"name", t["name"]}, {"selected", t["id"] == selected}});
  }
  return out;
}

Result<Json> plan_choices(db::Database& db, const std::string& patient_id,
                          const std::string& selected) {
  DOSSIER_ASSIGN_OR_RETURN(
      db::Rows rows, db.query("SELECT id, problem, start_date, status FROM treatment_plans WHERE "
                              "patient_id = ? ORDER BY start_date DESC, id",
                              {patient_id}));
  Json out = Json::array();
  for (const auto& r : rows) {
    out.push_back(
        {{"id", r["id"]},
         {"label", r["problem"].get<std::string>() + " (" + r["status"].get<std::string>() +
                       ", from " + r["start_date"].get<std::string>() + ")"},
         {"selected", r["id"] == selected}});
  }
  return out;
}

Json kind_of(const ExportKind& kind) {
  Json sessions = nullptr;
  if (kind.type == ExportType::kSessionNotes) sessions = "required";
  if (kind.type == ExportType::kInsuranceReport) sessions = "optional";
  return {{"slug", kind.slug},
          {"label", kind.label},
          {"practice_wide", jobs::is_practice_wide(kind.type)},
          {"sessions", sessions},
          {"session_notes", kind.type == ExportType::kSessionNotes},
          {"range", kind.type == ExportType::kProgressReport ||
                        kind.type == ExportType::kInsuranceReport ||
                        kind.type == ExportType::kPracticeSummary},
          {"range_required", kind.type == ExportType::kPracticeSummary},
          {"record_range", kind.type == ExportType::kFullRecord},
          {"treatment_summary", kind.type == ExportType::kTreatmentSummary},
          {"psychotherapy_notes",
           kind.type == ExportType::kSessionNotes || kind.type == ExportType::kFullRecord}};
}

// The second step's lists for `kind` (and the chosen client, unless practice-wide).
Status add_step_two(db::Database& db, const ExportKind& kind, const ExportFormState& state,
                    Json& page) {
  const FormFields& v = state.values;
  page["kind"] = kind_of(kind);
  page["sections"] = section_choices(kind.type, v);
  page["formats"] = choices(jobs::implemented_formats(kind.type), form_value(v, "format"));
  DOSSIER_ASSIGN_OR_RETURN(page["templates"],
                           template_choices(db, kind.type, form_value(v, "template_id")));
  page["profiles"] = choices(redact::profile_names(), form_value(v, "redaction.profile"));
  page["purposes"] = choices({"records", "transfer", "insurance"}, form_value(v, "purpose"));
  if (page["kind"]["sessions"].is_string()) {
    DOSSIER_ASSIGN_OR_RETURN(page["sessions"], session_choices(db, state.patient_id, v));
  }
  if (kind.type == ExportType::kTreatmentSummary) {
    DOSSIER_ASSIGN_OR_RETURN(
        page["plans"], plan_choices(db, state.patient_id, form_value(v, "treatment_plan_id")));
  }
  return {};
}

}  // namespace

Result<Json> export_form_page(db::Database& db, const auth::Caller& caller,
                              const ExportFormState& state) {
  Json page = {{"kinds", Json::array()}, {"kind", nullptr},          {"patient", nullptr},
               {"ready", false},         {"values", Json::object()}, {"errors", state.errors}};
  for (const ExportKind& k : export_kinds_for(caller)) {
    page["kinds"].push_back({{"slug", k.slug},
                             {"label", k.label},
                             {"selected", state.kind && state.kind->slug == k.slug}});
  }
  for (const auto& [name, value] : state.values) page["values"][name] = value;
  DOSSIER_ASSIGN_OR_RETURN(page["patients"], visible_patients(db, caller, state.patient_id));
  if (!state.patient_id.empty()) {
    if (!is_uuid(state.patient_id)) return Error::not_found("patient");
    DOSSIER_TRY(auth::require_patient_visible(db, caller, state.patient_id));
    for (const auto& p : page["patients"]) {
      if (p["id"] == state.patient_id) page["patient"] = {{"id", p["id"]}, {"name", p["name"]}};
    }
  }
  if (!state.kind) return page;
  const bool practice_wide = jobs::is_practice_wide(state.kind->type);
  if (!practice_wide && state.patient_id.empty()) {
    page["kind"] = kind_of(*state.kind);
    return page;
  }
  DOSSIER_TRY(add_step_two(db, *state.kind, state, page));
  page["ready"] = true;
  return page;
}

}  // namespace dossier::web
