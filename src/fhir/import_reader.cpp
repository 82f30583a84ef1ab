#include "fhir/import_reader.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>

#include "core/dates.h"
#include "core/ids.h"

namespace dossier::fhir {
namespace {

constexpr std::string_view kUrnUuid = "urn:uuid:";

// "https://host/fhir/r4/Patient/123" → "Patient/123".
std::string type_and_id_of_url(std::string_view url) {
  const size_t last = url.rfind('/');
  if (last == std::string_view::npos || last == 0) return "";
  const size_t before = url.rfind('/', last - 1);
  if (before == std::string_view::npos) return "";
  return std::string(url.substr(before + 1));
}

std::string joined(std::string_view base, std::string_view path) {
  return path.empty() ? std::string(base) : std::string(base) + "." + std::string(path);
}

struct XmlDocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct XmlCharFree {
  void operator()(xmlChar* text) const { xmlFree(text); }
};

}  // namespace

const Json* element_at(const Json& root, std::string_view path) {
  const Json* at = &root;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '.' && ++i == path.size()) break;
    if (path[i] == '[') {
      const size_t close = path.find(']', i);
      if (close == std::string_view::npos || !at->is_array()) return nullptr;
      const size_t n = std::stoul(std::string(path.substr(i + 1, close - i - 1)));
      if (n >= at->size()) return nullptr;
      at = &(*at)[n];
      i = close + 1;
      continue;
    }
    const size_t end = path.find_first_of(".[", i);
    const std::string key(
        path.substr(i, end == std::string_view::npos ? path.size() - i : end - i));
    if (!at->is_object()) return nullptr;
    const auto it = at->find(key);
    if (it == at->end()) return nullptr;
    at = &*it;
    i = end == std::string_view::npos ? path.size() : end;
  }
  return at;
}

std::optional<std::vector<std::string>> narrative_paragraphs(const Json& narrative) {
  const Json* div = element_at(narrative, "div");
  if (!div || !div->is_string()) return std::nullopt;
  const std::string& xhtml = div->get_ref<const std::string&>();
  std::unique_ptr<xmlDoc, XmlDocFree> doc(
      xmlReadMemory(xhtml.data(), static_cast<int>(xhtml.size()), nullptr, "UTF-8",
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc) return std::nullopt;
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root) return std::nullopt;
  std::vector<std::string> paragraphs;
  for (const xmlNode* n = root->children; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    std::unique_ptr<xmlChar, XmlCharFree> text(xmlNodeGetContent(n));
    paragraphs.emplace_back(text ? reinterpret_cast<const char*>(text.get()) : "");
  }
  return paragraphs;
}

EntryIndex::EntryIndex(const Json& entries) : entries_(entries) {
  for (size_t i = 0; i < entries.size(); ++i) {
    const Json* resource = element_at(entries[i], "resource");
    if (!resource || !resource->is_object()) continue;
    const std::string type = this->type(i);
    const Json* id = element_at(*resource, "id");
    if (id && id->is_string()) names_.emplace(type + "/" + id->get<std::string>(), i);
    const Json* url = element_at(entries[i], "fullUrl");
    if (!url || !url->is_string()) continue;
    const std::string full_url = url->get<std::string>();
    names_.emplace(full_url, i);
    if (!full_url.starts_with(kUrnUuid)) {
      const std::string short_name = type_and_id_of_url(full_url);
      if (short_name.starts_with(type + "/")) names_.emplace(short_name, i);
    }
  }
}

std::optional<size_t> EntryIndex::find(std::string_view reference) const {
  auto it = names_.find(reference);
  if (it == names_.end() && reference.starts_with("http")) {
    it = names_.find(type_and_id_of_url(reference));
  }
  if (it == names_.end()) return std::nullopt;
  return it->second;
}

std::string EntryIndex::record_id(size_t i, std::string_view prefix) const {
  const Json* id = element_at(resource(i), "id");
  if (id && id->is_string()) {
    const std::string value = id->get<std::string>();
    return value.starts_with(prefix) ? value.substr(prefix.size()) : value;
  }
  const Json* url = element_at(entries_[i], "fullUrl");
  if (url && url->is_string() && url->get<std::string>().starts_with(kUrnUuid)) {
    return url->get<std::string>().substr(kUrnUuid.size());
  }
  return "";
}

const Json& EntryIndex::resource(size_t i) const {
  static const Json kNone;
  const Json* resource = element_at(entries_[i], "resource");
  return resource ? *resource : kNone;
}

std::string EntryIndex::type(size_t i) const {
  const Json* type = element_at(resource(i), "resourceType");
  return type && type->is_string() ? type->get<std::string>() : "";
}

EntryReader::EntryReader(const EntryIndex& index, size_t entry)
    : index_(index), entry_(entry), base_("entry[" + std::to_string(entry) + "].resource") {}

