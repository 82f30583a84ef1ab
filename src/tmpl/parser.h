// The parser: tokens → syntax tree, by recursive descent with Jinja's precedence:
//
//   cond (`a if c else b`) < or < and < not < comparisons/in < + - < ~ < * / // % < ** <
//   unary - + < postfix (. [] ()) < filters (|f) and tests (is t)
//
// Errors are kUnprocessable with "line L, column C: …" naming the offending token. Depth of
// expressions and nesting of blocks are bounded (see ast.h), so no input can exhaust the
// stack; parsing is linear in the number of tokens.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "tmpl/ast.h"
#include "tmpl/lexer.h"

namespace dossier::tmpl {

//! Tokenizes and parses a whole template.
Result<std::shared_ptr<const Program>> parse_program(std::string_view source, std::string name);

//! Internal: the parser state. Statement rules live in parser.cpp, expression rules in
//! parser_expr.cpp.
class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  //! The whole token stream as a template body.
  Result<Body> parse_template();
  //! One expression; with_condexpr=false stops before a top-level `if` (for-loop filters).
  Result<ExprPtr> parse_expression(bool with_condexpr = true);

 private:
  // Token helpers.
  const Token& peek(size_t ahead = 0) const;
  const Token& next();
  bool is_op(std::string_view op, size_t ahead = 0) const;
  bool is_name(std::string_view name, size_t ahead = 0) const;
  bool accept_op(std::string_view op);
  bool accept_name(std::string_view name);
  Status expect_op(std::string_view op);
  Status expect_block_end();
  Result<std::string> expect_identifier(std::string_view what);
  Error unexpected(const Token& token, std::string_view expected = {}) const;
  Error error_at(Location loc, std::string_view message) const;

  // Statements.
  Result<Body> parse_body(std::initializer_list<std::string_view> ends, const Token& opener);
  Result<Stmt> parse_statement();
  Result<Stmt> parse_if(Location loc, const Token& opener);
  Result<Stmt> parse_for(Location loc, const Token& opener);
  Result<Stmt> parse_set(Location loc, const Token& opener);
  Result<Stmt> parse_macro(Location loc, const Token& opener);
  Result<Stmt> parse_include(Location loc);
  Result<Stmt> parse_filter_block(Location loc, const Token& opener);
  Result<std::vector<std::string>> parse_targets();

  // Expressions, lowest precedence first.
  Result<ExprPtr> parse_tuple(bool with_condexpr);
  Result<ExprPtr> parse_condexpr();
  Result<ExprPtr> parse_or();
  Result<ExprPtr> parse_and();
  Result<ExprPtr> parse_not();
  Result<ExprPtr> parse_compare();
  Result<ExprPtr> parse_math1();
  Result<ExprPtr> parse_concat();
  Result<ExprPtr> parse_math2();
  Result<ExprPtr> parse_pow();
  Result<ExprPtr> parse_unary(bool with_filter);
  Result<ExprPtr> parse_primary();
  Result<ExprPtr> parse_number(const Token& token);
  Result<ExprPtr> parse_list(Location loc);
  Result<ExprPtr> parse_dict(Location loc);
  Result<ExprPtr> parse_paren(Location loc);
  Result<ExprPtr> parse_postfix(ExprPtr node);
  Result<ExprPtr> parse_subscript(ExprPtr node, Location loc);
  Result<ExprPtr> parse_filter_expr(ExprPtr node);
  Result<ExprPtr> parse_test(ExprPtr node, Location loc);
  Status parse_args(std::vector<Arg>& args);
  //! Wraps a node, computing its depth; fails if the tree grows too deep.
  Result<ExprPtr> make(Location loc, decltype(Expr::node) node);

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int recursion_ = 0;
  int nesting_ = 0;
};

}  // namespace dossier::tmpl
