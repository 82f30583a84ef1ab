// CSS Syntax Level 3 tokenizer, simplified: enough for style sheets and style="" attributes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dossier::doc::css {

enum class TokenType : uint8_t {
  kIdent,       //!< text = name (escapes resolved)
  kFunction,    //!< text = name, the "(" is consumed
  kAtKeyword,   //!< text = name without "@"
  kHash,        //!< text = name without "#"
  kString,      //!< text = value without quotes
  kUrl,         //!< text = the URL of url(...) (quoted or not)
  kNumber,      //!< number
  kPercentage,  //!< number (e.g. 50 for 50%)
  kDimension,   //!< number + text = lower-case unit
  kDelim,       //!< text = the character
  kWhitespace,
  kComma,
  kColon,
  kSemicolon,
  kOpenParen,
  kCloseParen,
  kOpenBracket,
  kCloseBracket,
  kOpenBrace,
  kCloseBrace,
};

struct Token {
  TokenType type = TokenType::kDelim;
  std::string text;
  double number = 0;
  bool is(TokenType t) const { return type == t; }
  bool is_delim(char c) const {
    return type == TokenType::kDelim && text.size() == 1 && text[0] == c;
  }
  //! Identifier equal (ASCII case-insensitively) to `name`.
  bool is_ident(std::string_view name) const;
};

//! Tokens of `css`; comments are dropped, "<!--" / "-->" become whitespace. Never fails:
//! bad input yields delimiters the parser later ignores.
std::vector<Token> tokenize(std::string_view css);

}  // namespace dossier::doc::css
