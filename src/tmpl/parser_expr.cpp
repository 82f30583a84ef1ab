// Expression rules of the parser (see parser.h for the precedence ladder).
#include <charconv>
#include <cstdint>

#include "tmpl/parser.h"

namespace dossier::tmpl {
namespace {

// Counts recursive descent into nested expressions; the limit keeps the C++ stack small.
class RecursionGuard {
 public:
  explicit RecursionGuard(int& n) : n_(n) { ++n_; }
  ~RecursionGuard() { --n_; }
  RecursionGuard(const RecursionGuard&) = delete;
  RecursionGuard& operator=(const RecursionGuard&) = delete;
  bool too_deep() const { return n_ > kMaxExpressionDepth; }

 private:
  int& n_;
};

int depth_of(const ExprPtr& e) {
  return e ? e->depth : 0;
}
int depth_of(const std::vector<Arg>& args) {
  int d = 0;
  for (const Arg& a : args) d = std::max(d, depth_of(a.value));
  return d;
}

struct ChildDepth {
  int operator()(const LiteralExpr&) const { return 0; }
  int operator()(const NameExpr&) const { return 0; }
  int operator()(const ListExpr& e) const {
    int d = 0;
    for (const auto& i : e.items) d = std::max(d, depth_of(i));
    return d;
  }
  int operator()(const DictExpr& e) const {
    int d = 0;
    for (const auto& [k, v] : e.items) d = std::max({d, depth_of(k), depth_of(v)});
    return d;
  }
  int operator()(const AttrExpr& e) const { return depth_of(e.object); }
  int operator()(const ItemExpr& e) const {
    return std::max(depth_of(e.object), depth_of(e.index));
  }
  int operator()(const SliceExpr& e) const {
    return std::max({depth_of(e.object), depth_of(e.start), depth_of(e.stop), depth_of(e.step)});
  }
  int operator()(const UnaryExpr& e) const { return depth_of(e.operand); }
  int operator()(const BinaryExpr& e) const { return std::max(depth_of(e.lhs), depth_of(e.rhs)); }
  int operator()(const CompareExpr& e) const {
    int d = depth_of(e.first);
    for (const auto& [op, x] : e.rest) d = std::max(d, depth_of(x));
    return d;
  }
  int operator()(const CondExpr& e) const {
    return std::max({depth_of(e.cond), depth_of(e.then), depth_of(e.otherwise)});
  }
  int operator()(const CallExpr& e) const { return std::max(depth_of(e.callee), depth_of(e.args)); }
  int operator()(const FilterExpr& e) const {
    return std::max(depth_of(e.input), depth_of(e.args));
  }
  int operator()(const TestExpr& e) const { return std::max(depth_of(e.input), depth_of(e.args)); }
};

bool starts_primary(const Token& t) {
  if (t.kind == TokenKind::kName) return t.text != "else" && t.text != "or" && t.text != "and";
  if (t.kind == TokenKind::kString || t.kind == TokenKind::kInteger ||
      t.kind == TokenKind::kFloat) {
    return true;
  }
  return t.kind == TokenKind::kOperator && (t.text == "(" || t.text == "[" || t.text == "{");
}

}  // namespace

Result<ExprPtr> Parser::make(Location loc, decltype(Expr::node) node) {
  auto e = std::make_unique<Expr>();
  e->loc = loc;
  e->depth = 1 + std::visit(ChildDepth{}, node);
  e->node = std::move(node);
  if (e->depth > kMaxExpressionDepth) return error_at(loc, "expression is nested too deeply");
  return e;
}

Result<ExprPtr> Parser::parse_expression(bool with_condexpr) {
  RecursionGuard guard(recursion_);
  if (guard.too_deep()) return error_at(peek().loc, "expression is nested too deeply");
  return with_condexpr ? parse_condexpr() : parse_or();
}

// An expression, or several separated by commas (which become a list, like a tuple).
Result<ExprPtr> Parser::parse_tuple(bool with_condexpr) {
  const Location loc = peek().loc;
  DOSSIER_ASSIGN_OR_RETURN(ExprPtr first, parse_expression(with_condexpr));
  if (!is_op(",")) return first;
  ListExpr list;
  list.items.push_back(std::move(first));
  while (accept_op(",")) {
    if (peek().kind == TokenKind::kBlockEnd || peek().kind == TokenKind::kVarEnd) break;
    DOSSIER_ASSIGN_OR_RETURN(ExprPtr item, parse_expression(with_condexpr));
    list.items.push_back(std::move(item));
  }
  return make(loc, std::move(list));
}

Result<ExprPtr> Parser::parse_condexpr() {
  RecursionGuard guard(recursion_);
  if (guard.too_deep()) return error_at(peek().loc, "expression is nested too deeply");
  DOSSIER_ASSIGN_OR_RETURN(ExprPtr expr, parse_or());
  while (is_name("if")) {
    const Location loc = next().loc;
    CondExpr c;
    c.then = std::move(expr);
    DOSSIER_ASSIGN_OR_RETURN(c.cond, parse_or());
    if (accept_name("else")) {
      DOSSIER_ASSIGN_OR_RETURN(c.otherwise, parse_condexpr());
    }
    DOSSIER_ASSIGN_OR_RETURN(expr, make(loc, std::move(c)));
  }
  return expr;
}

Result<ExprPtr> Parser::parse_or() {
  DOSSIER_ASSIGN_OR_RETURN(ExprPtr lhs, parse_and());
  while (is_name("or")) {
    const Location loc = next().loc;
    DOSSIER_ASSIGN_OR_RETURN(ExprPtr rhs, parse_and());
    DOSSIER_ASSIGN_OR_RETURN(lhs,
                             make(loc, BinaryExpr{BinaryOp::kOr, std::move(lhs), std::move(rhs)}));
  }
  return lhs;
}

Result<ExprPtr> Parser::parse_and() {
  DOSSIER_ASSIGN_OR_RETURN(ExprPtr lhs, parse_not());
  while (is_name("and")) {
    const Location loc = next().loc;
    DOSSIER_ASSIGN_OR_RETURN(ExprPtr rhs, parse_not());
    DOSSIER_ASSIGN_OR_RETURN(lhs,
                             make(loc, BinaryExpr{BinaryOp::kAnd, std::move(lhs), std::move(rhs)}));
  }
  return lhs;
}

Result<ExprPtr> Parser::parse_not() {
  RecursionGuard guard(recursion_);
  if (guard.too_deep()) return error_at(peek().loc, "expression is nested too deeply");
  if (is_name("not")) {
    const Location loc = next().loc;
    DOSSIER_ASSIGN_OR_RETURN(ExprPtr operand, parse_not());
    return make(loc, UnaryExpr{UnaryOp::kNot, std::move(operand)});
  }
  return parse_compare();
}

Result<ExprPtr> Parser::parse_compare() {
  const Location loc = peek().loc;
  DOSSIER_ASSIGN_OR_RETURN(ExprPtr first, parse_math1());
  CompareExpr cmp;
  while (true) {
    CompareOp op;
    const Token& t = peek();
    if (t.kind == TokenKind::kOperator && t.text == "==")
      op = CompareOp::kEq;
    else if (t.kind == TokenKind::kOperator && t.text == "!=")
      op = CompareOp::kNe;
    else if (t.kind == TokenKind::kOperator && t.text == "<")
      op = CompareOp::kLt;
    else if (t.kind == TokenKind::kOperator && t.text == "<=")
      op = CompareOp::kLe;
    else if (t.kind == TokenKind::kOperator && t.text == ">")
      op = CompareOp::kGt;
    else if (t.kind == TokenKind::kOperator && t.text == ">=")
      op = CompareOp::kGe;
    else if (is_name("in"))
      op = CompareOp::kIn;
    else if (is_name("not") && is_name("in", 1))
      op = CompareOp::kNotIn;
    else
      break;
    next();
    if (op == CompareOp::kNotIn) next();
    DOSSIER_ASSIGN_OR_RETURN(ExprPtr rhs, parse_math1());
    cmp.rest.emplace_back(op, std::move(rhs));
  }
  if (cmp.rest.empty()) return first;
  cmp.first = std::move(first);
  return make(loc, std::move(cmp));
}

Result<ExprPtr> Parser::parse_math1() {
  DOSSIER_ASSIGN_OR_RETURN(ExprPtr lhs, parse_concat());
  while (is_op("+") || is_op("-")) {
    const Token& t = next();
    const BinaryOp op = t.text == "+" ? BinaryOp::kAdd : BinaryOp::kSub;
    DOSSIER_ASSIGN_OR_RETURN(ExprPtr rhs, parse_concat());
    DOSSIER_ASSIGN_OR_RETURN(lhs, make(t.loc, BinaryExpr{op, std::move(lhs), std::move(rhs)}));
  }
  return lhs;
}

Result<ExprPtr> Parser::parse_concat() {
  DOSSIER_ASSIGN_OR_RETURN(ExprPtr lhs, parse_math2());
  while (is_op("~")) {
    const Location loc = next().loc;
    DOSSIER_ASSIGN_OR_RETURN(ExprPtr rhs, parse_math2());
    DOSSIER_ASSIGN_OR_RETURN(
        lhs, make(loc, BinaryExpr{BinaryOp::kConcat, std::move(lhs), std::move(rhs)}));
  }
  return lhs;
}

Result<ExprPtr> Parser::parse_math2() {
  DOSSIER_ASSIGN_OR_RETURN(ExprPtr lhs, parse_pow());
  while (is_op("*") || is_op("/") || is_op("//") || is_op("%")) {
    const Token& t = next();
    const BinaryOp op = t.text == "*"    ? BinaryOp::kMul
                        : t.text == "/"  ? BinaryOp::kDiv
                        : t.text == "//" ? BinaryOp::kFloorDiv
                                         : BinaryOp::kMod;
    DOSSIER_ASSIGN_OR_RETURN(ExprPtr rhs, parse_pow());
    DOSSIER_ASSIGN_OR_RETURN(lhs, make(t.loc, BinaryExpr{op, std::move(lhs), std::move(rhs)}));
  }
  return lhs;
}

Result<ExprPtr> Parser::parse_pow() {
  DOSSIER_ASSIGN_OR_RETURN(ExprPtr lhs, parse_unary(true));
  while (is_op("**")) {
    const Location loc = next().loc;
    DOSSIER_ASSIGN_OR_RETURN(ExprPtr rhs, parse_unary(true));
    DOSSIER_ASSIGN_OR_RETURN(lhs,
                             make(loc, BinaryExpr{BinaryOp::kPow, std::move(lhs), std::move(rhs)}));
  }
  return lhs;
}

Result<ExprPtr> Parser::parse_unary(bool with_filter) {
  RecursionGuard guard(recursion_);
  if (guard.too_deep()) return error_at(peek().loc, "expression is nested too deeply");
  ExprPtr node;
  if (is_op("-") || is_op("+")) {
    const Token& t = next();
    const UnaryOp op = t.text == "-" ? UnaryOp::kNeg : UnaryOp::kPos;
    DOSSIER_ASSIGN_OR_RETURN(ExprPtr operand, parse_unary(false));
    DOSSIER_ASSIGN_OR_RETURN(node, make(t.loc, UnaryExpr{op, std::move(operand)}));
  } else {
    DOSSIER_ASSIGN_OR_RETURN(node, parse_primary());
  }
  DOSSIER_ASSIGN_OR_RETURN(node, parse_postfix(std::move(node)));
  if (with_filter) return parse_filter_expr(std::move(node));
  return node;
}

Result<ExprPtr> Parser::parse_number(const Token& t) {
  const char* b = t.text.data();
  const char* e = b + t.text.size();
  if (t.kind == TokenKind::kInteger) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(b, e, v);
    if (ec == std::errc() && p == e) return make(t.loc, LiteralExpr{Json(v)});
  }
  double d = 0;
  auto [p, ec] = std::from_chars(b, e, d);
  if (ec != std::errc() || p != e) return error_at(t.loc, "number out of range");
  return make(t.loc, LiteralExpr{Json(d)});
}

