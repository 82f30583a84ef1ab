#include "doc/css_tokenizer.h"

#include <cstdlib>

#include "core/utf8.h"
#include "doc/text_util.h"

namespace dossier::doc::css {

bool Token::is_ident(std::string_view name) const {
  return type == TokenType::kIdent && iequals(text, name);
}

namespace {

bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_name_char(char c) {
  return is_name_start(c) || is_digit(c) || c == '-';
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

uint32_t hex_value(char c) {
  if (is_digit(c)) return static_cast<uint32_t>(c - '0');
  return static_cast<uint32_t>(ascii_lower(c) - 'a' + 10);
}

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view s) : s_(s) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    out.reserve(s_.size() / 3);
    while (i_ < s_.size()) {
      if (!skip_comment()) next(out);
    }
    return out;
  }

 private:
  char peek(size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }

  bool skip_comment() {
    if (peek() != '/' || peek(1) != '*') return false;
    const size_t end = s_.find("*/", i_ + 2);
    i_ = end == std::string_view::npos ? s_.size() : end + 2;
    return true;
  }

  bool starts_ident() const {
    const char c = peek();
    if (is_name_start(c) || (c == '\\' && peek(1) != '\n')) return true;
    if (c == '-') {
      const char d = peek(1);
      return is_name_start(d) || d == '-' || (d == '\\' && peek(2) != '\n');
    }
    return false;
  }

  bool starts_number() const {
    const char c = peek();
    if (is_digit(c)) return true;
    if (c == '.') return is_digit(peek(1));
    if (c == '+' || c == '-') return is_digit(peek(1)) || (peek(1) == '.' && is_digit(peek(2)));
    return false;
  }

  void consume_escape(std::string& out) {
    ++i_;  // backslash
    if (is_hex(peek())) {
      uint32_t cp = 0;
      for (int k = 0; k < 6 && is_hex(peek()); ++k) {
        cp = cp * 16 + hex_value(peek());
        ++i_;
      }
      if (is_css_space(peek())) ++i_;
      append_utf8(out, cp);
    } else if (i_ < s_.size()) {
      out += s_[i_++];
    }
  }

  std::string consume_name() {
    std::string out;
    while (i_ < s_.size()) {
      const char c = peek();
      if (is_name_char(c)) {
        out += c;
        ++i_;
      } else if (c == '\\' && peek(1) != '\n' && peek(1) != '\0') {
        consume_escape(out);
      } else {
        break;
      }
    }
    return out;
  }

  double consume_number_value() {
    const size_t start = i_;
    if (peek() == '+' || peek() == '-') ++i_;
    while (is_digit(peek())) ++i_;
    if (peek() == '.' && is_digit(peek(1))) {
      ++i_;
      while (is_digit(peek())) ++i_;
    }
    if ((peek() == 'e' || peek() == 'E') &&
        (is_digit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && is_digit(peek(2))))) {
      i_ += 2;
      while (is_digit(peek())) ++i_;
    }
    const std::string text(s_.substr(start, i_ - start));
    return std::strtod(text.c_str(), nullptr);
  }

  void consume_numeric(std::vector<Token>& out) {
    Token t;
    t.number = consume_number_value();
    if (starts_ident()) {
      t.type = TokenType::kDimension;
      t.text = to_lower(consume_name());
    } else if (peek() == '%') {
      ++i_;
      t.type = TokenType::kPercentage;
    } else {
      t.type = TokenType::kNumber;
    }
    out.push_back(std::move(t));
  }

  void consume_string(std::vector<Token>& out, char quote) {
    ++i_;
    Token t{TokenType::kString, {}, 0};
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == quote) {
        ++i_;
        break;
      }
      if (c == '\n') break;  // bad string: ends at the newline
      if (c == '\\') {
        if (peek(1) == '\n') {
          i_ += 2;
        } else {
          consume_escape(t.text);
        }
        continue;
      }
      t.text += c;
      ++i_;
    }
    out.push_back(std::move(t));
  }

  void consume_url(std::vector<Token>& out) {
    while (is_css_space(peek())) ++i_;
    Token t{TokenType::kUrl, {}, 0};
    if (peek() == '"' || peek() == '\'') {
      std::vector<Token> tmp;
      consume_string(tmp, peek());
      t.text = tmp.empty() ? std::string() : tmp.front().text;
      while (i_ < s_.size() && peek() != ')') ++i_;
    } else {
      while (i_ < s_.size() && peek() != ')') t.text += s_[i_++];
      t.text = std::string(trim(t.text));
    }
    if (peek() == ')') ++i_;
    out.push_back(std::move(t));
  }

  void consume_ident_like(std::vector<Token>& out) {
    std::string name = consume_name();
    if (peek() == '(') {
      ++i_;
      if (iequals(name, "url")) return consume_url(out);
      out.push_back(Token{TokenType::kFunction, to_lower(name), 0});
      return;
    }
    out.push_back(Token{TokenType::kIdent, std::move(name), 0});
  }

  void simple(std::vector<Token>& out, TokenType type) {
    out.push_back(Token{type, std::string(1, s_[i_]), 0});
    ++i_;
  }

  void whitespace(std::vector<Token>& out) {
    if (out.empty() || !out.back().is(TokenType::kWhitespace)) {
      out.push_back(Token{TokenType::kWhitespace, {}, 0});
    }
  }

  bool punctuation(std::vector<Token>& out, char c) {
    switch (c) {
      case ',':
        simple(out, TokenType::kComma);
        return true;
      case ':':
        simple(out, TokenType::kColon);
        return true;
      case ';':
        simple(out, TokenType::kSemicolon);
        return true;
      case '(':
        simple(out, TokenType::kOpenParen);
        return true;
      case ')':
        simple(out, TokenType::kCloseParen);
        return true;
      case '[':
        simple(out, TokenType::kOpenBracket);
        return true;
      case ']':
        simple(out, TokenType::kCloseBracket);
        return true;
      case '{':
        simple(out, TokenType::kOpenBrace);
        return true;
      case '}':
        simple(out, TokenType::kCloseBrace);
        return true;
      default:
        return false;
    }
  }

  void next(std::vector<Token>& out) {
    const char c = peek();
    if (is_css_space(c)) {
      while (is_css_space(peek())) ++i_;
      return whitespace(out);
    }
    if (s_.substr(i_, 4) == "<!--" || s_.substr(i_, 3) == "-->") {
      i_ += c == '<' ? 4 : 3;
      return whitespace(out);
    }
    if (c == '"' || c == '\'') return consume_string(out, c);
    if (starts_number()) return consume_numeric(out);
    if (starts_ident()) return consume_ident_like(out);
    if (punctuation(out, c)) return;
    if (c == '#' && (is_name_char(peek(1)) || peek(1) == '\\')) {
      ++i_;
      out.push_back(Token{TokenType::kHash, consume_name(), 0});
      return;
    }
    if (c == '@' && (is_name_start(peek(1)) || peek(1) == '-')) {
      ++i_;
      out.push_back(Token{TokenType::kAtKeyword, to_lower(consume_name()), 0});
      return;
    }
    simple(out, TokenType::kDelim);
  }

  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

std::vector<Token> tokenize(std::string_view css) {
  return Tokenizer(css).run();
}

}  // namespace dossier::doc::css
