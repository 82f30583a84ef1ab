#include "doc/css_content.h"

#include <optional>

#include "doc/text_util.h"

namespace dossier::doc::css {
namespace {

using Kind = ContentItem::Kind;

// The arguments of a function component (without the function token and the closing
// parenthesis), split at its top-level commas.
std::vector<Tokens> arguments(Tokens function) {
  Tokens inner = function.subspan(1);
  if (!inner.empty() && inner.back().is(TokenType::kCloseParen)) {
    inner = inner.first(inner.size() - 1);
  }
  std::vector<Tokens> out;
  size_t start = 0;
  int depth = 0;
  for (size_t i = 0; i <= inner.size(); ++i) {
    if (i < inner.size()) {
      if (inner[i].is(TokenType::kFunction) || inner[i].is(TokenType::kOpenParen)) ++depth;
      if (inner[i].is(TokenType::kCloseParen)) --depth;
      if (depth > 0 || !inner[i].is(TokenType::kComma)) continue;
    }
    out.push_back(inner.subspan(start, i - start));
    start = i + 1;
  }
  return out;
}

// attr(name) → the attribute name (lower-case).
std::optional<std::string> attr_name(Tokens component) {
  if (component.empty() || !component[0].is(TokenType::kFunction) || component[0].text != "attr") {
    return std::nullopt;
  }
  const std::vector<Tokens> args = arguments(component);
  if (args.size() != 1 || args[0].size() != 1 || !args[0][0].is(TokenType::kIdent)) {
    return std::nullopt;
  }
  return to_lower(args[0][0].text);
}

// counter(page) / counter(pages); a counter style argument is ignored (numbers are decimal).
std::optional<ContentItem> counter(Tokens component) {
  const std::vector<Tokens> args = arguments(component);
  if (args.empty() || args.size() > 2 || args[0].size() != 1) return std::nullopt;
  if (args[0][0].is_ident("page")) return ContentItem{Kind::kPageNumber, {}};
  if (args[0][0].is_ident("pages")) return ContentItem{Kind::kPageCount, {}};
  return std::nullopt;
}

// target-counter(url(#id) | "#id" | attr(name), page [, style]); the style is ignored.
std::optional<ContentItem> target_counter(Tokens component) {
  const std::vector<Tokens> args = arguments(component);
  if (args.size() < 2 || args.size() > 3) return std::nullopt;
  if (!(args[1].size() == 1 && args[1][0].is_ident("page"))) return std::nullopt;
  if (args[0].size() == 1 &&
      (args[0][0].is(TokenType::kUrl) || args[0][0].is(TokenType::kString))) {
    return ContentItem{Kind::kTargetPage, args[0][0].text};
  }
  if (std::optional<std::string> name = attr_name(args[0])) {
    return ContentItem{Kind::kTargetPage, std::move(*name), true};
  }
  return std::nullopt;
}

std::optional<ContentItem> item(Tokens component) {
  const Token& t = component.front();
  if (t.is(TokenType::kString)) return ContentItem{Kind::kString, t.text};
  if (!t.is(TokenType::kFunction)) return std::nullopt;
  if (t.text == "attr") {
    if (std::optional<std::string> name = attr_name(component)) {
      return ContentItem{Kind::kAttr, std::move(*name)};
    }
    return std::nullopt;
  }
  if (t.text == "counter") return counter(component);
  if (t.text == "target-counter") return target_counter(component);
  return std::nullopt;
}

}  // namespace

std::vector<ContentItem> parse_content(Tokens value) {
  std::vector<ContentItem> out;
  if (value.size() == 1 && (value[0].is_ident("none") || value[0].is_ident("normal"))) {
    return out;
  }
  for (Tokens component : split_components(value)) {
    if (std::optional<ContentItem> i = item(component)) out.push_back(std::move(*i));
  }
  return out;
}

}  // namespace dossier::doc::css