Result<ExprPtr> Parser::parse_primary() {
  const Token& t = peek();
  switch (t.kind) {
    case TokenKind::kName: {
      next();
      const std::string& n = t.text;
      if (n == "true" || n == "True") return make(t.loc, LiteralExpr{Json(true)});
      if (n == "false" || n == "False") return make(t.loc, LiteralExpr{Json(false)});
      if (n == "none" || n == "None") return make(t.loc, LiteralExpr{Json(nullptr)});
      return make(t.loc, NameExpr{n});
    }
    case TokenKind::kString: {
      const Location loc = t.loc;
      std::string s = next().text;
      while (peek().kind == TokenKind::kString) s += next().text;  // "a" "b" → "ab"
      return make(loc, LiteralExpr{Json(std::move(s))});
    }
    case TokenKind::kInteger:
    case TokenKind::kFloat:
      next();
      return parse_number(t);
    case TokenKind::kOperator:
      if (t.text == "(") return parse_paren(next().loc);
      if (t.text == "[") return parse_list(next().loc);
      if (t.text == "{") return parse_dict(next().loc);
      break;
    default:
      break;
  }
  return unexpected(t, "an expression");
}

Result<ExprPtr> Parser::parse_paren(Location loc) {
  if (accept_op(")")) return make(loc, ListExpr{});
  DOSSIER_ASSIGN_OR_RETURN(ExprPtr inner, parse_expression());
  if (!is_op(",")) {
    DOSSIER_TRY(expect_op(")"));
    return inner;
  }
  ListExpr list;
  list.items.push_back(std::move(inner));
  while (accept_op(",")) {
    if (is_op(")")) break;
    DOSSIER_ASSIGN_OR_RETURN(ExprPtr item, parse_expression());
    list.items.push_back(std::move(item));
  }
  DOSSIER_TRY(expect_op(")"));
  return make(loc, std::move(list));
}

