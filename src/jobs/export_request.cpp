#include "jobs/export_request.h"

#include <algorithm>

#include "auth/visibility.h"
#include "core/field_checker.h"
#include "jobs/disclosure_request.h"

namespace dossier::jobs {
namespace {

constexpr size_t kMaxSessions = 500;

const SectionSpec* find_section(ExportType type, std::string_view key) {
  const auto& specs = section_specs(type);
  auto it =
      std::find_if(specs.begin(), specs.end(), [&](const SectionSpec& s) { return s.key == key; });
  return it == specs.end() ? nullptr : &*it;
}

// Boolean members with aliases replaced by their canonical key; anything else dropped.
Json canonical_sections(ExportType type, const Json& sections) {
  Json out = Json::object();
  if (!sections.is_object()) return out;
  for (const auto& [key, value] : sections.items()) {
    const SectionSpec* spec = find_section(type, key);
    if (spec && value.is_boolean())
      out[spec->alias_of.empty() ? spec->key : spec->alias_of] = value;
  }
  return out;
}

// include_sections as given; unknown keys and non-booleans are problems.
Json parse_sections(FieldChecker& fields, ExportType type) {
  Json given = Json::object();
  const Json* raw = fields.object("include_sections");
  if (!raw) return given;
  for (const auto& [key, value] : raw->items()) {
    const std::string path = "include_sections." + key;
    if (!find_section(type, key)) {
      std::string known;
      for (const auto& s : section_specs(type)) known += (known.empty() ? "" : ", ") + s.key;
      fields.problem(path, "is not a section of this export; known sections: " + known);
    } else if (!value.is_boolean()) {
      fields.problem(path, "must be true or false");
    } else {
      given[key] = value;
    }
  }
  return given;
}

// options shared by exports that may carry notes: psychotherapy notes need an authorization.
// CSV files may start with a byte order mark, for Excel (bom).
Json parse_options(FieldChecker& fields, ExportType type, const std::string& format) {
  Json options = Json::object();
  const Json* given = fields.object("options");
  const Json empty = Json::object();
  FieldChecker opt(given ? *given : empty, "options.");
  std::vector<std::string_view> allowed;
  if (type == ExportType::kSessionNotes) {
    allowed = {"include_transcript", "include_ai_notes", "include_action_items",
               "include_psychotherapy_notes", "bundle"};
    // Many sessions make one document with every note (merged, as before bundles existed),
    // or a ZIP with one document per note.
    if (auto bundle = opt.one_of("bundle", {"merged", "zip"}, false)) options["bundle"] = *bundle;
    options["include_transcript"] = opt.boolean("include_transcript").value_or(false);
    options["include_ai_notes"] = opt.boolean("include_ai_notes").value_or(true);
    options["include_action_items"] = opt.boolean("include_action_items").value_or(true);
  } else if (type == ExportType::kFullRecord) {
    allowed = {"include_psychotherapy_notes"};
  }
  if (format == "csv") {
    allowed.push_back("bom");
    options["bom"] = opt.boolean("bom").value_or(false);
  }
  opt.allow_only(allowed);
  // The authorization it needs is a member of its own (jobs/disclosure_request.h).
  if (type == ExportType::kSessionNotes || type == ExportType::kFullRecord) {
    options["include_psychotherapy_notes"] =
        opt.boolean("include_psychotherapy_notes").value_or(false);
  }
  fields.absorb(std::move(opt));
  return options;
}

// A start/end pair: both real dates and the end not before the start.
void parse_range(FieldChecker& fields, Json& params, const std::string& start_key,
                 const std::string& end_key, bool required = false) {
  auto start = fields.date(start_key, required);
  auto end = fields.date(end_key, required);
  if (start) params["start_date"] = start->str();
  if (end) params["end_date"] = end->str();
  if (start && end && *end < *start) fields.problem(end_key, "must not be before " + start_key);
}

void parse_format(FieldChecker& fields, ExportRequest& req) {
  auto format = fields.one_of("format", implemented_formats(req.type), true);
  if (format) req.format = *format;
}

// The type's own members and those every request may carry.
void allow(FieldChecker& fields, std::initializer_list<std::string_view> own) {
  std::vector<std::string_view> allowed(own);
  allowed.insert(allowed.end(), disclosure_members().begin(), disclosure_members().end());
  fields.allow_only(allowed);
}

void parse_by_type(FieldChecker& fields, ExportRequest& req) {
  Json& p = req.parameters;
  switch (req.type) {
    case ExportType::kSessionNotes:
      allow(fields, {"session_ids", "format", "template_id", "options"});
      if (auto ids = fields.uuid_list("session_ids", true, kMaxSessions)) p["session_ids"] = *ids;
      break;
    case ExportType::kProgressReport:
      allow(fields, {"patient_id", "start_date", "end_date", "format", "template_id",
                     "include_sections", "options"});
      parse_range(fields, p, "start_date", "end_date");
      break;
    case ExportType::kTreatmentSummary:
      allow(fields, {"patient_id", "treatment_plan_id", "format", "purpose", "template_id",
                     "include_sections", "options"});
      if (auto plan = fields.uuid("treatment_plan_id", false)) p["treatment_plan_id"] = *plan;
      p["purpose"] =
          fields.one_of("purpose", {"insurance", "transfer", "records"}, false).value_or("records");
      break;
    case ExportType::kFullRecord: {
      allow(fields,
            {"patient_id", "format", "template_id", "include_sections", "date_range", "options"});
      const Json* range = fields.object("date_range");
      if (range) {
        FieldChecker r(*range, "date_range.");
        r.allow_only({"start", "end"});
        parse_range(r, p, "start", "end");
        fields.absorb(std::move(r));
      }
      break;
    }
    case ExportType::kInsuranceReport:
      allow(fields, {"patient_id", "session_ids", "start_date", "end_date", "format", "template_id",
                     "options"});
      if (auto ids = fields.uuid_list("session_ids", false, kMaxSessions)) p["session_ids"] = *ids;
      parse_range(fields, p, "start_date", "end_date");
      if (fields.has("session_ids") && (fields.has("start_date") || fields.has("end_date"))) {
        fields.problem("session_ids", "give either session_ids or a date range, not both");
      }
      break;
    case ExportType::kPracticeSummary:
      // Operations inside the practice, not a disclosure: no recipient, purpose or redaction.
      fields.allow_only({"start_date", "end_date", "format", "template_id", "options"});
      parse_range(fields, p, "start_date", "end_date", true);
      break;
  }
}

}  // namespace

const std::vector<SectionSpec>& section_specs(ExportType type) {
  static const std::vector<SectionSpec> kProgress = {{"patient_info"},
                                                     {"diagnosis"},
                                                     {"treatment_goals"},
                                                     {"goal_progress"},
                                                     {"assessments"},
                                                     {"session_summary"},
                                                     {"clinical_observations"},
                                                     {"recommendations"},
                                                     {"medical_necessity", false},
                                                     {"goals", true, "treatment_goals"},
                                                     {"progress", true, "goal_progress"}};
  static const std::vector<SectionSpec> kSummary = {
      {"patient_info"},     {"diagnosis"}, {"treatment_plan"},   {"interventions_used"},
      {"progress_summary"}, {"prognosis"}, {"medical_necessity"}};
  static const std::vector<SectionSpec> kFull = {
      {"demographics"}, {"coverage"},    {"diagnoses"}, {"treatment_plans"},   {"sessions"},
      {"notes"},        {"assessments"}, {"timeline"},  {"attachments", false}};
  static const std::vector<SectionSpec> kNone = {};
  switch (type) {
    case ExportType::kProgressReport:
      return kProgress;
    case ExportType::kTreatmentSummary:
      return kSummary;
    case ExportType::kFullRecord:
      return kFull;
    default:
      return kNone;
  }
}

Json resolve_sections(ExportType type, const Json& template_sections, const Json& requested) {
  const Json from_template = canonical_sections(type, template_sections);
  const Json from_request = canonical_sections(type, requested);
  Json resolved = Json::object();
  // The type's default, then the template's own choice, then the request: the last word wins.
  for (const auto& s : section_specs(type)) {
    if (s.alias_of.empty())
      resolved[s.key] = from_request.value(s.key, from_template.value(s.key, s.default_on));
  }
  // Templates written against the spec read the aliases too; give them the same answer.
  for (const auto& s : section_specs(type)) {
    if (!s.alias_of.empty()) resolved[s.key] = resolved[s.alias_of];
  }
  return resolved;
}

Result<ExportRequest> parse_export_request(ExportType type, const Json& body) {
  ExportRequest req;
  req.type = type;
  FieldChecker fields(body);
  if (!fields.require_object()) return fields.finish().error();
  parse_format(fields, req);
  if (type != ExportType::kSessionNotes && !is_practice_wide(type)) {
    req.patient_id = fields.uuid("patient_id", true);
  }
  req.template_id = fields.uuid("template_id", false);
  parse_by_type(fields, req);
  if (!section_specs(type).empty()) {
    req.requested_sections = parse_sections(fields, type);
    req.parameters["include_sections"] =
        resolve_sections(type, Json::object(), req.requested_sections);
  }
  req.parameters["options"] = parse_options(fields, type, req.format);
  if (!is_practice_wide(type)) parse_disclosure(fields, req);
  DOSSIER_TRY(fields.finish());
  return req;
}

}  // namespace dossier::jobs
