// Calls in the evaluator: macros, methods, built-in functions, host functions and
// loop.cycle(), plus variable lookup.
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
  if (functions_) {
    if (const FunctionRegistry::Function* f = functions_->find(name)) {
      return Value::opaque(Value::Kind::kHostFunction, f);
    }
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
    case Value::Kind::kHostFunction:
      return call_function(*static_cast<const FunctionRegistry::Function*>(callee.object()), args,
                           loc);
    case Value::Kind::kUndefined:
      if (name.empty()) return fail(loc, "an undefined value is not callable");
      return fail(loc, "'" + std::string(name) + "' is undefined and cannot be called");
    default:
      return fail(loc, a_type_name(callee) + " is not callable");
  }
}

Result<Value> Renderer::call_macro(const MacroClosure& m, const CallArgs& args, Location loc) {
  DOSSIER_TRY(check_time(loc));
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

Result<Value> Renderer::call_function(const FunctionRegistry::Function& f, const CallArgs& args,
                                      Location loc) {
  const std::string what = "function '" + f.name + "'";
  if (function_calls_ >= limits_.max_function_calls) {
    return fail(loc, what + ": more than " + std::to_string(limits_.max_function_calls) +
                         " function calls in one render");
  }
  ++function_calls_;
  DOSSIER_TRY(check_time(loc));
  std::vector<Json> positional;
  positional.reserve(args.positional.size());
  for (const Value& v : args.positional) {
    auto j = to_json(v);
    if (!j.ok()) return fail(loc, what + ": " + j.error().detail);
    positional.push_back(std::move(j).value());
  }
  Json keyword = Json::object();
  for (const auto& [key, v] : args.keyword) {
    auto j = to_json(v);
    if (!j.ok()) return fail(loc, what + ": " + j.error().detail);
    keyword[std::string(key)] = std::move(j).value();
  }
  Result<Json> r = f.fn(positional, keyword);
  if (!r.ok()) {
    const Error& e = r.error();
    std::string detail = what + ": " + e.detail;
    std::string problems;
    for (const FieldProblem& p : e.fields) {
      problems += (problems.empty() ? "" : "; ") + p.path + ": " + p.problem;
    }
    if (!problems.empty()) detail += " (" + problems + ")";
    return fail(loc, detail);
  }
  Json out = std::move(r).value();
  if (out.is_string() && out.get_ref<const std::string&>().size() > limits_.max_output_bytes) {
    return fail(loc, what + ": result exceeds the limit of " +
                         std::to_string(limits_.max_output_bytes) + " bytes");
  }
  if (f.returns_safe_html && out.is_string()) return Value::safe(out.get<std::string>());
  return Value::of(std::move(out));
}

}  // namespace dossier::tmpl
