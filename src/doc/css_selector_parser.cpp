// Selector syntax: type, *, .class, #id, [attr op value], :first-child, :last-child,
// :only-child, :root, :link, :nth-child(an+b), the descendant, >, + and ~ combinators, and a
// final ::before / ::after (also :before / :after).
#include <charconv>
#include <cmath>
#include <string>

#include "doc/css_parser_internal.h"
#include "doc/text_util.h"

namespace dossier::doc::css {
namespace {

// Parses "odd", "even", "3", "2n+1", "-n+3" (whitespace removed) into a and b.
bool parse_nth(std::string s, int& a, int& b) {
  s = to_lower(s);
  if (s == "odd") return a = 2, b = 1, true;
  if (s == "even") return a = 2, b = 0, true;
  const size_t n = s.find('n');
  auto to_int = [](std::string_view v, int& out) {
    if (!v.empty() && v.front() == '+') v.remove_prefix(1);
    if (v.empty()) return false;
    const auto r = std::from_chars(v.data(), v.data() + v.size(), out);
    return r.ec == std::errc() && r.ptr == v.data() + v.size();
  };
  if (n == std::string::npos) return a = 0, to_int(s, b);
  const std::string_view coef = std::string_view(s).substr(0, n);
  if (coef.empty() || coef == "+") {
    a = 1;
  } else if (coef == "-") {
    a = -1;
  } else if (!to_int(coef, a)) {
    return false;
  }
  const std::string_view rest = std::string_view(s).substr(n + 1);
  if (rest.empty()) return b = 0, true;
  return to_int(rest, b);
}

std::string nth_text(Tokens args) {
  std::string s;
  for (const Token& t : args) {
    if (t.is(TokenType::kWhitespace)) continue;
    if (t.is(TokenType::kNumber)) {
      const long v = std::lround(t.number);
      s += (v >= 0 && !s.empty()) ? "+" + std::to_string(v) : std::to_string(v);
    } else if (t.is(TokenType::kDimension)) {
      s += std::to_string(std::lround(t.number)) + t.text;
    } else {
      s += t.text;
    }
  }
  return s;
}

class SelectorParser {
 public:
  explicit SelectorParser(Tokens t) : t_(t) {}

  std::optional<Selector> run() {
    Selector sel;
    skip_ws();
    while (i_ < t_.size()) {
      Compound c;
      if (!compound(c)) return std::nullopt;
      sel.compounds.push_back(std::move(c));
      const bool had_ws = skip_ws();
      if (i_ >= t_.size()) break;
      if (pseudo_element_ != PseudoElement::kNone) return std::nullopt;  // not the last part
      Combinator comb = Combinator::kDescendant;
      if (t_[i_].is_delim('>')) {
        comb = Combinator::kChild;
      } else if (t_[i_].is_delim('+')) {
        comb = Combinator::kAdjacent;
      } else if (t_[i_].is_delim('~')) {
        comb = Combinator::kSibling;
      } else if (!had_ws) {
        return std::nullopt;
      }
      if (comb != Combinator::kDescendant) {
        ++i_;
        skip_ws();
      }
      sel.combinators.push_back(comb);
    }
    if (sel.compounds.empty() || sel.combinators.size() + 1 != sel.compounds.size()) {
      return std::nullopt;
    }
    sel.pseudo_element = pseudo_element_;
    sel.specificity = specificity(sel);
    return sel;
  }

 private:
  bool skip_ws() {
    bool any = false;
    while (i_ < t_.size() && t_[i_].is(TokenType::kWhitespace)) ++i_, any = true;
    return any;
  }

  bool compound(Compound& c) {
    const size_t start = i_;
    if (i_ < t_.size() && t_[i_].is(TokenType::kIdent)) {
      c.tag = to_lower(t_[i_++].text);
    } else if (i_ < t_.size() && t_[i_].is_delim('*')) {
      ++i_;
    }
    while (i_ < t_.size() && pseudo_element_ == PseudoElement::kNone) {
      const Token& t = t_[i_];
      if (t.is(TokenType::kHash)) {
        c.id = t.text;
        ++i_;
      } else if (t.is_delim('.') && i_ + 1 < t_.size() && t_[i_ + 1].is(TokenType::kIdent)) {
        c.classes.push_back(t_[i_ + 1].text);
        i_ += 2;
      } else if (t.is(TokenType::kOpenBracket)) {
        if (!attribute(c)) return false;
      } else if (t.is(TokenType::kColon)) {
        if (!pseudo(c)) return false;
      } else {
        break;
      }
    }
    return i_ > start;
  }

