// The insurance report as a collection Bundle: a professional Claim with its Coverage, the
// payer, the patient, the billing practice, the rendering clinicians and the diagnoses.
#include <algorithm>
#include <map>

#include "fhir/bundles.h"
#include "fhir/clinical.h"
#include "fhir/people.h"

namespace dossier::fhir {
namespace {

Json money(int64_t cents) {
  return {{"value", static_cast<double>(cents) / 100.0}, {"currency", "USD"}};
}

int64_t cents_of(const Json& line, const char* key) {
  const Json& v = member_of(line, key);
  return v.is_number() ? v.get<int64_t>() : 0;
}

// Clinicians of a claim are known by NPI only: Practitioner "npi-<npi>".
std::string add_npi_practitioner(Assembly& a, const std::string& npi, const std::string& name) {
  if (npi.empty()) return "";
  Json user = {{"id", "npi-" + npi}, {"npi", npi}};
  if (!name.empty()) user["name"] = name;
  add_clinician(a, user);
  return "Practitioner/" + fhir_id(npi, "npi-");
}

// "A".."L" → 1..12, the claim diagnosis a service line points at.
Json pointer_sequences(const Json& pointers, size_t diagnoses) {
  Json out = Json::array();
  for (const auto& p : array_of(pointers)) {
    if (!p.is_string() || p.get<std::string>().size() != 1) continue;
    const int n = p.get<std::string>()[0] - 'A' + 1;
    if (n >= 1 && static_cast<size_t>(n) <= diagnoses) out.push_back(n);
  }
  return out;
}

Json claim_item(const Json& line, size_t sequence, int care_team, size_t diagnoses) {
  const int64_t units = member_of(line, "units").is_number() ? line["units"].get<int64_t>() : 1;
  Json item = {{"sequence", sequence},
               {"productOrService", codeable(system::kCpt, text_of(line, "procedure_code"))},
               {"quantity", {{"value", units}}},
               {"unitPrice", money(cents_of(line, "charge_cents") / std::max<int64_t>(units, 1))},
               {"net", money(cents_of(line, "charge_cents"))}};
  if (care_team > 0) item["careTeamSequence"] = Json::array({care_team});
  if (Json seq = pointer_sequences(member_of(line, "diagnosis_pointers"), diagnoses);
      !seq.empty()) {
    item["diagnosisSequence"] = seq;
  }
  Json modifiers = Json::array();
  for (const auto& m : array_of(member_of(line, "modifiers"))) {
    if (m.is_string()) modifiers.push_back(codeable(system::kCpt, m.get<std::string>()));
  }
  if (!modifiers.empty()) item["modifier"] = modifiers;
  if (is_date_time(text_of(line, "service_date"))) {
    item["servicedDate"] = date_part(text_of(line, "service_date"));
  }
  if (!text_of(line, "place_of_service").empty()) {
    item["locationCodeableConcept"] =
        codeable(system::kPlaceOfService, text_of(line, "place_of_service"));
  }
  return item;
}

Json supporting_info(const Json& summary) {
  Json info = Json::array();
  if (!summary.is_object()) return info;
  for (const auto& [key, value] : summary.items()) {
    if (!value.is_string() || value.get<std::string>().empty()) continue;
    info.push_back(
        {{"sequence", info.size() + 1},
         {"category", codeable("http://terminology.hl7.org/CodeSystem/claiminformationcategory",
                               "info", "Information")},
         {"code", {{"text", key}}},
         {"valueString", value}});
  }
  return info;
}

// The Claim; REQUIRES: the Coverage it names is in the Bundle.
Json claim(Assembly& a, const Json& coverage_ref, const std::vector<std::string>& team) {
  const Json& info = member_of(a.context, "claim_info");
  const Json& lines = array_of(member_of(a.context, "service_lines"));
  const Json& diagnoses = array_of(member_of(info, "diagnoses"));
  Json r = {
      {"resourceType", "Claim"},
      {"id", fhir_id(lines.empty() ? a.patient_id : text_of(lines[0], "session_id"), "claim-")},
      {"status", "active"},
      {"type", codeable(system::kClaimType, "professional", "Professional")},
      {"use", "claim"},
      {"patient", reference("Patient", fhir_id(a.patient_id))},
      {"created", a.generated_at},
      {"provider", reference("Organization", a.practice_id)},
      {"priority", codeable(system::kProcessPriority, "normal", "Normal")},
      {"insurance", Json::array({{{"sequence", 1}, {"focal", true}, {"coverage", coverage_ref}}})}};
  Json care_team = Json::array();
  for (size_t i = 0; i < team.size(); ++i) {
    care_team.push_back({{"sequence", i + 1}, {"provider", {{"reference", team[i]}}}});
  }
  if (!care_team.empty()) r["careTeam"] = care_team;
  Json diagnosis = Json::array();
  for (size_t i = 0; i < diagnoses.size(); ++i) {
    diagnosis.push_back(
        {{"sequence", i + 1},
         {"diagnosisCodeableConcept", codeable(system::kIcd10Cm, text_of(diagnoses[i], "code"),
                                               text_of(diagnoses[i], "description"))}});
  }
  if (!diagnosis.empty()) r["diagnosis"] = diagnosis;
  if (Json supporting = supporting_info(member_of(a.context, "clinical_summary"));
      !supporting.empty()) {
    r["supportingInfo"] = supporting;
  }
  Json items = Json::array();
  int64_t total = 0;
  std::string first, last;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string npi = text_of(lines[i], "rendering_provider_npi");
    const auto it = std::find(team.begin(), team.end(), "Practitioner/" + fhir_id(npi, "npi-"));
    const int member =
        npi.empty() || it == team.end() ? 0 : static_cast<int>(it - team.begin()) + 1;
    items.push_back(claim_item(lines[i], i + 1, member, diagnoses.size()));
    total += cents_of(lines[i], "charge_cents");
    const std::string date = date_part(text_of(lines[i], "service_date"));
    if (is_date_time(date) && (first.empty() || date < first)) first = date;
    if (is_date_time(date) && (last.empty() || date > last)) last = date;
  }
  if (!items.empty()) r["item"] = items;
  if (!first.empty()) r["billablePeriod"] = {{"start", first}, {"end", last}};
  r["total"] = money(total);
  return r;
}

}  // namespace