const Json* EntryReader::find(std::string_view path) const {
  const Json* at = element_at(resource(), path);
  return at && !at->is_null() ? at : nullptr;
}

bool EntryReader::has(std::string_view path) const {
  return find(path) != nullptr;
}

std::string EntryReader::text(std::string_view path) {
  const Json* at = find(path);
  if (!at) return "";
  if (!at->is_string()) {
    fail(path, "must be a string");
    return "";
  }
  return at->get<std::string>();
}

std::string EntryReader::required_text(std::string_view path) {
  std::string value = text(path);
  if (value.empty() && !find(path)) fail(path, "is required");
  if (value.empty() && find(path)) fail(path, "must not be empty");
  return value;
}

Json EntryReader::date(std::string_view path, bool required) {
  const std::string value = required ? required_text(path) : text(path);
  if (value.empty()) return nullptr;
  const std::string day = value.substr(0, 10);
  if (!parse_date(day)) {
    fail(path, "must be a full date (YYYY-MM-DD)");
    return nullptr;
  }
  return day;
}

Json EntryReader::timestamp(std::string_view path, bool required) {
  const std::string value = required ? required_text(path) : text(path);
  if (value.empty()) return nullptr;
  if (!parse_timestamp(value)) {
    fail(path, "must be an instant with a time zone (YYYY-MM-DDThh:mm:ssZ)");
    return nullptr;
  }
  return value;
}

Json EntryReader::number(std::string_view path, bool required) {
  const Json* at = find(path);
  if (!at) {
    if (required) fail(path, "is required");
    return nullptr;
  }
  if (!at->is_number()) {
    fail(path, "must be a number");
    return nullptr;
  }
  return *at;
}

Json EntryReader::integer(std::string_view path, bool required) {
  Json value = number(path, required);
  if (!value.is_null() && !value.is_number_integer()) {
    fail(path, "must be a whole number");
    return nullptr;
  }
  return value;
}

bool EntryReader::boolean(std::string_view path, bool fallback) {
  const Json* at = find(path);
  if (!at) return fallback;
  if (!at->is_boolean()) {
    fail(path, "must be true or false");
    return fallback;
  }
  return at->get<bool>();
}

size_t EntryReader::count(std::string_view path) {
  const Json* at = find(path);
  if (!at) return 0;
  if (!at->is_array()) {
    fail(path, "must be an array");
    return 0;
  }
  return at->size();
}

std::string EntryReader::coding_of(std::string_view path, std::string_view system, bool required) {
  const std::string codings = joined(path, "coding");
  const size_t n = count(codings);
  for (size_t i = 0; i < n; ++i) {
    const std::string coding = codings + "[" + std::to_string(i) + "]";
    if (text(coding + ".system") == system) return coding;
  }
  if (required) fail(codings, "needs a code of " + std::string(system));
  return "";
}

std::optional<size_t> EntryReader::referenced_entry(std::string_view path, std::string_view type,
                                                    bool required) {
  const std::string element = joined(path, "reference");
  const std::string reference = required ? required_text(element) : text(element);
  if (reference.empty()) return std::nullopt;
  const auto target = index_.find(reference);
  if (!target) {
    fail(element, "names no entry of the Bundle");
    return std::nullopt;
  }
  if (index_.type(*target) != type) {
    fail(element, "must name a " + std::string(type));
    return std::nullopt;
  }
  return target;
}

std::string EntryReader::reference(std::string_view path, std::string_view type, bool required) {
  const auto target = referenced_entry(path, type, required);
  if (!target) return "";
  const std::string id = index_.record_id(*target);
  if (!is_uuid(id)) fail(joined(path, "reference"), "must name a resource whose id is a UUID");
  return id;
}

std::string EntryReader::own_id(std::string_view prefix) {
  const std::string id = index_.record_id(entry_, prefix);
  if (!is_uuid(id)) {
    fail("id", "must be a UUID" +
                   (prefix.empty() ? std::string() : " after \"" + std::string(prefix) + "\"") +
                   " (or the resource's fullUrl an urn:uuid:)");
  }
  return id;
}

bool EntryReader::has_security_label(std::string_view code) const {
  const Json* labels = find("meta.security");
  if (!labels || !labels->is_array()) return false;
  for (const auto& label : *labels) {
    const Json* c = element_at(label, "code");
    if (c && c->is_string() && c->get<std::string>() == code) return true;
  }
  return false;
}

void EntryReader::fail(std::string_view path, std::string problem) {
  if (!error_) error_ = Error::validation(joined(base_, path), std::move(problem));
}

Status EntryReader::status() const {
  if (error_) return *error_;
  return {};
}

}  // namespace dossier::fhir
