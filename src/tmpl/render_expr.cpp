// Expression evaluation of the evaluator.
#include "tmpl/evaluator.h"
#include "tmpl/filters.h"
#include "tmpl/operators.h"

namespace dossier::tmpl {

Result<Value> Renderer::eval(const Expr& e) {
  DepthGuard guard(eval_depth_);
  if (eval_depth_ > kMaxEvalDepth) return fail(e.loc, "expressions nested too deeply");
  return std::visit([&](const auto& node) { return eval_node(node, e.loc); }, e.node);
}

Result<CallArgs> Renderer::eval_args(const std::vector<Arg>& args) {
  CallArgs out;
  for (const Arg& a : args) {
    DOSSIER_ASSIGN_OR_RETURN(Value v, eval(*a.value));
    if (a.name.empty()) {
      out.positional.push_back(std::move(v));
    } else {
      out.keyword.emplace_back(a.name, std::move(v));
    }
  }
  return out;
}

Result<Value> Renderer::eval_node(const LiteralExpr& e, Location) {
  return Value::borrow(e.value);  // the syntax tree outlives the render
}

Result<Value> Renderer::eval_node(const ListExpr& e, Location loc) {
  std::vector<Value> items;
  items.reserve(e.items.size());
  for (const ExprPtr& item : e.items) {
    DOSSIER_ASSIGN_OR_RETURN(Value v, eval(*item));
    if (auto j = check_storable(v); !j.ok()) return located(loc, j.error());
    items.push_back(std::move(v));
  }
  return Value::list(items);
}

Result<Value> Renderer::eval_node(const DictExpr& e, Location loc) {
  Json dict = Json::object();
  for (const auto& [key, value] : e.items) {
    DOSSIER_ASSIGN_OR_RETURN(Value k, eval(*key));
    DOSSIER_ASSIGN_OR_RETURN(Value v, eval(*value));
    auto j = to_json(v);
    if (!j.ok()) return located(loc, j.error());
    dict[to_str(k)] = std::move(j).value();
  }
  return Value::of(std::move(dict));
}

Result<Value> Renderer::eval_node(const NameExpr& e, Location) {
  return lookup(e.name);
}

Result<Value> Renderer::eval_node(const AttrExpr& e, Location) {
  DOSSIER_ASSIGN_OR_RETURN(Value obj, eval(*e.object));
  return get_attr(obj, e.attr);
}

Result<Value> Renderer::eval_node(const ItemExpr& e, Location) {
  DOSSIER_ASSIGN_OR_RETURN(Value obj, eval(*e.object));
  DOSSIER_ASSIGN_OR_RETURN(Value key, eval(*e.index));
  return get_item(obj, key);
}

Result<Value> Renderer::eval_node(const SliceExpr& e, Location loc) {
  DOSSIER_ASSIGN_OR_RETURN(Value obj, eval(*e.object));
  Value parts[3];
  const Expr* exprs[3] = {e.start.get(), e.stop.get(), e.step.get()};
  for (int i = 0; i < 3; ++i) {
    if (exprs[i]) {
      DOSSIER_ASSIGN_OR_RETURN(parts[i], eval(*exprs[i]));
    }
  }
  auto r = get_slice(obj, parts[0], parts[1], parts[2]);
  if (!r.ok()) return located(loc, r.error());
  return r;
}

Result<Value> Renderer::eval_node(const UnaryExpr& e, Location loc) {
  DOSSIER_ASSIGN_OR_RETURN(Value v, eval(*e.operand));
  if (e.op == UnaryOp::kNot) return Value::of(Json(!truthy(v)));
  auto r = unary_arithmetic(e.op, v);
  if (!r.ok()) return located(loc, r.error());
  return r;
}

Result<Value> Renderer::eval_node(const BinaryExpr& e, Location loc) {
  DOSSIER_ASSIGN_OR_RETURN(Value lhs, eval(*e.lhs));
  if (e.op == BinaryOp::kOr && truthy(lhs)) return lhs;
  if (e.op == BinaryOp::kAnd && !truthy(lhs)) return lhs;
  DOSSIER_ASSIGN_OR_RETURN(Value rhs, eval(*e.rhs));
  if (e.op == BinaryOp::kOr || e.op == BinaryOp::kAnd) return rhs;
  auto r = arithmetic(e.op, lhs, rhs, limits_);
  if (!r.ok()) return located(loc, r.error());
  return r;
}

Result<Value> Renderer::eval_node(const CompareExpr& e, Location loc) {
  DOSSIER_ASSIGN_OR_RETURN(Value lhs, eval(*e.first));
  for (const auto& [op, rhs_expr] : e.rest) {
    DOSSIER_ASSIGN_OR_RETURN(Value rhs, eval(*rhs_expr));
    auto r = compare(op, lhs, rhs);
    if (!r.ok()) return located(loc, r.error());
    if (!*r) return Value::of(Json(false));
    lhs = std::move(rhs);
  }
  return Value::of(Json(true));
}

Result<Value> Renderer::eval_node(const CondExpr& e, Location) {
  DOSSIER_ASSIGN_OR_RETURN(Value cond, eval(*e.cond));
  if (truthy(cond)) return eval(*e.then);
  if (e.otherwise) return eval(*e.otherwise);
  return Value::undefined();
}

Result<Value> Renderer::eval_node(const FilterExpr& e, Location loc) {
  if (!find_filter(e.name)) return fail(loc, "unknown filter '" + e.name + "'");
  DOSSIER_ASSIGN_OR_RETURN(Value input, eval(*e.input));
  DOSSIER_ASSIGN_OR_RETURN(CallArgs args, eval_args(e.args));
  auto r = apply_filter(e.name, input, args, options_);
  if (!r.ok()) return located(loc, r.error());
  return r;
}

Result<Value> Renderer::eval_node(const TestExpr& e, Location loc) {
  if (!find_test(e.name)) return fail(loc, "unknown test '" + e.name + "'");
  DOSSIER_ASSIGN_OR_RETURN(Value input, eval(*e.input));
  DOSSIER_ASSIGN_OR_RETURN(CallArgs args, eval_args(e.args));
  auto r = apply_test(e.name, input, args);
  if (!r.ok()) return located(loc, r.error());
  return Value::of(Json(*r != e.negated));
}

}  // namespace dossier::tmpl
