#include "tmpl/lexer.h"

#include <algorithm>

#include "tmpl/text.h"

namespace dossier::tmpl {
namespace {

bool is_ws(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_ident(char c) {
  return is_ident_start(c) || is_digit(c);
}
int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class Lexer {
 public:
  explicit Lexer(std::string_view src) : src_(src) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < src_.size(); ++i) {
      if (src_[i] == '\n') line_starts_.push_back(i + 1);
    }
  }

  Result<std::vector<Token>> run() {
    while (pos_ < src_.size()) {
      const size_t open = find_tag(pos_);
      const bool strip_before = open + 2 < src_.size() && src_[open + 2] == '-';
      emit_text(pos_, open, strip_before);
      if (open >= src_.size()) break;
      const char kind = src_[open + 1];
      pos_ = open + 2 + (strip_before ? 1 : 0);
      Status st = kind == '#' ? lex_comment(open) : lex_tag(open, kind);
      if (!st.ok()) return std::move(st).error();
    }
    tokens_.push_back({TokenKind::kEnd, "", loc(src_.size())});
    return std::move(tokens_);
  }

 private:
  Location loc(size_t pos) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), pos);
    const size_t line = static_cast<size_t>(it - line_starts_.begin());
    return {static_cast<int>(line), static_cast<int>(pos - line_starts_[line - 1] + 1)};
  }

  Error error(size_t pos, std::string_view message) const {
    return Error::make(ErrorCode::kUnprocessable, at(loc(pos), message));
  }

  // Position of the next "{{", "{%" or "{#" at or after `from`, or src_.size().
  size_t find_tag(size_t from) const {
    for (size_t i = src_.find('{', from); i != std::string_view::npos; i = src_.find('{', i + 1)) {
      if (i + 1 < src_.size() && (src_[i + 1] == '{' || src_[i + 1] == '%' || src_[i + 1] == '#')) {
        return i;
      }
    }
    return src_.size();
  }

  void emit_text(size_t begin, size_t end, bool strip_end) {
    if (strip_next_) {
      while (begin < end && is_ws(src_[begin])) ++begin;
      strip_next_ = false;
    }
    if (strip_end) {
      while (end > begin && is_ws(src_[end - 1])) --end;
    }
    if (end > begin) {
      tokens_.push_back(
          {TokenKind::kText, std::string(src_.substr(begin, end - begin)), loc(begin)});
    }
  }

  Status lex_comment(size_t open) {
    const size_t close = src_.find("#}", pos_);
    if (close == std::string_view::npos) return error(open, "unterminated comment");
    strip_next_ = close > open + 2 && src_[close - 1] == '-';
    pos_ = close + 2;
    return {};
  }

  // Matches `{%[-] raw [-]%}` at `open`; on success stores where the tag ends.
  bool match_raw_open(size_t open, size_t& tag_end, bool& strip_after) const {
    size_t i = open + 2;
    if (i < src_.size() && src_[i] == '-') ++i;
    while (i < src_.size() && is_ws(src_[i])) ++i;
    if (src_.compare(i, 3, "raw") != 0 || (i + 3 < src_.size() && is_ident(src_[i + 3]))) {
      return false;
    }
    i += 3;
    while (i < src_.size() && is_ws(src_[i])) ++i;
    strip_after = i < src_.size() && src_[i] == '-';
    if (strip_after) ++i;
    if (src_.compare(i, 2, "%}") != 0) return false;
    tag_end = i + 2;
    return true;
  }

  Status lex_raw(size_t open, size_t body, bool strip_body_start) {
    for (size_t i = find_tag(body); i < src_.size(); i = find_tag(i + 1)) {
      if (src_[i + 1] != '%') continue;
      size_t j = i + 2;
      const bool strip_body_end = j < src_.size() && src_[j] == '-';
      if (strip_body_end) ++j;
      while (j < src_.size() && is_ws(src_[j])) ++j;
      if (src_.compare(j, 6, "endraw") != 0) continue;
      j += 6;
      while (j < src_.size() && is_ws(src_[j])) ++j;
      const bool strip_after = j < src_.size() && src_[j] == '-';
      if (strip_after) ++j;
      if (src_.compare(j, 2, "%}") != 0) continue;
      strip_next_ = strip_body_start;
      emit_text(body, i, strip_body_end);
      strip_next_ = strip_after;
      pos_ = j + 2;
      return {};
    }
    return error(open, "unterminated 'raw' block, expected 'endraw'");
  }

  Status lex_tag(size_t open, char kind) {
    size_t raw_end = 0;
    bool raw_strip = false;
    if (kind == '%' && match_raw_open(open, raw_end, raw_strip)) {
      return lex_raw(open, raw_end, raw_strip);
    }
    const bool is_var = kind == '{';
    tokens_.push_back(
        {is_var ? TokenKind::kVarBegin : TokenKind::kBlockBegin, is_var ? "{{" : "{%", loc(open)});
    const std::string_view close = is_var ? "}}" : "%}";
    int depth = 0;
    while (true) {
      while (pos_ < src_.size() && is_ws(src_[pos_])) ++pos_;
      if (pos_ >= src_.size()) {
        return error(
            open, std::string("unexpected end of template, expected '") + std::string(close) + "'");
      }
      if (depth == 0) {
        const bool dash = src_[pos_] == '-' && src_.compare(pos_ + 1, 2, close) == 0;
        if (dash || src_.compare(pos_, 2, close) == 0) {
          tokens_.push_back(
              {is_var ? TokenKind::kVarEnd : TokenKind::kBlockEnd, std::string(close), loc(pos_)});
          strip_next_ = dash;
          pos_ += dash ? 3 : 2;
          return {};
        }
      }
      DOSSIER_TRY(lex_token(depth));
    }
  }

  Status lex_token(int& depth) {
    const size_t start = pos_;
    const char c = src_[pos_];
    if (is_ident_start(c)) {
      while (pos_ < src_.size() && is_ident(src_[pos_])) ++pos_;
      tokens_.push_back(
          {TokenKind::kName, std::string(src_.substr(start, pos_ - start)), loc(start)});
      return {};
    }
    if (is_digit(c)) return lex_number();
    if (c == '"' || c == '\'') return lex_string();
    static constexpr std::string_view kTwo[] = {"//", "**", "==", "!=", "<=", ">="};
    for (std::string_view op : kTwo) {
      if (src_.compare(pos_, 2, op) == 0) {
        tokens_.push_back({TokenKind::kOperator, std::string(op), loc(start)});
        pos_ += 2;
        return {};
      }
    }
    if (std::string_view("+-*/%~()[]{},.:|=<>").find(c) == std::string_view::npos) {
      return error(start, "unexpected character in tag");
    }
    if (c == '{') ++depth;  // only braces can be confused with a closing "}}"
    if (c == '}' && depth > 0) --depth;
    tokens_.push_back({TokenKind::kOperator, std::string(1, c), loc(start)});
    ++pos_;
    return {};
  }

  // Digits with optional underscores; returns false if none were read.
  bool read_digits(std::string& out) {
    const size_t before = out.size();
    while (pos_ < src_.size() && (is_digit(src_[pos_]) || src_[pos_] == '_')) {
      if (src_[pos_] != '_') out.push_back(src_[pos_]);
      ++pos_;
    }
    return out.size() > before;
  }

  Status lex_number() {
    const size_t start = pos_;
    std::string text;
    read_digits(text);
    bool is_float = false;
    // After a '.', a number is an attribute index (`a.0.1`), never a float.
    const bool after_dot = start > 0 && src_[start - 1] == '.';
    if (!after_dot && pos_ + 1 < src_.size() && src_[pos_] == '.' && is_digit(src_[pos_ + 1])) {
      ++pos_;
      text.push_back('.');
      read_digits(text);
      is_float = true;
    }
    if (!after_dot && pos_ < src_.size() && (src_[pos_] == 'e' || src_[pos_] == 'E')) {
      size_t save = pos_;
      std::string exp = "e";
      ++pos_;
      if (pos_ < src_.size() && (src_[pos_] == '+' || src_[pos_] == '-'))
        exp.push_back(src_[pos_++]);
      if (read_digits(exp)) {
        text += exp;
        is_float = true;
      } else {
        pos_ = save;
      }
    }
    tokens_.push_back({is_float ? TokenKind::kFloat : TokenKind::kInteger, text, loc(start)});
    return {};
  }

  // Reads `n` hex digits at pos_ into `cp`.
  bool read_hex(size_t n, char32_t& cp) {
    cp = 0;
    for (size_t k = 0; k < n; ++k) {
      if (pos_ >= src_.size() || hex_value(src_[pos_]) < 0) return false;
      cp = cp * 16 + static_cast<char32_t>(hex_value(src_[pos_++]));
    }
    return true;
  }

  Status lex_string() {
    const size_t start = pos_;
    const char quote = src_[pos_++];
    std::string value;
    while (pos_ < src_.size() && src_[pos_] != quote) {
      const char c = src_[pos_++];
      if (c != '\\' || pos_ >= src_.size()) {
        value.push_back(c);
        continue;
      }
      DOSSIER_TRY(lex_escape(value));
    }
    if (pos_ >= src_.size()) return error(start, "unterminated string");
    ++pos_;
    tokens_.push_back({TokenKind::kString, std::move(value), loc(start)});
    return {};
  }

  // Python escapes; an unknown one keeps its backslash, as Python does.
  Status lex_escape(std::string& value) {
    const size_t start = pos_ - 1;
    const char e = src_[pos_++];
    char32_t cp = 0;
    switch (e) {
      case 'n':
        value.push_back('\n');
        return {};
      case 't':
        value.push_back('\t');
        return {};
      case 'r':
        value.push_back('\r');
        return {};
      case '0':
        value.push_back('\0');
        return {};
      case 'a':
        value.push_back('\a');
        return {};
      case 'b':
        value.push_back('\b');
        return {};
      case 'f':
        value.push_back('\f');
        return {};
      case 'v':
        value.push_back('\v');
        return {};
      case '\\':
      case '\'':
      case '"':
        value.push_back(e);
        return {};
      case '\n':
        return {};
      case 'x':
      case 'u':
      case 'U':
        if (!read_hex(e == 'x' ? 2 : e == 'u' ? 4 : 8, cp)) {
          return error(start, "malformed escape sequence in string");
        }
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
        utf8_append(value, cp);
        return {};
      default:
        value.push_back('\\');
        value.push_back(e);
        return {};
    }
  }

  std::string_view src_;
  size_t pos_ = 0;
  bool strip_next_ = false;
  std::vector<size_t> line_starts_;
  std::vector<Token> tokens_;
};

}  // namespace

std::string at(Location loc, std::string_view message) {
  return "line " + std::to_string(loc.line) + ", column " + std::to_string(loc.column) + ": " +
         std::string(message);
}

std::string describe(const Token& token) {
  switch (token.kind) {
    case TokenKind::kText:
      return "text";
    case TokenKind::kString:
      return "string literal";
    case TokenKind::kEnd:
      return "end of template";
    default:
      return "'" + token.text + "'";
  }
}

Result<std::vector<Token>> tokenize(std::string_view source) {
  if (source.size() >= 2 && source.substr(source.size() - 2) == "\r\n") {
    source.remove_suffix(2);
  } else if (!source.empty() && source.back() == '\n') {
    source.remove_suffix(1);
  }
  return Lexer(source).run();
}

}  // namespace dossier::tmpl
