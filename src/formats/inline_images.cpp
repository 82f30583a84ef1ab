#include "formats/inline_images.h"

#include <cctype>

#include "core/base64.h"

namespace dossier::formats {
namespace {

// The media type of an image by its first bytes: what make_image accepts.
std::string media_type(const std::string& bytes) {
  if (bytes.rfind("\x89PNG", 0) == 0) return "image/png";
  if (bytes.rfind("\xFF\xD8\xFF", 0) == 0) return "image/jpeg";
  return "image/svg+xml";
}

bool starts_tag(const std::string& html, size_t at, std::string_view name) {
  if (html.size() < at + 1 + name.size()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(html[at + 1 + i])) != name[i]) return false;
  }
  const char after = html.size() > at + 1 + name.size() ? html[at + 1 + name.size()] : '>';
  return std::isspace(static_cast<unsigned char>(after)) || after == '>' || after == '/';
}

// The quoted value of attribute `src` inside the tag [begin, end): its [first, last), or
// first == last == npos.
std::pair<size_t, size_t> src_value(const std::string& html, size_t begin, size_t end) {
  for (size_t at = html.find("src", begin); at != std::string::npos && at < end;
       at = html.find("src", at + 3)) {
    if (!std::isspace(static_cast<unsigned char>(html[at - 1]))) continue;
    size_t eq = at + 3;
    while (eq < end && std::isspace(static_cast<unsigned char>(html[eq]))) ++eq;
    if (eq >= end || html[eq] != '=') continue;
    size_t quote = eq + 1;
    while (quote < end && std::isspace(static_cast<unsigned char>(html[quote]))) ++quote;
    if (quote >= end || (html[quote] != '"' && html[quote] != '\'')) continue;
    const size_t close = html.find(html[quote], quote + 1);
    if (close == std::string::npos || close >= end) continue;
    return {quote + 1, close};
  }
  return {std::string::npos, std::string::npos};
}

}  // namespace

std::string inline_asset_images(std::string html, const doc::AssetResolver& assets) {
  if (!assets) return html;
  for (size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
    if (!starts_tag(html, at, "img")) continue;
    const size_t end = html.find('>', at);
    if (end == std::string::npos) break;
    const auto [first, last] = src_value(html, at, end);
    if (first == std::string::npos) continue;
    const std::string name = html.substr(first, last - first);
    if (name.empty() || !doc::uri_scheme(name).empty()) continue;
    const auto bytes = assets(name);
    if (!bytes) continue;
    html.replace(first, last - first,
                 "data:" + media_type(*bytes) + ";base64," + base64_encode(*bytes));
  }
  return html;
}

}  // namespace dossier::formats
