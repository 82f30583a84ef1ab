#include "web/export_form.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "jobs/export_request.h"

namespace dossier::web {
namespace {

using jobs::ExportType;

constexpr std::string_view kSessionPrefix = "session_ids.";
constexpr std::string_view kSectionPrefix = "include_sections.";

const std::vector<ExportKind>& all_kinds() {
  static const std::vector<ExportKind> kKinds = {
      {ExportType::kProgressReport, "progress-report", "Progress report"},
      {ExportType::kSessionNotes, "session-notes", "Session notes"},
      {ExportType::kTreatmentSummary, "treatment-summary", "Treatment summary"},
      {ExportType::kFullRecord, "full-record", "Full record"},
      {ExportType::kInsuranceReport, "insurance-report", "Insurance report"},
      {ExportType::kPracticeSummary, "practice-summary", "Practice summary"},
  };
  return kKinds;
}

bool offered(const auth::Caller& caller, ExportType type) {
  if (jobs::is_practice_wide(type)) return caller.role == auth::Role::kAdmin;
  if (caller.role == auth::Role::kBiller) return type == ExportType::kInsuranceReport;
  return true;
}

void put_text(Json& body, const FormFields& form, const std::string& name) {
  if (const std::string& v = form_value(form, name); !v.empty()) body[name] = v;
}

// A text input whose name is "outer.inner" goes into body[outer][inner].
void put_nested(Json& body, const FormFields& form, const std::string& outer,
                const std::string& inner) {
  if (const std::string& v = form_value(form, outer + "." + inner); !v.empty()) {
    body[outer][inner] = v;
  }
}

bool checked(const FormFields& form, std::string_view name) {
  return form.contains(name);
}

// The ids of the checked session boxes, in the order the form listed them (by name).
Json session_ids(const FormFields& form) {
  Json ids = Json::array();
  for (auto it = form.lower_bound(kSessionPrefix);
       it != form.end() && it->first.starts_with(kSessionPrefix); ++it) {
    ids.push_back(it->first.substr(kSessionPrefix.size()));
  }
  return ids;
}

Json sections(ExportType type, const FormFields& form) {
  Json out = Json::object();
  for (const auto& spec : jobs::section_specs(type)) {
    if (spec.alias_of.empty())
      out[spec.key] = checked(form, std::string(kSectionPrefix) + spec.key);
  }
  return out;
}

Json options(ExportType type, const FormFields& form) {
  Json out = Json::object();
  if (type == ExportType::kSessionNotes) {
    for (const char* name : {"include_transcript", "include_ai_notes", "include_action_items"}) {
      out[name] = checked(form, std::string("options.") + name);
    }
    if (const std::string& bundle = form_value(form, "options.bundle"); !bundle.empty()) {
      out["bundle"] = bundle;
    }
  }
  const bool notes = type == ExportType::kSessionNotes || type == ExportType::kFullRecord;
  if (notes && checked(form, "options.include_psychotherapy_notes")) {
    out["include_psychotherapy_notes"] = true;
  }
  if (form_value(form, "format") == "csv" && checked(form, "options.bom")) out["bom"] = true;
  return out;
}

// Custom terms to redact, one per line of their text area.
Json redaction_terms(const FormFields& form) {
  Json terms = Json::array();
  std::string_view text = form_value(form, "redaction.terms");
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
      line.remove_suffix(1);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.front())))
      line.remove_prefix(1);
    if (!line.empty()) terms.push_back(std::string(line));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  }
  return terms;
}

// Where the export goes: purpose (the treatment summary's is its own select), recipient,
// redaction profile, the client's authorization (psychotherapy notes) and consent (a 42 CFR
// Part 2 record). Practice-wide reports are not disclosures and take none of them.
void put_disclosure(Json& body, const FormFields& form) {
  put_text(body, form, "purpose");
  put_nested(body, form, "recipient", "name");
  put_nested(body, form, "recipient", "organization");
  put_nested(body, form, "recipient", "address");
  put_nested(body, form, "redaction", "profile");
  if (Json terms = redaction_terms(form); !terms.empty()) body["redaction"]["terms"] = terms;
  for (const char* key : {"reference", "date", "scope"})
    put_nested(body, form, "authorization", key);
  for (const char* key : {"reference", "date", "description"})
    put_nested(body, form, "consent", key);
}

void put_range(Json& body, const FormFields& form) {
  put_text(body, form, "start_date");
  put_text(body, form, "end_date");
}

void put_by_type(ExportType type, Json& body, const FormFields& form) {
  switch (type) {
    case ExportType::kSessionNotes:
      body["session_ids"] = session_ids(form);
      break;
    case ExportType::kProgressReport:
      put_range(body, form);
      break;
    case ExportType::kTreatmentSummary:
      put_text(body, form, "treatment_plan_id");
      break;
    case ExportType::kFullRecord:
      put_nested(body, form, "date_range", "start");
      put_nested(body, form, "date_range", "end");
      break;
    case ExportType::kInsuranceReport:
      // Sessions or a date range: the API refuses both, so sessions are sent only if ticked.
      if (Json ids = session_ids(form); !ids.empty()) body["session_ids"] = ids;
      put_range(body, form);
      break;
    case ExportType::kPracticeSummary:
      put_range(body, form);
      break;
  }
}