Result<ExprPtr> Parser::parse_list(Location loc) {
  ListExpr list;
  while (!accept_op("]")) {
    if (!list.items.empty()) {
      DOSSIER_TRY(expect_op(","));
      if (accept_op("]")) break;
    }
    DOSSIER_ASSIGN_OR_RETURN(ExprPtr item, parse_expression());
    list.items.push_back(std::move(item));
  }
  return make(loc, std::move(list));
}

Result<ExprPtr> Parser::parse_dict(Location loc) {
  DictExpr dict;
  while (!accept_op("}")) {
    if (!dict.items.empty()) {
      DOSSIER_TRY(expect_op(","));
      if (accept_op("}")) break;
    }
    DOSSIER_ASSIGN_OR_RETURN(ExprPtr key, parse_expression());
    DOSSIER_TRY(expect_op(":"));
    DOSSIER_ASSIGN_OR_RETURN(ExprPtr value, parse_expression());
    dict.items.emplace_back(std::move(key), std::move(value));
  }
  return make(loc, std::move(dict));
}

Result<ExprPtr> Parser::parse_postfix(ExprPtr node) {
  while (true) {
    const Token& t = peek();
    if (t.kind != TokenKind::kOperator) return node;
    if (t.text == ".") {
      next();
      const Token& name = peek();
      if (name.kind != TokenKind::kName && name.kind != TokenKind::kInteger) {
        return unexpected(name, "an attribute name");
      }
      next();
      DOSSIER_ASSIGN_OR_RETURN(node, make(t.loc, AttrExpr{std::move(node), name.text}));
    } else if (t.text == "[") {
      next();
      DOSSIER_ASSIGN_OR_RETURN(node, parse_subscript(std::move(node), t.loc));
    } else if (t.text == "(") {
      CallExpr call{std::move(node), {}};
      DOSSIER_TRY(parse_args(call.args));
      DOSSIER_ASSIGN_OR_RETURN(node, make(t.loc, std::move(call)));
    } else {
      return node;
    }
  }
}

