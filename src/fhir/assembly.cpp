#include "fhir/assembly.h"

#include "core/clock.h"
#include "fhir/people.h"
#include "fhir/security.h"

namespace dossier::fhir {
namespace {

// A consent as the request gave it: its text, or the text of its members.
std::string consent_text(const Json& consent) {
  if (consent.is_string()) return consent.get<std::string>();
  std::string text;
  if (consent.is_object()) {
    for (const auto& [key, value] : consent.items()) {
      if (value.is_string())
        text += (text.empty() ? "" : "; ") + key + ": " + value.get<std::string>();
    }
  }
  return text;
}

}  // namespace

Assembly::Assembly(const Json& ctx)
    : context(ctx),
      builder(is_part2_record(ctx) ? part2_security_labels() : Json::array()),
      patient_id(patient_id_of(ctx)),
      generated_at(text_of(member_of(ctx, "export"), "generated_at")) {
  // A profile that keeps only the year of dates may have cut the export's own time too;
  // a document needs an instant, and this one is only when the Bundle was made.
  if (!is_instant(generated_at)) generated_at = now_timestamp();
}

std::string patient_id_of(const Json& context) {
  if (!text_of(member_of(context, "patient"), "id").empty()) {
    return text_of(context["patient"], "id");
  }
  if (!text_of(context, "patient_id").empty()) return text_of(context, "patient_id");
  const Json& parameters = member_of(member_of(context, "export"), "parameters");
  if (!text_of(parameters, "patient_id").empty()) return text_of(parameters, "patient_id");
  return text_of(member_of(context, "coverage"), "patient_id");
}

void add_practice(Assembly& a, const Json& practice) {
  Json org = map_organization(practice.is_object() ? practice : Json::object());
  a.practice_id = org["id"];
  a.builder.add(std::move(org));
}

void add_clinician(Assembly& a, const Json& user) {
  if (!user.is_object() || text_of(user, "id").empty()) return;
  a.builder.add(map_practitioner(user));
  a.builder.add(map_practitioner_role(user, a.practice_id, a.builder.resolver()));
}

void add_patient(Assembly& a, const Json& patient) {
  a.builder.add(map_patient(patient.is_object() ? patient : Json::object(), a.patient_id));
}

std::string part2_statement(const Json& context) {
  const std::string notice = part2_notice(context);
  if (notice.empty()) return "";
  const std::string consent = consent_text(member_of(member_of(context, "disclosure"), "consent"));
  return notice + (consent.empty() ? "" : "\nConsent: " + consent);
}

void add_provenance(Assembly& a) {
  Json targets = Json::array();
  for (const auto& r : a.builder.resources()) targets.push_back({{"reference", reference_of(r)}});
  Json r = {{"resourceType", "Provenance"},
            {"id", fhir_id(a.patient_id, "provenance-")},
            {"target", targets},
            {"recorded", a.generated_at},
            {"agent",
             Json::array({{{"type", codeable(system::kProvenanceParticipant, "author", "Author")},
                           {"who", reference("Organization", a.practice_id)}}})}};
  if (const std::string statement = part2_statement(a.context); !statement.empty()) {
    r["text"] = narrative(statement);
    r["policy"] =
        Json::array({"https://www.ecfr.gov/current/title-42/chapter-I/subchapter-A/part-2"});
  }
  a.builder.add(std::move(r));
}

}  // namespace dossier::fhir
