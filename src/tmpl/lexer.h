// The lexer: template source → a flat token stream.
//
// Text outside tags becomes kText tokens (already trimmed by whitespace control: `{%-`,
// `{{-`, `{#-` strip whitespace before the tag, `-%}`, `-}}`, `-#}` strip it after).
// Comments vanish; `{% raw %}…{% endraw %}` becomes one kText token. Like Jinja, a single
// trailing newline at the end of the source is dropped. Every token knows its 1-based line
// and column, for error messages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace dossier::tmpl {

struct Location {
  int line = 1;
  int column = 1;
};

enum class TokenKind {
  kText,        //!< literal output; `text` holds it
  kVarBegin,    //!< {{
  kVarEnd,      //!< }}
  kBlockBegin,  //!< {%
  kBlockEnd,    //!< %}
  kName,        //!< identifier or keyword; `text` holds it
  kString,      //!< string literal; `text` holds the unescaped value
  kInteger,     //!< `text` holds the digits (underscores removed)
  kFloat,       //!< `text` holds the literal (underscores removed)
  kOperator,    //!< punctuation such as `(`, `==`, `//`; `text` holds it
  kEnd,         //!< end of source
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  Location loc;
};

//! Tokenizes `source`. On malformed input (unterminated tag, string, comment or raw block,
//! a character that cannot start a token) returns kUnprocessable with
//! "line L, column C: …". Never throws; linear in the size of the source.
Result<std::vector<Token>> tokenize(std::string_view source);

//! A readable spelling of a token for error messages ("'endfor'", "end of template").
std::string describe(const Token& token);

//! Formats "line L, column C: message".
std::string at(Location loc, std::string_view message);

}  // namespace dossier::tmpl
