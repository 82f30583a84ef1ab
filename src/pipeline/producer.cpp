#include "pipeline/producer.h"

#include "catalog/render_template.h"
#include "catalog/template_assets.h"
#include "catalog/template_store.h"
#include "core/clock.h"
#include "formats/renderer.h"
#include "gather/gather.h"

namespace dossier::pipeline {
namespace {

struct TemplateChoice {
  std::string source;
  std::string name;
  doc::AssetResolver assets;  //!< empty for the built-in system template source
};

// The job's own template with its stored images, else the system template of its export
// type (system templates have no assets).
Result<TemplateChoice> template_for(db::Database& db, const Json& job) {
  if (job["template_id"].is_string()) {
    const std::string id = job["template_id"];
    DOSSIER_ASSIGN_OR_RETURN(Json t, catalog::get_template(db, id));
    return TemplateChoice{t["template_content"].get<std::string>(), t["name"].get<std::string>(),
                          catalog::template_asset_resolver(db, id)};
  }
  const std::string type = job["export_type"];
  return TemplateChoice{catalog::system_template_source(type), type, {}};
}

}  // namespace

Result<formats::Rendered> produce(db::Database& db, const Json& job) {
  const std::string now = now_timestamp();
  DOSSIER_ASSIGN_OR_RETURN(Json context, gather::gather(db, job, now));
  formats::RenderInput input{job["format"].get<std::string>(), context, {}, "template", now};
  if (input.format != "json") {
    DOSSIER_ASSIGN_OR_RETURN(TemplateChoice t, template_for(db, job));
    input.template_source = std::move(t.source);
    input.template_name = std::move(t.name);
    input.assets = std::move(t.assets);
  }
  return formats::render(input);
}

jobs::Producer make_producer(db::Database& db) {
  return [&db](const Json& job) -> Result<jobs::ProducedFile> {
    DOSSIER_ASSIGN_OR_RETURN(formats::Rendered out, produce(db, job));
    return jobs::ProducedFile{std::move(out.bytes), out.extension, std::move(out.notes)};
  };
}

}  // namespace dossier::pipeline
