#include "fhir/import_bundle.h"

#include <array>
#include <set>

#include "fhir/import_rows.h"

namespace dossier::fhir {
namespace {

using Importer = Status (*)(EntryReader&, ImportState&);

struct Kind {
  const char* type;
  Importer import;  //!< nullptr: read through another resource, or skipped
};

// In reading order: what a resource needs from others (a Practitioner its role's taxonomy,
// a Goal its CarePlan) is read before it.
constexpr std::array<Kind, 14> kKinds = {{
    {"Patient", import_patient},
    {"PractitionerRole", import_practitioner_role},
    {"Practitioner", import_practitioner},
    {"Organization", import_organization},
    {"CarePlan", import_care_plan},
    {"Goal", import_goal},
    {"Encounter", import_encounter},
    {"Condition", import_condition},
    {"Observation", import_observation},
    {"QuestionnaireResponse", nullptr},
    {"Composition", import_composition},
    {"DocumentReference", import_document_reference},
    {"Coverage", import_coverage},
    {"Provenance", nullptr},
}};

std::string entry_path(size_t i) {
  return "entry[" + std::to_string(i) + "]";
}

bool is_known(const std::string& type) {
  for (const auto& k : kKinds) {
    if (type == k.type) return true;
  }
  return false;
}

Status check_bundle(const Json& bundle) {
  if (!bundle.is_object() || bundle.value("resourceType", "") != "Bundle")
    return Error::validation("resourceType", "must be Bundle");
  const std::string type = bundle.value("type", "");
  if (type != "collection" && type != "transaction")
    return Error::validation("type", "must be collection or transaction");
  const auto entries = bundle.find("entry");
  if (entries == bundle.end() || !entries->is_array() || entries->empty())
    return Error::validation("entry", "must list the record's resources");
  return {};
}

// Every entry holds a resource of a type the import reads, once; a transaction's entries
// create or update.
Status check_entries(const Json& entries, bool transaction, const EntryIndex& index) {
  std::set<std::string> seen;
  size_t patients = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    const Json* resource = element_at(entries[i], "resource");
    if (!resource || !resource->is_object())
      return Error::validation(entry_path(i) + ".resource", "must be a resource");
    const std::string type = index.type(i);
    if (!is_known(type)) {
      return Error::validation(entry_path(i) + ".resource.resourceType",
                               "is not a resource type the import reads (see "
                               "docs/formats/fhir.md, Import)");
    }
    if (transaction) {
      const Json* method = element_at(entries[i], "request.method");
      if (!method || (*method != "POST" && *method != "PUT"))
        return Error::validation(entry_path(i) + ".request.method", "must be POST or PUT");
    }
    const std::string id = index.record_id(i);
    if (!id.empty() && !seen.insert(type + "/" + id).second)
      return Error::validation(entry_path(i) + ".resource.id", "repeats an earlier entry's");
    patients += type == "Patient";
  }
  if (patients != 1) return Error::validation("entry", "must hold exactly one Patient");
  return {};
}

Status read_entries(const Json& entries, const EntryIndex& index, ImportState& state) {
  for (const auto& kind : kKinds) {
    for (size_t i = 0; i < entries.size(); ++i) {
      if (!kind.import || index.type(i) != kind.type) continue;
      EntryReader reader(index, i);
      if (std::string_view(kind.type) == "Patient") state.patient_id = reader.own_id();
      DOSSIER_TRY(reader.status());
      DOSSIER_TRY(kind.import(reader, state));
    }
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    if (index.type(i) == "QuestionnaireResponse" && !state.derived_responses.count(i)) {
      return Error::validation(entry_path(i) + ".resource",
                               "is the item answers of no PHQ-9 or GAD-7 score Observation "
                               "(derivedFrom)");
    }
  }
  return {};
}

}  // namespace

Result<Json> record_from_bundle(const Json& bundle, const std::string& imported_at) {
  DOSSIER_TRY(check_bundle(bundle));
  const Json& entries = bundle["entry"];
  const EntryIndex index(entries);
  DOSSIER_TRY(check_entries(entries, bundle["type"] == "transaction", index));
  ImportState state;
  state.imported_at = imported_at;
  DOSSIER_TRY(read_entries(entries, index, state));
  return Json{{"format_version", 1}, {"tables", std::move(state.tables)}};
}

}  // namespace dossier::fhir
