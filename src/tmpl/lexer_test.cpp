#include "tmpl/lexer.h"

#include <gtest/gtest.h>

namespace dossier::tmpl {
namespace {

std::vector<Token> lex(std::string_view s) {
  auto r = tokenize(s);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().detail);
  return r.ok() ? std::move(r).value() : std::vector<Token>{};
}

std::string kinds(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& t : tokens) {
    switch (t.kind) {
      case TokenKind::kText:
        out += "T(" + t.text + ")";
        break;
      case TokenKind::kVarBegin:
        out += "{{";
        break;
      case TokenKind::kVarEnd:
        out += "}}";
        break;
      case TokenKind::kBlockBegin:
        out += "{%";
        break;
      case TokenKind::kBlockEnd:
        out += "%}";
        break;
      case TokenKind::kName:
        out += "N(" + t.text + ")";
        break;
      case TokenKind::kString:
        out += "S(" + t.text + ")";
        break;
      case TokenKind::kInteger:
        out += "I(" + t.text + ")";
        break;
      case TokenKind::kFloat:
        out += "F(" + t.text + ")";
        break;
      case TokenKind::kOperator:
        out += "O(" + t.text + ")";
        break;
      case TokenKind::kEnd:
        out += "$";
        break;
    }
  }
  return out;
}

TEST(Lexer, TextTagsAndExpressionTokens) {
  EXPECT_EQ(kinds(lex("a {{ x.y|f(1, 2.5) }} b")),
            "T(a ){{N(x)O(.)N(y)O(|)N(f)O(()I(1)O(,)F(2.5)O())}}T( b)$");
  EXPECT_EQ(kinds(lex("{% if a >= 1 and b // 2 != 3 %}")),
            "{%N(if)N(a)O(>=)I(1)N(and)N(b)O(//)I(2)O(!=)I(3)%}$");
}

TEST(Lexer, LocationsAreOneBasedLineAndColumn) {
  auto tokens = lex("ab\n  {{ name }}");
  ASSERT_GE(tokens.size(), 3u);
  EXPECT_EQ(tokens[1].loc.line, 2);
  EXPECT_EQ(tokens[1].loc.column, 3);
  EXPECT_EQ(tokens[2].loc.column, 6);
}

TEST(Lexer, WhitespaceControlStripsAdjacentText) {
  EXPECT_EQ(kinds(lex("a \n {%- if x -%} \n b")), "T(a){%N(if)N(x)%}T(b)$");
  EXPECT_EQ(kinds(lex("a {#- c -#} b")), "T(a)T(b)$");
}

TEST(Lexer, DictLiteralBracesDoNotCloseTheTag) {
  EXPECT_EQ(kinds(lex("{{ {'a': {'b': 1}} }}")), "{{O({)S(a)O(:)O({)S(b)O(:)I(1)O(})O(})}}$");
}

TEST(Lexer, RawBlockIsOneTextToken) {
  EXPECT_EQ(kinds(lex("{% raw %}{{ x }}{% endraw %}")), "T({{ x }})$");
}

TEST(Lexer, NumbersAndAttributeIndexes) {
  EXPECT_EQ(kinds(lex("{{ 1_000 + 1e3 + a.0.1 }}")),
            "{{I(1000)O(+)F(1e3)O(+)N(a)O(.)I(0)O(.)I(1)}}$");
}

TEST(Lexer, StringEscapes) {
  auto tokens = lex(R"({{ 'a\'b\n\u00e9\q' }})");
  ASSERT_GE(tokens.size(), 2u);
  EXPECT_EQ(tokens[1].text, "a'b\n\xC3\xA9\\q");
}

TEST(Lexer, DropsOneTrailingNewline) {
  EXPECT_EQ(kinds(lex("x\n\n")), "T(x\n)$");
}

TEST(Lexer, ErrorsNameThePosition) {
  auto r = tokenize("ok\n {{ 'open");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(r.error().detail, "line 2, column 5: unterminated string");
  EXPECT_EQ(tokenize("{# never closed").error().detail, "line 1, column 1: unterminated comment");
  EXPECT_EQ(tokenize("{{ a ? b }}").error().detail,
            "line 1, column 6: unexpected character in tag");
  EXPECT_FALSE(tokenize("{% raw %} no end").ok());
}

}  // namespace
}  // namespace dossier::tmpl
