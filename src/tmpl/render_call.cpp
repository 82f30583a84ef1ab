// Calls in the evaluator: macros, methods, built-in functions and loop.cycle(), plus
// variable lookup.
#include "tmpl/evaluator.h"
#include "tmpl/methods.h"

namespace dossier::tmpl {

Value Renderer::lookup(const std::string& name) const {
  for (const Frame* f = frame_; f != nullptr; f = f->parent) {
    if (const Value* v = f->find(name)) return *v;
  }
  if (context_.is_object()) {
    auto it = context_.find(name);
    if (it != context_.end()) return Value::borrow(*it);
  }
  Value builtin = find_builtin(name);
  if (!builtin.is_undefined()) return builtin;
  return Value::undefined(&name);
}

Status Renderer::enter_call(Location loc) {
  if (calls_ >= limits_.max_call_depth) {
    return fail(loc, "macro calls and includes nested deeper than the limit of " +
                         std::to_string(limits_.max_call_depth));
  }
  return {};
}

Result<Value> Renderer::eval_node(const CallExpr& e, Location loc) {
  DOSSIER_ASSIGN_OR_RETURN(CallArgs args, eval_args(e.args));
  if (const auto* attr = std::get_if<AttrExpr>(&e.callee->node)) {
    DOSSIER_ASSIGN_OR_RETURN(Value obj, eval(*attr->object));
    if (obj.kind() == Value::Kind::kLoop && attr->attr == "cycle") {
      if (args.positional.empty()) return fail(loc, "loop.cycle() needs at least one value");
      const auto* state = static_cast<const LoopState*>(obj.object());
      return args.positional[state->index0 % args.positional.size()];
    }
    if (auto r = call_method(obj, attr->attr, args, limits_)) {
      if (!r->ok()) return located(loc, r->error());
      return std::move(*r);
    }
    return call_value(get_attr(obj, attr->attr), args, loc, attr->attr);
  }
  DOSSIER_ASSIGN_OR_RETURN(Value callee, eval(*e.callee));
  const auto* name = std::get_if<NameExpr>(&e.callee->node);
  return call_value(callee, args, loc, name ? std::string_view(name->name) : "");
}

Result<Value> Renderer::call_value(const Value& callee, const CallArgs& args, Location loc,
                                   std::string_view name) {
  switch (callee.kind()) {
    case Value::Kind::kMacro:
      return call_macro(*static_cast<const MacroClosure*>(callee.object()), args, loc);
    case Value::Kind::kBuiltin: {
      auto r = call_builtin(callee, args, limits_);
      if (!r.ok()) return located(loc, r.error());
      return r;
    }
    case Value::Kind::kUndefined:
      if (name.empty()) return fail(loc, "an undefined value is not callable");
      return fail(loc, "'" + std::string(name) + "' is undefined and cannot be called");
    default:
      return fail(loc, a_type_name(callee) + " is not callable");
  }
}

Result<Value> Renderer::call_macro(const MacroClosure& m, const CallArgs& args, Location loc) {
  const MacroStmt& def = *m.macro;
  const std::string what = "macro '" + def.name + "'";
  if (args.positional.size() > def.params.size()) {
    return fail(loc, what + " takes at most " + std::to_string(def.params.size()) + " argument(s)");
  }
  std::vector<const Value*> given(def.params.size(), nullptr);
  for (size_t i = 0; i < args.positional.size(); ++i) given[i] = &args.positional[i];
  for (const auto& [key, value] : args.keyword) {
    size_t i = 0;
    while (i < def.params.size() && def.params[i].name != key) ++i;
    if (i == def.params.size()) {
      return fail(loc, what + " has no parameter '" + std::string(key) + "'");
    }
    if (given[i]) return fail(loc, what + " got multiple values for '" + std::string(key) + "'");
    given[i] = &value;
  }
  DOSSIER_TRY(enter_call(loc));
  DepthGuard guard(calls_);
  Frame frame{m.frame, {}};
  ScopeSwitch scope(*this, &frame, m.program, nullptr);
  for (size_t i = 0; i < def.params.size(); ++i) {
    const MacroParam& p = def.params[i];
    if (given[i]) {
      frame.set(p.name, *given[i]);
    } else if (p.default_value) {
      DOSSIER_ASSIGN_OR_RETURN(Value v, eval(*p.default_value));
      frame.set(p.name, std::move(v));
    } else {
      frame.set(p.name, Value::undefined(&p.name));
    }
  }
  DOSSIER_ASSIGN_OR_RETURN(std::string text, capture(def.body, loc));
  return Value::safe(std::move(text));
}

}  // namespace dossier::tmpl