Json insurance_collection(const Json& context) {
  Assembly a(context);
  add_practice(a, member_of(context, "practice"));
  const Json& info = member_of(context, "claim_info");
  std::vector<std::string> team;
  if (std::string ref =
          add_npi_practitioner(a, text_of(info, "provider_npi"), text_of(info, "provider_name"));
      !ref.empty()) {
    team.push_back(ref);
  }
  for (const auto& line : array_of(member_of(context, "service_lines"))) {
    const std::string ref = add_npi_practitioner(a, text_of(line, "rendering_provider_npi"), "");
    if (!ref.empty() && std::find(team.begin(), team.end(), ref) == team.end()) team.push_back(ref);
  }
  add_patient(a, member_of(context, "patient"));
  for (const auto& d : array_of(member_of(info, "diagnoses"))) {
    a.builder.add(map_condition(d, a.patient_id));
  }
  const Json& coverage = member_of(context, "coverage");
  if (coverage.is_object()) {
    a.builder.add(map_payer(coverage));
    Json cov = map_coverage(coverage, a.patient_id);
    const Json coverage_ref = {{"reference", reference_of(cov)}};
    a.builder.add(std::move(cov));
    // A Claim names the coverage it is made against; without one there is no claim to make.
    a.builder.add(claim(a, coverage_ref, team));
  }
  add_provenance(a);
  return a.builder.build("collection", job_id_of(context), bundle_identifier(context),
                         a.generated_at);
}

}  // namespace dossier::fhir
