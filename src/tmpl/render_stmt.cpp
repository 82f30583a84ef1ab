// Statement execution of the evaluator: output, if, for, set, macro definitions,
// includes and filter blocks.
#include "tmpl/evaluator.h"
#include "tmpl/filters.h"
#include "tmpl/text.h"

namespace dossier::tmpl {

Result<std::string> Renderer::render(const Template& tmpl) {
  root_ = program_ = tmpl.program_.get();
  deadline_ = std::chrono::steady_clock::now() + limits_.max_duration;
  Frame root;
  std::string out;
  ScopeSwitch scope(*this, &root, nullptr, &out);
  DOSSIER_TRY(exec(root_->body));
  return out;
}

Status Renderer::check_time(Location loc) const {
  if (std::chrono::steady_clock::now() <= deadline_) return {};
  const auto ms = limits_.max_duration.count();
  const std::string limit =
      ms % 1000 == 0 ? std::to_string(ms / 1000) + " seconds" : std::to_string(ms) + " ms";
  return fail(loc, "rendering takes longer than the limit of " + limit);
}

Error Renderer::fail(Location loc, std::string_view message) const {
  std::string detail;
  if (program_ != root_ && program_ != nullptr) detail = "in '" + program_->name + "', ";
  detail += at(loc, message);
  return Error::make(ErrorCode::kUnprocessable, std::move(detail));
}

Status Renderer::exec(const Body& body) {
  for (const Stmt& s : body) DOSSIER_TRY(exec_stmt(s));
  return {};
}

Status Renderer::exec_stmt(const Stmt& stmt) {
  return std::visit([&](const auto& node) { return exec_node(node, stmt.loc); }, stmt.node);
}

Status Renderer::exec_nested(const Body& body, Location loc) {
  DepthGuard guard(nesting_);
  if (nesting_ > limits_.max_nesting) {
    return fail(loc,
                "blocks nested deeper than the limit of " + std::to_string(limits_.max_nesting));
  }
  return exec(body);
}

Status Renderer::write(std::string_view text, Location loc) {
  out_->append(text);
  if (out_->size() > limits_.max_output_bytes) {
    return fail(
        loc, "output exceeds the limit of " + std::to_string(limits_.max_output_bytes) + " bytes");
  }
  return {};
}

Status Renderer::write_value(const Value& v, Location loc) {
  if (v.is_undefined()) return {};
  const Json& j = v.json();
  if (v.is_json() && j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    if (v.is_safe()) return write(s, loc);
    append_escaped(*out_, s);
    return write({}, loc);
  }
  if (v.is_json() && (j.is_number() || j.is_boolean() || j.is_null())) {
    append_str(*out_, v);  // never contains characters that need escaping
    return write({}, loc);
  }
  append_escaped(*out_, to_str(v));
  return write({}, loc);
}

Result<std::string> Renderer::capture(const Body& body, Location loc) {
  std::string buffer;
  ScopeSwitch scope(*this, nullptr, nullptr, &buffer);
  DOSSIER_TRY(exec_nested(body, loc));
  return buffer;
}

Status Renderer::exec_node(const TextStmt& s, Location loc) {
  return write(s.text, loc);
}

Status Renderer::exec_node(const OutputStmt& s, Location loc) {
  DOSSIER_ASSIGN_OR_RETURN(Value v, eval(*s.expr));
  return write_value(v, loc);
}

Status Renderer::exec_node(const IfStmt& s, Location loc) {
  for (const auto& [cond, body] : s.branches) {
    DOSSIER_ASSIGN_OR_RETURN(Value c, eval(*cond));
    if (truthy(c)) return exec_nested(body, loc);
  }
  return exec_nested(s.otherwise, loc);
}

Status Renderer::bind_targets(Frame& frame, const std::vector<std::string>& targets,
                              const Value& value, const Value& key, Location loc) {
  if (targets.size() == 1) {
    if (key.is_undefined()) {
      frame.set(targets[0], value);
      return {};
    }
    DOSSIER_ASSIGN_OR_RETURN(Json v, to_json(value));
    frame.set(targets[0], Value::of(Json::array({key.json(), std::move(v)})));
    return {};
  }
  if (!key.is_undefined() && targets.size() == 2) {
    frame.set(targets[0], key);
    frame.set(targets[1], value);
    return {};
  }
  const Json& j = value.json();
  if (!value.is_json() || !j.is_array() || j.size() != targets.size()) {
    return fail(loc, "cannot unpack " + a_type_name(value) + " into " +
                         std::to_string(targets.size()) + " names");
  }
  for (size_t i = 0; i < targets.size(); ++i) frame.set(targets[i], Value::child(value, j[i]));
  return {};
}

// The items to iterate, after the loop's `if` filter. `for k, v in d.items()` iterates the
// dict in place (keys in `keys`, values borrowed) instead of building pairs.
Status Renderer::loop_items(const ForStmt& s, Location loc, std::vector<Value>& values,
                            std::vector<Value>& keys) {
  const auto* call = std::get_if<CallExpr>(&s.iterable->node);
  const auto* attr = call ? std::get_if<AttrExpr>(&call->callee->node) : nullptr;
  if (attr && attr->attr == "items" && call->args.empty()) {
    DOSSIER_ASSIGN_OR_RETURN(Value obj, eval(*attr->object));
    if (obj.is_json() && obj.json().is_object()) {
      for (auto it = obj.json().begin(); it != obj.json().end(); ++it) {
        keys.push_back(Value::of(Json(it.key())));
        values.push_back(Value::child(obj, it.value()));
      }
    }
  }
  if (keys.empty()) {
    DOSSIER_ASSIGN_OR_RETURN(Value iterable, eval(*s.iterable));
    auto items = iterate(iterable, limits_);
    if (!items.ok()) return located(loc, items.error());
    values = std::move(items).value();
  }
  if (!s.filter) return {};
  std::vector<Value> kept_values, kept_keys;
  Frame frame{frame_, {}};
  ScopeSwitch scope(*this, &frame, nullptr, nullptr);
  for (size_t i = 0; i < values.size(); ++i) {
    frame.vars.clear();
    const Value key = keys.empty() ? Value() : keys[i];
    DOSSIER_TRY(bind_targets(frame, s.targets, values[i], key, loc));
    DOSSIER_ASSIGN_OR_RETURN(Value pass, eval(*s.filter));
    if (!truthy(pass)) continue;
    kept_values.push_back(values[i]);
    if (!keys.empty()) kept_keys.push_back(keys[i]);
  }
  values = std::move(kept_values);
  keys = std::move(kept_keys);
  return {};
}

Status Renderer::exec_node(const ForStmt& s, Location loc) {
  std::vector<Value> values, keys;
  DOSSIER_TRY(loop_items(s, loc, values, keys));
  if (values.empty()) return exec_nested(s.otherwise, loc);
  Frame frame{frame_, {}};
  ScopeSwitch scope(*this, &frame, nullptr, nullptr);
  LoopState state{0, values.size(), &values};
  const Value loop = Value::opaque(Value::Kind::kLoop, &state);
  for (size_t i = 0; i < values.size(); ++i) {
    if (++iterations_ > limits_.max_loop_iterations) {
      return fail(loc, "loop iterations exceed the limit of " +
                           std::to_string(limits_.max_loop_iterations));
    }
    DOSSIER_TRY(check_time(loc));
    state.index0 = i;
    frame.vars.clear();
    DOSSIER_TRY(bind_targets(frame, s.targets, values[i], keys.empty() ? Value() : keys[i], loc));
    frame.set("loop", loop);
    DOSSIER_TRY(exec_nested(s.body, loc));
  }
  return {};
}

Status Renderer::exec_node(const SetStmt& s, Location loc) {
  DOSSIER_ASSIGN_OR_RETURN(Value v, eval(*s.value));
  if (!s.attr.empty()) {
    const Value target = lookup(s.targets[0]);
    if (target.kind() != Value::Kind::kNamespace) {
      return fail(loc, "'" + s.targets[0] + "' is not a namespace");
    }
    if (!v.is_json() && !v.is_undefined()) {  // no loops, macros or (cyclic) namespaces
      return fail(loc, a_type_name(v) + " cannot be stored in a namespace");
    }
    if (v.is_json() && nesting_depth(v.json(), kMaxValueDepth + 1) > kMaxValueDepth) {
      return fail(loc, "a value is nested too deeply");
    }
    Namespace* ns = target.ns();
    for (auto& [k, old] : ns->attrs) {
      if (k == s.attr) {
        old = std::move(v);
        return {};
      }
    }
    ns->attrs.emplace_back(s.attr, std::move(v));
    return {};
  }
  if (s.targets.size() == 1) {
    frame_->set(s.targets[0], std::move(v));
    return {};
  }
  return bind_targets(*frame_, s.targets, v, Value(), loc);
}

Status Renderer::exec_node(const SetBlockStmt& s, Location loc) {
  DOSSIER_ASSIGN_OR_RETURN(std::string text, capture(s.body, loc));
  frame_->set(s.target, Value::safe(std::move(text)));
  return {};
}

Status Renderer::exec_node(const MacroStmt& s, Location) {
  auto closure = std::make_shared<MacroClosure>(MacroClosure{&s, frame_, program_});
  const MacroClosure* raw = closure.get();
  frame_->set(s.name, Value::opaque(Value::Kind::kMacro, raw, std::move(closure)));
  return {};
}

Status Renderer::exec_node(const IncludeStmt& s, Location loc) {
  DOSSIER_ASSIGN_OR_RETURN(Value name, eval(*s.name));
  if (!name.is_json() || !name.json().is_string()) return fail(loc, "include needs a name string");
  const Template* partial = partials_ ? partials_->find(name.json().get<std::string>()) : nullptr;
  if (!partial) {
    if (s.ignore_missing) return {};
    // Only a literal name is echoed: a computed one could carry data from the context.
    if (std::holds_alternative<LiteralExpr>(s.name->node)) {
      return fail(loc, "unknown partial '" + name.json().get<std::string>() + "'");
    }
    return fail(loc, "unknown partial (name computed at render time)");
  }
  DOSSIER_TRY(enter_call(loc));
  DepthGuard guard(calls_);
  Frame frame{frame_, {}};
  ScopeSwitch scope(*this, &frame, partial->program_.get(), nullptr);
  return exec(partial->program_->body);
}

Status Renderer::exec_node(const FilterBlockStmt& s, Location loc) {
  DOSSIER_ASSIGN_OR_RETURN(std::string text, capture(s.body, loc));
  DOSSIER_ASSIGN_OR_RETURN(CallArgs args, eval_args(s.args));
  auto result = apply_filter(s.name, Value::safe(std::move(text)), args, options_);
  if (!result.ok()) return located(loc, result.error());
  return write_value(*result, loc);
}

}  // namespace dossier::tmpl
