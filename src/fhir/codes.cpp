#include "fhir/codes.h"

#include <regex>

#include "core/xml_text.h"

namespace dossier::fhir {

std::string fhir_id(std::string_view record_id, std::string_view prefix) {
  std::string id(prefix);
  for (char c : record_id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.';
    id += ok ? c : '-';
  }
  if (id.empty()) id = "unknown";
  if (id.size() > 64) id.resize(64);
  return id;
}

Json reference(std::string_view type, std::string_view id) {
  return {{"reference", std::string(type) + "/" + std::string(id)}};
}

std::string reference_of(const Json& resource) {
  return resource["resourceType"].get<std::string>() + "/" + resource["id"].get<std::string>();
}

Json coding(std::string_view system, std::string_view code, std::string_view display) {
  Json c = {{"system", system}, {"code", code}};
  if (!display.empty()) c["display"] = display;
  return c;
}

Json codeable(std::string_view system, std::string_view code, std::string_view display,
              std::string_view text) {
  if (code.empty()) {
    // FHIR strings are never empty: a concept the record does not code is text alone.
    const std::string_view words = !text.empty() ? text : !display.empty() ? display : "unknown";
    return {{"text", words}};
  }
  Json c = {{"coding", Json::array({coding(system, code, display)})}};
  if (!text.empty()) c["text"] = text;
  return c;
}

Json narrative(std::string_view text) {
  std::string div = "<div xmlns=\"http://www.w3.org/1999/xhtml\">";
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    div += "<p>" + xml_escaped(text.substr(start, end - start), XmlControls::kSpaceAll) + "</p>";
    start = end + 1;
  }
  div += "</div>";
  return {{"status", "generated"}, {"div", div}};
}

std::string text_of(const Json& row, std::string_view key) {
  if (!row.is_object()) return "";
  const auto it = row.find(key);
  if (it == row.end() || !it->is_string()) return "";
  // A field redaction replaced as a whole ("[REDACTED:email]") is left out: a placeholder
  // is no phone number or name to a receiving system.
  static const std::regex kPlaceholder(R"(\[REDACTED(:[A-Za-z_]+)?\])");
  const std::string& value = it->get_ref<const std::string&>();
  return std::regex_match(value, kPlaceholder) ? "" : value;
}

const Json& member_of(const Json& object, std::string_view key) {
  static const Json kNull;
  if (!object.is_object()) return kNull;
  const auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

const Json& array_of(const Json& value) {
  static const Json kEmpty = Json::array();
  return value.is_array() ? value : kEmpty;
}

bool flag_of(const Json& row, std::string_view key) {
  if (!row.is_object()) return false;
  const auto it = row.find(key);
  return it != row.end() && it->is_boolean() && it->get<bool>();
}

bool is_instant(std::string_view value) {
  static const std::regex kInstant(
      R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))");
  return std::regex_match(value.begin(), value.end(), kInstant);
}

bool is_date_time(std::string_view value) {
  static const std::regex kDateTime(
      R"(\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?)?)?)");
  return std::regex_match(value.begin(), value.end(), kDateTime);
}

std::string date_part(std::string_view value) {
  return std::string(value.substr(0, std::min<size_t>(value.size(), 10)));
}

Resolves resolves_all() {
  return [](const std::string&) { return true; };
}

}  // namespace dossier::fhir
