#include "fhir/capability.h"

namespace dossier::fhir {
namespace {

// The Bulk Data Access IG v2.0.0 operations ($export at system, Patient and Group level).
constexpr const char* kBulkOperations = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/";

// Groups are not exported as resources; they name the caseloads a Group-level export covers.
Json group_resource() {
  return {{"type", "Group"},
          {"documentation",
           "Group/caseload-<therapist user id>/$export: a therapist's caseload. Groups are not "
           "read or exported as resources."},
          {"operation",
           Json::array({{{"name", "export"},
                         {"definition", std::string(kBulkOperations) + "group-export"}}})}};
}

}  // namespace

const std::vector<std::string>& produced_resource_types() {
  static const std::vector<std::string> kTypes = {
      "Patient",   "Practitioner", "PractitionerRole",  "Organization",
      "Encounter", "Condition",    "Observation",       "QuestionnaireResponse",
      "CarePlan",  "Goal",         "DocumentReference", "Composition",
      "Coverage",  "Claim",        "Provenance"};
  return kTypes;
}

Json capability_statement() {
  Json resources = Json::array();
  for (const auto& type : produced_resource_types()) {
    Json r = {{"type", type}, {"profile", "http://hl7.org/fhir/StructureDefinition/" + type}};
    if (type == "Patient") {
      r["documentation"] =
          "Patient/[id]/$everything returns the patient's record as the caller may see it.";
      r["operation"] = Json::array(
          {{{"name", "everything"},
            {"definition", "http://hl7.org/fhir/OperationDefinition/Patient-everything"}},
           {{"name", "export"}, {"definition", std::string(kBulkOperations) + "patient-export"}}});
    } else {
      r["documentation"] =
          "Returned by Patient/$everything, in fhir exports and in Bulk Data $export files; not "
          "read alone.";
    }
    resources.push_back(r);
  }
  resources.push_back(group_resource());
  return {{"resourceType", "CapabilityStatement"},
          {"id", "dossier"},
          {"status", "active"},
          {"date", "2026-12-06"},
          {"publisher", "Dossier"},
          {"kind", "instance"},
          {"software", {{"name", "Dossier"}}},
          {"implementation", {{"description", "Dossier export service FHIR R4 API"}}},
          {"instantiates",
           Json::array({"http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data"})},
          {"fhirVersion", "4.0.1"},
          {"format", Json::array({"application/fhir+json", "json"})},
          {"rest",
           Json::array({{{"mode", "server"},
                         {"documentation",
                          "Exports of every type are also available as FHIR Bundles through "
                          "POST /api/v1/export/{type} with format fhir."},
                         {"security",
                          {{"description",
                            "Every request needs an API token: Authorization: Bearer <token>."}}},
                         {"resource", resources},
                         {"operation", Json::array({{{"name", "export"},
                                                     {"definition", std::string(kBulkOperations) +
                                                                        "export"}}})}}})}};
}

}  // namespace dossier::fhir
