#include "tmpl/parser.h"

#include <gtest/gtest.h>

#include "tmpl/value.h"

namespace dossier::tmpl {
namespace {

// A compact rendering of an expression tree, to check precedence.
std::string show(const Expr& e);

std::string show(const ExprPtr& e) {
  return e ? show(*e) : "_";
}

std::string show(const Expr& e) {
  if (auto* l = std::get_if<LiteralExpr>(&e.node)) return l->value.dump();
  if (auto* n = std::get_if<NameExpr>(&e.node)) return n->name;
  if (auto* a = std::get_if<AttrExpr>(&e.node)) return show(a->object) + "." + a->attr;
  if (auto* u = std::get_if<UnaryExpr>(&e.node)) {
    return std::string(u->op == UnaryOp::kNot ? "not " : "-") + "(" + show(u->operand) + ")";
  }
  if (auto* b = std::get_if<BinaryExpr>(&e.node)) {
    static const char* kOps[] = {"or", "and", "+", "-", "*", "/", "//", "%", "**", "~"};
    return "(" + show(b->lhs) + " " + kOps[static_cast<int>(b->op)] + " " + show(b->rhs) + ")";
  }
  if (auto* c = std::get_if<CompareExpr>(&e.node)) {
    std::string s = "cmp(" + show(c->first);
    for (const auto& [op, x] : c->rest) s += "," + std::to_string(static_cast<int>(op)) + show(x);
    return s + ")";
  }
  if (auto* c = std::get_if<CondExpr>(&e.node)) {
    return "if(" + show(c->cond) + "," + show(c->then) + "," + show(c->otherwise) + ")";
  }
  if (auto* f = std::get_if<FilterExpr>(&e.node)) {
    return show(f->input) + "|" + f->name + "/" + std::to_string(f->args.size());
  }
  if (auto* t = std::get_if<TestExpr>(&e.node)) {
    return show(t->input) + (t->negated ? " is not " : " is ") + t->name;
  }
  if (auto* c = std::get_if<CallExpr>(&e.node)) return show(c->callee) + "()";
  return "?";
}

std::string parse_expr(std::string_view src) {
  auto tokens = tokenize("{{ " + std::string(src) + " }}");
  if (!tokens.ok()) return tokens.error().detail;
  auto tmpl = Parser(std::move(tokens).value()).parse_template();
  if (!tmpl.ok()) return tmpl.error().detail;
  return show(std::get<OutputStmt>(tmpl->at(0).node).expr);
}

TEST(Parser, Precedence) {
  EXPECT_EQ(parse_expr("a or b and not c"), "(a or (b and not (c)))");
  EXPECT_EQ(parse_expr("1 + 2 * 3 ** 2"), "(1 + (2 * (3 ** 2)))");
  EXPECT_EQ(parse_expr("a ~ b + c"), "((a ~ b) + c)");
  EXPECT_EQ(parse_expr("-x|abs"), "-(x)|abs/0");
  EXPECT_EQ(parse_expr("not x is defined"), "not (x is defined)");
  EXPECT_EQ(parse_expr("a if b else c if d"), "if(b,a,if(d,c,_))");
  EXPECT_EQ(parse_expr("1 < x <= 3"), "cmp(1,2x,33)");
  EXPECT_EQ(parse_expr("x not in y"), "cmp(x,7y)");
  EXPECT_EQ(parse_expr("x.y|f(1)|g"), "x.y|f/1|g/0");
  EXPECT_EQ(parse_expr("x is not none"), "x is not none");
  EXPECT_EQ(parse_expr("d.items()"), "d.items()");
}

TEST(Parser, ExpressionErrorsHaveLocations) {
  EXPECT_EQ(parse_expr("(1"), "line 1, column 7: unexpected '}}', expected ')'");
  EXPECT_EQ(parse_expr("f(a=1, 2)"),
            "line 1, column 11: positional argument follows keyword argument");
  EXPECT_EQ(parse_expr("x|"), "line 1, column 7: unexpected '}}', expected a filter name");
}

TEST(Parser, DeepNestingIsAnErrorNotACrash) {
  const std::string parens(100000, '(');
  EXPECT_NE(parse_expr(parens + "1").find("nested too deeply"), std::string::npos);
  std::string chain = "1";
  for (int i = 0; i < 20000; ++i) chain += " + 1";
  EXPECT_NE(parse_expr(chain).find("nested too deeply"), std::string::npos);
  std::string nots;
  for (int i = 0; i < 20000; ++i) nots += "not ";
  EXPECT_NE(parse_expr(nots + "x").find("nested too deeply"), std::string::npos);
  std::string filters = "x";
  for (int i = 0; i < 20000; ++i) filters += "|e";
  EXPECT_NE(parse_expr(filters).find("nested too deeply"), std::string::npos);
  std::string blocks;
  for (int i = 0; i < 20000; ++i) blocks += "{% if x %}";
  auto r = parse_program(blocks, "t");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().detail.find("blocks are nested too deeply"), std::string::npos);
}

TEST(Parser, StatementErrors) {
  auto err = [](std::string_view src) {
    auto r = parse_program(src, "t");
    return r.ok() ? std::string("ok") : r.error().detail;
  };
  EXPECT_EQ(err("{% for x in y %}{% endfor %}"), "ok");
  EXPECT_EQ(err("a\n\n  {% endfor %}"), "line 3, column 6: unexpected 'endfor'");
  EXPECT_EQ(err("{% for x y %}"), "line 1, column 10: unexpected 'y', expected 'in'");
  EXPECT_EQ(err("{% macro m(a=1, b) %}{% endmacro %}"),
            "line 1, column 18: parameter without a default follows one with a default");
  EXPECT_EQ(err("{% if %}"), "line 1, column 7: unexpected '%}', expected an expression");
  EXPECT_EQ(err("{% set x = 1"), "line 1, column 1: unexpected end of template, expected '%}'");
  EXPECT_EQ(err("{% %}"), "line 1, column 4: unexpected '%}', expected a tag name");
}

TEST(Parser, LiteralsAreParsedOnce) {
  EXPECT_EQ(parse_expr("'a' \"b\""), "\"ab\"");
  EXPECT_EQ(parse_expr("99999999999999999999"), "1e+20");
  EXPECT_EQ(parse_expr("None"), "null");
}

}  // namespace
}  // namespace dossier::tmpl