  bool attribute(Compound& c) {
    ++i_;  // [
    skip_ws();
    if (i_ >= t_.size() || !t_[i_].is(TokenType::kIdent)) return false;
    AttributeCondition cond;
    cond.name = to_lower(t_[i_++].text);
    skip_ws();
    if (i_ < t_.size() && t_[i_].is(TokenType::kDelim)) {
      const char op = t_[i_].text[0];
      using Op = AttributeCondition::Op;
      if (op == '=') {
        cond.op = Op::kEquals;
      } else if (i_ + 1 < t_.size() && t_[i_ + 1].is_delim('=')) {
        if (op == '~')
          cond.op = Op::kIncludes;
        else if (op == '|')
          cond.op = Op::kDashMatch;
        else if (op == '^')
          cond.op = Op::kPrefix;
        else if (op == '$')
          cond.op = Op::kSuffix;
        else if (op == '*')
          cond.op = Op::kSubstring;
        else
          return false;
        ++i_;
      } else {
        return false;
      }
      ++i_;
      skip_ws();
      if (i_ >= t_.size() || !(t_[i_].is(TokenType::kIdent) || t_[i_].is(TokenType::kString))) {
        return false;
      }
      cond.value = t_[i_++].text;
      skip_ws();
      if (i_ < t_.size() && t_[i_].is(TokenType::kIdent)) ++i_;  // [x=y i] flag: ignored
      skip_ws();
    }
    if (i_ >= t_.size() || !t_[i_].is(TokenType::kCloseBracket)) return false;
    ++i_;
    c.attributes.push_back(std::move(cond));
    return true;
  }

  bool pseudo(Compound& c) {
    ++i_;  // :
    const bool element_syntax = i_ < t_.size() && t_[i_].is(TokenType::kColon);
    if (element_syntax) ++i_;
    if (i_ >= t_.size()) return false;
    const Token& t = t_[i_];
    if (t.is(TokenType::kIdent)) {
      ++i_;
      const std::string name = to_lower(t.text);
      if (name == "before") return pseudo_element_ = PseudoElement::kBefore, true;
      if (name == "after") return pseudo_element_ = PseudoElement::kAfter, true;
      if (element_syntax) return false;  // ::marker, ::first-line, ::selection…
      if (name == "first-child") return c.pseudos.push_back(PseudoClass::kFirstChild), true;
      if (name == "last-child") return c.pseudos.push_back(PseudoClass::kLastChild), true;
      if (name == "only-child") return c.pseudos.push_back(PseudoClass::kOnlyChild), true;
      if (name == "root") return c.pseudos.push_back(PseudoClass::kRoot), true;
      if (name == "link" || name == "any-link") {
        return c.pseudos.push_back(PseudoClass::kLink), true;
      }
      return false;  // :hover, :visited… never apply to a printed page
    }
    if (!element_syntax && t.is(TokenType::kFunction) && t.text == "nth-child") {
      const size_t start = ++i_;
      while (i_ < t_.size() && !t_[i_].is(TokenType::kCloseParen)) ++i_;
      if (i_ >= t_.size()) return false;
      const std::string text = nth_text(t_.subspan(start, i_ - start));
      ++i_;
      if (!parse_nth(text, c.nth_a, c.nth_b)) return false;
      c.pseudos.push_back(PseudoClass::kNthChild);
      return true;
    }
    return false;
  }

  static uint32_t specificity(const Selector& sel) {
    uint32_t ids = 0, classes = 0, types = 0;
    for (const Compound& c : sel.compounds) {
      ids += c.id.empty() ? 0 : 1;
      classes += static_cast<uint32_t>(c.classes.size() + c.attributes.size() + c.pseudos.size());
      types += c.tag.empty() ? 0 : 1;
    }
    if (sel.pseudo_element != PseudoElement::kNone) ++types;  // counts like a type selector
    auto sat = [](uint32_t v) { return v > 255 ? 255u : v; };
    return sat(ids) << 16 | sat(classes) << 8 | sat(types);
  }

  Tokens t_;
  size_t i_ = 0;
  PseudoElement pseudo_element_ = PseudoElement::kNone;
};

}  // namespace

std::optional<Selector> parse_selector(Tokens tokens) {
  return SelectorParser(tokens).run();
}

std::vector<Selector> parse_selectors(Tokens tokens) {
  std::vector<Selector> out;
  size_t start = 0;
  for (size_t i = 0; i <= tokens.size(); ++i) {
    if (i < tokens.size() && !tokens[i].is(TokenType::kComma)) continue;
    if (auto sel = parse_selector(tokens.subspan(start, i - start))) out.push_back(std::move(*sel));
    start = i + 1;
  }
  return out;
}

std::vector<Selector> parse_selector_list(std::string_view text) {
  const std::vector<Token> tokens = tokenize(text);
  return parse_selectors(tokens);
}

}  // namespace dossier::doc::css