// After `[`: either `[index]` or a slice `[start:stop:step]` with any part omitted.
Result<ExprPtr> Parser::parse_subscript(ExprPtr node, Location loc) {
  ExprPtr parts[3];
  int colons = 0;
  while (true) {
    if (is_op("]")) break;
    if (is_op(":")) {
      if (++colons > 2) return unexpected(peek(), "']'");
      next();
      continue;
    }
    if (parts[colons]) return unexpected(peek(), colons ? "':' or ']'" : "':' or ']'");
    DOSSIER_ASSIGN_OR_RETURN(parts[colons], parse_expression());
  }
  next();
  if (colons == 0) {
    if (!parts[0]) return error_at(loc, "empty subscript");
    return make(loc, ItemExpr{std::move(node), std::move(parts[0])});
  }
  return make(loc, SliceExpr{std::move(node), std::move(parts[0]), std::move(parts[1]),
                             std::move(parts[2])});
}

Status Parser::parse_args(std::vector<Arg>& args) {
  DOSSIER_TRY(expect_op("("));
  bool seen_keyword = false;
  while (!accept_op(")")) {
    if (!args.empty()) {
      DOSSIER_TRY(expect_op(","));
      if (accept_op(")")) break;
    }
    Arg arg;
    if (peek().kind == TokenKind::kName && is_op("=", 1)) {
      arg.name = next().text;
      next();
      seen_keyword = true;
    } else if (seen_keyword) {
      return error_at(peek().loc, "positional argument follows keyword argument");
    }
    DOSSIER_ASSIGN_OR_RETURN(arg.value, parse_expression());
    args.push_back(std::move(arg));
  }
  return {};
}

