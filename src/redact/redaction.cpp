#include "redact/redaction.h"

#include "redact/identifiers.h"
#include "redact/redactor.h"

namespace dossier::redact {

Settings settings_from(const Json& parameters, std::string_view export_type) {
  Settings settings{default_profile(export_type), {}};
  const Json& r = parameters.value("redaction", Json::object());
  if (!r.is_object()) return settings;
  if (auto p = parse_profile(r.value("profile", std::string()))) settings.profile = *p;
  for (const auto& t : r.value("terms", Json::array())) {
    if (t.is_string()) settings.terms.push_back(t.get<std::string>());
  }
  return settings;
}

Result<Json> redact_export(db::Database& db, const std::string& patient_id,
                           const Settings& settings, Json& context) {
  const Policy policy = policy_for(settings.profile);
  std::vector<Term> terms;
  if (!policy.client_identifiers || !policy.contacts) {
    DOSSIER_ASSIGN_OR_RETURN(RecordIdentifiers ids, load_identifiers(db, patient_id));
    if (!policy.client_identifiers) terms = std::move(ids.client);
    if (!policy.contacts) terms.insert(terms.end(), ids.contacts.begin(), ids.contacts.end());
  }
  std::vector<Term> custom;
  for (const auto& t : settings.terms) custom.push_back({t, "custom"});
  terms.insert(terms.end(), custom.begin(), custom.end());
  Json report = redact_context(context, settings.profile, policy, Scrubber(terms, policy.patterns),
                               Scrubber(custom, {}));
  report["custom_terms"] = settings.terms.size();
  return report;
}

}  // namespace dossier::redact
