#include "pipeline/producer.h"

#include "catalog/render_template.h"
#include "catalog/template_assets.h"
#include "catalog/template_store.h"
#include "claims/control_numbers.h"
#include "core/clock.h"
#include "formats/renderer.h"
#include "gather/gather.h"
#include "jobs/disclosure_request.h"
#include "jobs/export_types.h"
#include "pipeline/batch_export.h"
#include "pipeline/fhir_bulk.h"
#include "pipeline/session_bundle.h"
#include "redact/redaction.h"

namespace dossier::pipeline {
namespace {

struct TemplateChoice {
  std::string source;
  std::string name;
  doc::AssetResolver assets;  //!< empty for the built-in system template source
};

// The job's own template with its stored images, else the system template of its export
// type (system templates have no assets). A preview's stand-in row may carry a draft of its
// template's content, which stands in for the stored one.
Result<TemplateChoice> template_for(db::Database& db, const Json& job) {
  if (job["template_id"].is_string()) {
    const std::string id = job["template_id"];
    DOSSIER_ASSIGN_OR_RETURN(Json t, catalog::get_template(db, id));
    const bool drafted = job.contains("template_content") && job["template_content"].is_string();
    const Json& source = drafted ? job["template_content"] : t["template_content"];
    return TemplateChoice{source.get<std::string>(), t["name"].get<std::string>(),
                          catalog::template_asset_resolver(db, id)};
  }
  const std::string type = job["export_type"];
  return TemplateChoice{catalog::system_template_source(type), type, {}};
}

// The job's context, redacted as its request says, and what redaction removed.
struct Redacted {
  Json context;
  Json report;
};

Result<Redacted> redacted_context(db::Database& db, const Json& job, const std::string& now) {
  DOSSIER_ASSIGN_OR_RETURN(Json context, gather::gather(db, job, now));
  // Practice-wide reports hold counts and scores, no text to scrub, and no one patient's
  // rules to apply: nothing is redacted, and the job reports no redaction.
  const auto type = jobs::parse_export_type(job["export_type"].get<std::string>());
  if (type && jobs::is_practice_wide(*type)) return Redacted{std::move(context), Json()};
  const Json parameters = job["parameters"].is_string()
                              ? Json::parse(job["parameters"].get<std::string>())
                              : job["parameters"];
  const auto settings = redact::settings_from(parameters, job["export_type"].get<std::string>());
  DOSSIER_ASSIGN_OR_RETURN(
      Json report,
      redact::redact_export(db, job["patient_id"].get<std::string>(), settings, context));
  context["disclosure"] = jobs::disclosure_of(parameters);
  return Redacted{std::move(context), std::move(report)};
}

// What the format needs besides the context: an 837P its control number, a superbill its
// system template (a claim form has one shape), a document the job's template. Data formats
// write straight from the Context.
Status prepare_input(db::Database& db, const Json& job, formats::RenderInput& input) {
  if (input.format == "json" || input.format == "csv" || input.format == "xlsx" ||
      input.format == "fhir") {
    return {};
  }
  if (input.format == "x12") {
    DOSSIER_ASSIGN_OR_RETURN(input.control_number,
                             claims::control_number_for(db, job["id"].get<std::string>()));
    return {};
  }
  if (input.format == "superbill") {
    input.template_source = catalog::system_template_source("superbill");
    input.template_name = "superbill";
    return {};
  }
  DOSSIER_ASSIGN_OR_RETURN(TemplateChoice t, template_for(db, job));
  input.template_source = std::move(t.source);
  input.template_name = std::move(t.name);
  input.assets = std::move(t.assets);
  return {};
}

}  // namespace

Result<Produced> produce_export(db::Database& db, const Json& job, const ByteSink& out) {
  const std::string now = now_timestamp();
  DOSSIER_ASSIGN_OR_RETURN(Redacted r, redacted_context(db, job, now));
  formats::RenderInput input{job["format"].get<std::string>(), r.context, {}, "template", now};
  DOSSIER_TRY(prepare_input(db, job, input));
  DOSSIER_ASSIGN_OR_RETURN(formats::Rendered rendered, formats::render(input, out));
  return Produced{std::move(rendered), std::move(r.report)};
}

Result<Produced> produce_collected(db::Database& db, const Json& job) {
  std::string bytes;
  DOSSIER_ASSIGN_OR_RETURN(Produced p, produce_export(db, job, [&bytes](std::string_view chunk) {
                             bytes.append(chunk);
                             return Status{};
                           }));
  p.file.bytes = std::move(bytes);
  return p;
}

Result<formats::Rendered> produce(db::Database& db, const Json& job) {
  DOSSIER_ASSIGN_OR_RETURN(Produced p, produce_collected(db, job));
  return std::move(p.file);
}

jobs::Producer make_producer(db::Database& db) {
  return [&db](const Json& job, const ByteSink& out) -> Result<jobs::ProducedFile> {
    if (job["export_type"] == kBulkExportType) return produce_bulk_job(db, job, out);
    if (job["export_type"] == kBatchExportType) return produce_batch_job(db, job, out);
    if (is_zip_bundle(job)) return produce_session_bundle(db, job, out);
    DOSSIER_ASSIGN_OR_RETURN(Produced p, produce_export(db, job, out));
    return jobs::ProducedFile{p.file.extension, std::move(p.file.notes), std::move(p.redaction)};
  };
}

}  // namespace dossier::pipeline