// What the form calls the input `name`, for the list of problems above it; null for a path
// that is no input of the form (what a complete claim lacks is in the record, not the form).
Json field_label(const std::string& name) {
  static const std::map<std::string, std::string, std::less<>> kLabels = {
      {"type", "Export"},
      {"patient_id", "Client"},
      {"session_ids", "Sessions"},
      {"start_date", "From"},
      {"end_date", "To"},
      {"date_range.start", "From"},
      {"date_range.end", "To"},
      {"treatment_plan_id", "Treatment plan"},
      {"include_sections", "Sections"},
      {"format", "Format"},
      {"template_id", "Template"},
      {"options.bundle", "Several sessions as"},
      {"options.include_ai_notes", "AI-drafted notes"},
      {"options.include_action_items", "Action items"},
      {"options.include_transcript", "Transcripts"},
      {"options.bom", "CSV for Excel"},
      {"options.include_psychotherapy_notes", "Psychotherapy notes"},
      {"authorization.reference", "Authorization reference"},
      {"authorization.date", "Authorization date"},
      {"authorization.scope", "Authorization scope"},
      {"consent.reference", "Consent reference"},
      {"consent.date", "Consent date"},
      {"consent.description", "Consent description"},
      {"purpose", "Purpose"},
      {"recipient.name", "Recipient"},
      {"recipient.organization", "Recipient's organization"},
      {"recipient.address", "Recipient's address"},
      {"redaction.terms", "Terms to redact"},
      {"redaction.profile", "Redaction"},
  };
  auto it = kLabels.find(name);
  return it == kLabels.end() ? Json() : Json(it->second);
}

}  // namespace

std::vector<ExportKind> export_kinds_for(const auth::Caller& caller) {
  std::vector<ExportKind> out;
  for (const ExportKind& kind : all_kinds()) {
    if (offered(caller, kind.type)) out.push_back(kind);
  }
  return out;
}

std::optional<ExportKind> find_export_kind(const std::vector<ExportKind>& kinds,
                                           std::string_view slug) {
  auto it =
      std::find_if(kinds.begin(), kinds.end(), [&](const ExportKind& k) { return k.slug == slug; });
  if (it == kinds.end()) return std::nullopt;
  return *it;
}

FormFields default_form_values(ExportType type) {
  FormFields values{{"format", "pdf"}};
  for (const auto& spec : jobs::section_specs(type)) {
    if (spec.alias_of.empty() && spec.default_on) {
      values[std::string(kSectionPrefix) + spec.key] = "on";
    }
  }
  if (type == ExportType::kSessionNotes) {
    values["options.include_ai_notes"] = "on";
    values["options.include_action_items"] = "on";
  }
  return values;
}

Json export_body(ExportType type, const FormFields& form) {
  Json body = Json::object();
  put_text(body, form, "format");
  put_text(body, form, "template_id");
  if (type != ExportType::kSessionNotes && !jobs::is_practice_wide(type)) {
    put_text(body, form, "patient_id");
  }
  put_by_type(type, body, form);
  if (!jobs::section_specs(type).empty()) body["include_sections"] = sections(type, form);
  if (Json opts = options(type, form); !opts.empty()) body["options"] = opts;
  if (!jobs::is_practice_wide(type)) put_disclosure(body, form);
  return body;
}

std::string form_field_for(std::string_view path) {
  if (path.starts_with("session_ids")) return "session_ids";
  if (path.starts_with(kSectionPrefix)) return "include_sections";
  // A missing authorization or consent as a whole: its reference is the first input to fill.
  if (path == "authorization" || path == "consent") return std::string(path) + ".reference";
  if (path.starts_with("redaction.terms")) return "redaction.terms";
  return std::string(path);
}

std::string input_id(std::string_view name) {
  std::string id(name);
  std::replace(id.begin(), id.end(), '.', '-');
  return id;
}

Json form_errors(const Error& error) {
  Json out = {{"fields", Json::object()}, {"summary", Json::array()}};
  for (const FieldProblem& f : error.fields) {
    const std::string name = form_field_for(f.path);
    const Json label = field_label(name);
    if (label.is_null()) {
      out["summary"].push_back(
          {{"name", f.path}, {"id", nullptr}, {"label", f.path}, {"problem", f.problem}});
      continue;
    }
    Json& field = out["fields"][name];
    if (field.is_null()) {
      field = {{"id", "error-" + input_id(name)}, {"problem", f.problem}};
    } else {
      field["problem"] = field["problem"].get<std::string>() + "; " + f.problem;
    }
    out["summary"].push_back(
        {{"name", name}, {"id", input_id(name)}, {"label", label}, {"problem", f.problem}});
  }
  return out;
}

}  // namespace dossier::web
