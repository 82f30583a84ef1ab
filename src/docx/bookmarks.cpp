#include "docx/bookmarks.h"

namespace dossier::docx {
namespace {

constexpr size_t kMaxName = 40;

bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_name_char(char c) {
  return is_ascii_alpha(c) || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

std::string sanitize_bookmark_name(std::string_view anchor) {
  std::string out;
  for (char c : anchor) out += is_name_char(c) ? c : '_';
  // Names starting with '_' are hidden bookmarks in Word; digits are not allowed first.
  if (out.empty() || !is_ascii_alpha(out[0])) out.insert(out.begin(), 'a');
  if (out.size() > kMaxName) out.resize(kMaxName);
  return out;
}

Bookmarks::Bookmarks(const doc::Node& root) {
  collect(root);
}

void Bookmarks::collect(const doc::Node& node) {
  if (!node.anchor.empty() && names_.find(node.anchor) == names_.end()) {
    std::string name = sanitize_bookmark_name(node.anchor);
    for (int n = 2; used_names_.count(name) != 0; ++n) {
      const std::string suffix = "_" + std::to_string(n);
      name = sanitize_bookmark_name(node.anchor).substr(0, kMaxName - suffix.size()) + suffix;
    }
    used_names_.insert(name);
    names_.emplace(node.anchor, name);
  }
  for (const doc::Node& child : node.children) collect(child);
}

std::string Bookmarks::link_target(std::string_view anchor) const {
  const auto it = names_.find(anchor);
  return it != names_.end() ? it->second : sanitize_bookmark_name(anchor);
}

std::optional<std::string> Bookmarks::claim(std::string_view anchor) {
  if (anchor.empty() || placed_.count(anchor) != 0) return std::nullopt;
  const auto it = names_.find(anchor);
  if (it == names_.end()) return std::nullopt;
  placed_.emplace(anchor);
  return it->second;
}

}  // namespace dossier::docx
