// The syntax tree the parser builds and the evaluator walks. Immutable after parsing; owned
// by a Template (shared, so copies of a Template share one tree).
//
// Depth is bounded by the parser (kMaxExpressionDepth, kMaxBlockNesting), so recursive
// walks and the recursive destructor cannot exhaust the stack.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/json.h"
#include "tmpl/lexer.h"

namespace dossier::tmpl {

//! Deepest expression tree the parser accepts (counting every node on the longest path).
inline constexpr int kMaxExpressionDepth = 128;
//! Deepest nesting of block statements (if/for/macro/set/filter) the parser accepts.
inline constexpr int kMaxBlockNesting = 100;

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

//! A call argument: positional when `name` is empty, else keyword.
struct Arg {
  std::string name;
  ExprPtr value;
};

enum class UnaryOp { kNot, kNeg, kPos };
enum class BinaryOp { kOr, kAnd, kAdd, kSub, kMul, kDiv, kFloorDiv, kMod, kPow, kConcat };
enum class CompareOp { kEq, kNe, kLt, kLe, kGt, kGe, kIn, kNotIn };

struct LiteralExpr {
  Json value;
};
struct ListExpr {
  std::vector<ExprPtr> items;
};
struct DictExpr {
  std::vector<std::pair<ExprPtr, ExprPtr>> items;
};
struct NameExpr {
  std::string name;
};
struct AttrExpr {
  ExprPtr object;
  std::string attr;
};
struct ItemExpr {
  ExprPtr object;
  ExprPtr index;
};
//! `object[start:stop:step]`; absent parts are null.
struct SliceExpr {
  ExprPtr object;
  ExprPtr start, stop, step;
};
struct UnaryExpr {
  UnaryOp op;
  ExprPtr operand;
};
struct BinaryExpr {
  BinaryOp op;
  ExprPtr lhs, rhs;
};
//! `first op1 e1 op2 e2 …`, a chained comparison as in Python.
struct CompareExpr {
  ExprPtr first;
  std::vector<std::pair<CompareOp, ExprPtr>> rest;
};
//! `then if cond else otherwise`; `otherwise` may be null (then: undefined).
struct CondExpr {
  ExprPtr cond, then, otherwise;
};
struct CallExpr {
  ExprPtr callee;
  std::vector<Arg> args;
};
struct FilterExpr {
  ExprPtr input;
  std::string name;
  std::vector<Arg> args;
};
struct TestExpr {
  ExprPtr input;
  std::string name;
  std::vector<Arg> args;
  bool negated = false;
};

struct Expr {
  Location loc;
  int depth = 1;
  std::variant<LiteralExpr, ListExpr, DictExpr, NameExpr, AttrExpr, ItemExpr, SliceExpr, UnaryExpr,
               BinaryExpr, CompareExpr, CondExpr, CallExpr, FilterExpr, TestExpr>
      node;
};

struct Stmt;
using Body = std::vector<Stmt>;

struct TextStmt {
  std::string text;
};
struct OutputStmt {
  ExprPtr expr;
};
struct IfStmt {
  std::vector<std::pair<ExprPtr, Body>> branches;  //!< `if` then each `elif`
  Body otherwise;
};
struct ForStmt {
  std::vector<std::string> targets;  //!< one name, or several to unpack each item
  ExprPtr iterable;
  ExprPtr filter;  //!< `for x in xs if cond`; may be null
  Body body;
  Body otherwise;  //!< runs when no item was iterated
};
//! `{% set a = expr %}`, `{% set a, b = expr %}` or `{% set ns.attr = expr %}`.
struct SetStmt {
  std::vector<std::string> targets;
  std::string attr;  //!< non-empty for the namespace form: targets[0].attr
  ExprPtr value;
};
//! `{% set name %}…{% endset %}`: captures the rendered body as a safe string.
struct SetBlockStmt {
  std::string target;
  Body body;
};
struct MacroParam {
  std::string name;
  ExprPtr default_value;  //!< may be null
};
struct MacroStmt {
  std::string name;
  std::vector<MacroParam> params;
  Body body;
};
struct IncludeStmt {
  ExprPtr name;
  bool ignore_missing = false;
};
//! `{% filter f(args) %}…{% endfilter %}`: the body's output passed through a filter.
struct FilterBlockStmt {
  std::string name;
  std::vector<Arg> args;
  Body body;
};

struct Stmt {
  Location loc;
  std::variant<TextStmt, OutputStmt, IfStmt, ForStmt, SetStmt, SetBlockStmt, MacroStmt, IncludeStmt,
               FilterBlockStmt>
      node;
};

//! A parsed template: its name (for error messages) and top-level statements.
struct Program {
  std::string name;
  Body body;
};

}  // namespace dossier::tmpl
