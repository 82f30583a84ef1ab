#include "fhir/bundle.h"

#include <algorithm>

#include "fhir/security.h"

namespace dossier::fhir {

BundleBuilder::BundleBuilder(Json security_labels) : labels_(std::move(security_labels)) {}

bool BundleBuilder::add(Json resource) {
  const std::string ref = reference_of(resource);
  if (!present_.insert(ref).second) return false;
  if (!labels_.empty()) add_security_labels(resource, labels_);
  resources_.push_back(std::move(resource));
  return true;
}

Resolves BundleBuilder::resolver() const {
  return [this](const std::string& reference) { return has(reference); };
}

void BundleBuilder::move_to_front(const std::string& reference) {
  auto it = std::find_if(resources_.begin(), resources_.end(),
                         [&](const Json& r) { return reference_of(r) == reference; });
  if (it != resources_.end()) std::rotate(resources_.begin(), it, it + 1);
}

std::vector<Json> BundleBuilder::take_resources() {
  present_.clear();
  return std::move(resources_);
}

Json BundleBuilder::build(const std::string& type, const std::string& id,
                          const std::string& identifier, const std::string& timestamp) const {
  Json bundle = {{"resourceType", "Bundle"}, {"id", fhir_id(id)}};
  if (!labels_.empty()) bundle["meta"] = {{"security", labels_}};
  if (!identifier.empty()) {
    bundle["identifier"] = {{"system", "urn:ietf:rfc:3986"}, {"value", identifier}};
  }
  bundle["type"] = type;
  if (!timestamp.empty()) bundle["timestamp"] = timestamp;
  Json entries = Json::array();
  for (const auto& r : resources_) entries.push_back({{"fullUrl", full_url(r)}, {"resource", r}});
  bundle["entry"] = std::move(entries);
  return bundle;
}

Json as_searchset(Json bundle, const std::string& id) {
  bundle["id"] = fhir_id(id);
  bundle.erase("identifier");
  bundle["type"] = "searchset";
  Json& entries = bundle["entry"];
  if (!entries.is_array()) entries = Json::array();
  bundle["total"] = entries.size();
  for (auto& e : entries) e["search"] = {{"mode", "match"}};
  return bundle;
}

std::string full_url(const Json& resource) {
  return std::string(kBaseUrl) + "/" + reference_of(resource);
}

namespace {

void collect_references(const Json& value, std::vector<std::string>& out) {
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      if (key == "reference" && child.is_string()) {
        out.push_back(child.get<std::string>());
      } else {
        collect_references(child, out);
      }
    }
  } else if (value.is_array()) {
    for (const auto& child : value) collect_references(child, out);
  }
}

}  // namespace

std::vector<std::string> references_in(const Json& value) {
  std::vector<std::string> out;
  collect_references(value, out);
  return out;
}

std::vector<std::string> unresolved_references(const Json& bundle) {
  const Json entries = bundle.value("entry", Json::array());
  std::set<std::string> present;
  for (const auto& e : entries) present.insert(reference_of(e["resource"]));
  std::vector<std::string> missing;
  for (const auto& e : entries) {
    for (const auto& ref : references_in(e["resource"])) {
      if (!present.count(ref)) missing.push_back(ref);
    }
  }
  return missing;
}

}  // namespace dossier::fhir
