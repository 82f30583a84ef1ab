#include "pipeline/disclosures_document.h"

#include "catalog/render_template.h"
#include "gather/common.h"

namespace dossier::pipeline {
namespace {

constexpr const char* kTemplate = "disclosures";

}  // namespace

Result<formats::Rendered> render_disclosures_pdf(db::Database& db, const Json& accounting,
                                                 const std::string& generated_at) {
  DOSSIER_ASSIGN_OR_RETURN(Json patient,
                           gather::load_patient(db, accounting["patient_id"].get<std::string>(),
                                                gather::date_of(generated_at)));
  DOSSIER_ASSIGN_OR_RETURN(Json practice, gather::load_practice(db));
  // Of the client, only what identifies whose accounting it is.
  const Json context = {
      {"practice", std::move(practice)},
      {"patient", {{"name", patient["name"]}, {"birth_date", patient["birth_date"]}}},
      {"accounting", accounting},
      {"generated_at", generated_at}};
  const formats::RenderInput input{"pdf", context, catalog::system_template_source(kTemplate),
                                   kTemplate, generated_at};
  return formats::render(input);
}

}  // namespace dossier::pipeline