Result<ExprPtr> Parser::parse_filter_expr(ExprPtr node) {
  while (true) {
    if (is_op("|")) {
      const Location loc = next().loc;
      FilterExpr f;
      f.input = std::move(node);
      DOSSIER_ASSIGN_OR_RETURN(f.name, expect_identifier("a filter name"));
      if (is_op("(")) DOSSIER_TRY(parse_args(f.args));
      DOSSIER_ASSIGN_OR_RETURN(node, make(loc, std::move(f)));
    } else if (is_name("is")) {
      const Location loc = next().loc;
      DOSSIER_ASSIGN_OR_RETURN(node, parse_test(std::move(node), loc));
    } else if (is_op("(")) {
      CallExpr call{std::move(node), {}};
      const Location loc = peek().loc;
      DOSSIER_TRY(parse_args(call.args));
      DOSSIER_ASSIGN_OR_RETURN(node, make(loc, std::move(call)));
    } else {
      return node;
    }
  }
}

Result<ExprPtr> Parser::parse_test(ExprPtr node, Location loc) {
  TestExpr test;
  test.input = std::move(node);
  test.negated = accept_name("not");
  DOSSIER_ASSIGN_OR_RETURN(test.name, expect_identifier("a test name"));
  if (is_op("(")) {
    DOSSIER_TRY(parse_args(test.args));
  } else if (starts_primary(peek())) {
    if (is_name("is")) return error_at(peek().loc, "tests cannot be chained with 'is'");
    Arg arg;
    DOSSIER_ASSIGN_OR_RETURN(arg.value, parse_primary());
    DOSSIER_ASSIGN_OR_RETURN(arg.value, parse_postfix(std::move(arg.value)));
    test.args.push_back(std::move(arg));
  }
  return make(loc, std::move(test));
}

}  // namespace dossier::tmpl
