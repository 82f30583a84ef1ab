// Style sheet structure: qualified rules, @media (print/all), @page with margin boxes.
// Everything else (@import, @font-face, unknown at-rules, bad rules) is skipped.
#include <array>
#include <string_view>

#include "doc/css_parser_internal.h"
#include "doc/css_stylesheet.h"
#include "doc/text_util.h"

namespace dossier::doc::css {
namespace {

// Index just past the block that starts at tokens[open] ("{", "(" or "[" or a function).
size_t skip_block(Tokens tokens, size_t open) {
  int depth = 0;
  for (size_t i = open; i < tokens.size(); ++i) {
    const TokenType t = tokens[i].type;
    if (t == TokenType::kOpenBrace || t == TokenType::kOpenParen || t == TokenType::kOpenBracket ||
        t == TokenType::kFunction) {
      ++depth;
    } else if (t == TokenType::kCloseBrace || t == TokenType::kCloseParen ||
               t == TokenType::kCloseBracket) {
      if (--depth == 0) return i + 1;
    }
  }
  return tokens.size();
}

// Position of the next top-level "{" or ";" from i (or tokens.size()).
size_t find_prelude_end(Tokens tokens, size_t i) {
  while (i < tokens.size()) {
    const TokenType t = tokens[i].type;
    if (t == TokenType::kOpenBrace || t == TokenType::kSemicolon) return i;
    if (t == TokenType::kFunction || t == TokenType::kOpenParen || t == TokenType::kOpenBracket) {
      i = skip_block(tokens, i);
    } else {
      ++i;
    }
  }
  return i;
}

// The tokens between the "{" at `open` and its "}" (the "}" may be missing at end of input).
Tokens block_body(Tokens tokens, size_t open, size_t after) {
  size_t end = after;
  if (end > open + 1 && tokens[end - 1].is(TokenType::kCloseBrace)) --end;
  return tokens.subspan(open + 1, end - (open + 1));
}

bool media_applies(Tokens prelude) {
  bool any = false;
  for (const Token& t : prelude) {
    if (t.is(TokenType::kIdent)) {
      any = true;
      if (t.is_ident("print") || t.is_ident("all")) return true;
    }
  }
  return !any;
}

std::optional<MarginBoxSlot> margin_slot(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, MarginBoxSlot>, 6> kSlots = {{
      {"top-left", MarginBoxSlot::kTopLeft},
      {"top-center", MarginBoxSlot::kTopCenter},
      {"top-right", MarginBoxSlot::kTopRight},
      {"bottom-left", MarginBoxSlot::kBottomLeft},
      {"bottom-center", MarginBoxSlot::kBottomCenter},
      {"bottom-right", MarginBoxSlot::kBottomRight},
  }};
  for (const auto& [n, slot] : kSlots) {
    if (n == name) return slot;
  }
  return std::nullopt;
}

class SheetParser {
 public:
  SheetParser(Stylesheet& sheet, uint32_t& order) : sheet_(sheet), order_(order) {}

  void rules(Tokens tokens, int depth) {
    size_t i = 0;
    while (i < tokens.size()) {
      const Token& t = tokens[i];
      if (t.is(TokenType::kWhitespace) || t.is(TokenType::kSemicolon) ||
          t.is(TokenType::kCloseBrace)) {
        ++i;
      } else if (t.is(TokenType::kAtKeyword)) {
        i = at_rule(tokens, i, depth);
      } else {
        i = qualified_rule(tokens, i);
      }
    }
  }

 private:
  size_t at_rule(Tokens tokens, size_t i, int depth) {
    const std::string& name = tokens[i].text;
    const size_t end = find_prelude_end(tokens, i + 1);
    const Tokens prelude = tokens.subspan(i + 1, end - (i + 1));
    if (end >= tokens.size() || tokens[end].is(TokenType::kSemicolon)) {
      if (name == "import") sheet_.notes.push_back("ignored @import");
      return end + 1;
    }
    const size_t after = skip_block(tokens, end);
    const Tokens body = block_body(tokens, end, after);
    if (name == "media" && depth < 8) {
      if (media_applies(prelude)) rules(body, depth + 1);
    } else if (name == "page") {
      page_rule(prelude, body);
    } else if (name == "font-face") {
      sheet_.notes.push_back("ignored @font-face");
    }
    return after;
  }

  void page_rule(Tokens prelude, Tokens body) {
    for (const Token& t : prelude) {
      if (t.is(TokenType::kColon)) return;  // :first, :left, :right pages are not supported
    }
    PageRule page;
    size_t start = 0, i = 0;
    while (i < body.size()) {
      if (!body[i].is(TokenType::kAtKeyword)) {
        ++i;
        continue;
      }
      append_declarations(body.subspan(start, i - start), page.declarations);
      const size_t open = find_prelude_end(body, i + 1);
      if (open >= body.size() || !body[open].is(TokenType::kOpenBrace)) {
        i = start = open + 1;
        continue;
      }
      const size_t after = skip_block(body, open);
      if (auto slot = margin_slot(body[i].text)) {
        page.margin_boxes.push_back(
            PageMarginRule{*slot, parse_declarations(block_body(body, open, after))});
      }
      i = start = after;
    }
    if (start < body.size()) append_declarations(body.subspan(start), page.declarations);
    sheet_.pages.push_back(std::move(page));
  }

  static void append_declarations(Tokens tokens, DeclarationBlock& out) {
    DeclarationBlock more = parse_declarations(tokens);
    out.insert(out.end(), more.begin(), more.end());
  }

  size_t qualified_rule(Tokens tokens, size_t i) {
    const size_t open = find_prelude_end(tokens, i);
    if (open >= tokens.size()) return open;
    if (tokens[open].is(TokenType::kSemicolon)) return open + 1;  // garbage before ";"
    const size_t after = skip_block(tokens, open);
    std::vector<Selector> selectors = parse_selectors(tokens.subspan(i, open - i));
    if (selectors.empty()) return after;
    DeclarationBlock block = parse_declarations(block_body(tokens, open, after));
    if (block.empty()) return after;
    const auto block_index = static_cast<uint32_t>(sheet_.blocks.size());
    sheet_.blocks.push_back(std::move(block));
    for (Selector& sel : selectors) {
      sheet_.rules.push_back(StyleRule{std::move(sel), block_index, order_++});
    }
    return after;
  }

  Stylesheet& sheet_;
  uint32_t& order_;
};

}  // namespace

void parse_stylesheet(std::string_view css, Stylesheet& sheet, uint32_t& order) {
  const std::vector<Token> tokens = tokenize(css);
  SheetParser(sheet, order).rules(tokens, 0);
}

}  // namespace dossier::doc::css
