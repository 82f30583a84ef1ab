// Internal: the tree-walking evaluator behind Template::render.
//
// Variables live in a chain of Frames (a for-loop body, a macro call, an include each get
// one; if-blocks do not, as in Jinja), ending in the JSON context and then the built-in
// functions. Values borrow from the context and from the syntax tree; only computed values
// are copied. Errors from statements and expressions carry "line L, column C: ".
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "tmpl/access.h"
#include "tmpl/args.h"
#include "tmpl/ast.h"
#include "tmpl/functions.h"
#include "tmpl/template.h"
#include "tmpl/value.h"

namespace dossier::tmpl {

//! Deepest dynamic nesting of expression evaluation (across macro calls), bounding stack use.
inline constexpr int kMaxEvalDepth = 512;

struct Frame {
  Frame* parent = nullptr;
  std::vector<std::pair<std::string_view, Value>> vars;

  const Value* find(std::string_view name) const {
    for (auto it = vars.rbegin(); it != vars.rend(); ++it) {
      if (it->first == name) return &it->second;
    }
    return nullptr;
  }
  void set(std::string_view name, Value v) {
    for (auto& [k, old] : vars) {
      if (k == name) {
        old = std::move(v);
        return;
      }
    }
    vars.emplace_back(name, std::move(v));
  }
};

//! A macro as a value: its definition, the frame it was defined in (its closure) and the
//! template that defined it (for error messages). Frames outlive every value that can
//! reach them, because values only flow into frames created later.
struct MacroClosure {
  const MacroStmt* macro = nullptr;
  Frame* frame = nullptr;
  const Program* program = nullptr;
};

class Renderer {
 public:
  Renderer(const Json& context, const RenderOptions& options, const PartialRegistry* partials,
           const FunctionRegistry* functions)
      : context_(context),
        options_(options),
        limits_(options.limits),
        partials_(partials),
        functions_(functions) {}
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  Result<std::string> render(const Template& tmpl);

 private:
  friend class ScopeSwitch;

  // Statements (render_stmt.cpp).
  Status exec(const Body& body);
  Status exec_nested(const Body& body, Location loc);
  Status exec_stmt(const Stmt& stmt);
  Status exec_node(const TextStmt& s, Location loc);
  Status exec_node(const OutputStmt& s, Location loc);
  Status exec_node(const IfStmt& s, Location loc);
  Status exec_node(const ForStmt& s, Location loc);
  Status exec_node(const SetStmt& s, Location loc);
  Status exec_node(const SetBlockStmt& s, Location loc);
  Status exec_node(const MacroStmt& s, Location loc);
  Status exec_node(const IncludeStmt& s, Location loc);
  Status exec_node(const FilterBlockStmt& s, Location loc);
  Status loop_items(const ForStmt& s, Location loc, std::vector<Value>& values,
                    std::vector<Value>& keys);
  Status bind_targets(Frame& frame, const std::vector<std::string>& targets, const Value& value,
                      const Value& key, Location loc);
  Status write(std::string_view text, Location loc);
  Status write_value(const Value& v, Location loc);
  Result<std::string> capture(const Body& body, Location loc);

  // Expressions (render_expr.cpp).
  Result<Value> eval(const Expr& e);
  Result<Value> eval_node(const LiteralExpr& e, Location loc);
  Result<Value> eval_node(const ListExpr& e, Location loc);
  Result<Value> eval_node(const DictExpr& e, Location loc);
  Result<Value> eval_node(const NameExpr& e, Location loc);
  Result<Value> eval_node(const AttrExpr& e, Location loc);
  Result<Value> eval_node(const ItemExpr& e, Location loc);
  Result<Value> eval_node(const SliceExpr& e, Location loc);
  Result<Value> eval_node(const UnaryExpr& e, Location loc);
  Result<Value> eval_node(const BinaryExpr& e, Location loc);
  Result<Value> eval_node(const CompareExpr& e, Location loc);
  Result<Value> eval_node(const CondExpr& e, Location loc);
  Result<Value> eval_node(const CallExpr& e, Location loc);
  Result<Value> eval_node(const FilterExpr& e, Location loc);
  Result<Value> eval_node(const TestExpr& e, Location loc);
  Result<CallArgs> eval_args(const std::vector<Arg>& args);
  Value lookup(const std::string& name) const;

  // Calls (render_call.cpp).
  Result<Value> call_value(const Value& callee, const CallArgs& args, Location loc,
                           std::string_view name);
  Result<Value> call_macro(const MacroClosure& m, const CallArgs& args, Location loc);
  Result<Value> call_function(const FunctionRegistry::Function& f, const CallArgs& args,
                              Location loc);
  Status enter_call(Location loc);

  //! kUnprocessable at `loc` in the current template.
  Error fail(Location loc, std::string_view message) const;
  //! kUnprocessable once the render has run past limits_.max_duration.
  Status check_time(Location loc) const;
  //! Adds the location to an error from a filter, test, operator or access helper.
  Error located(Location loc, const Error& e) const { return fail(loc, e.detail); }

  const Json& context_;
  const RenderOptions& options_;
  const Limits& limits_;  // options_.limits
  const PartialRegistry* partials_;
  const FunctionRegistry* functions_;
  const Program* root_ = nullptr;
  const Program* program_ = nullptr;
  Frame* frame_ = nullptr;
  std::string* out_ = nullptr;
  std::chrono::steady_clock::time_point deadline_;
  size_t iterations_ = 0;
  size_t function_calls_ = 0;
  int nesting_ = 0;
  int calls_ = 0;
  int eval_depth_ = 0;
};

//! Temporarily switches the renderer's frame, template and/or output; restores on exit.
class ScopeSwitch {
 public:
  ScopeSwitch(Renderer& r, Frame* frame, const Program* program, std::string* out)
      : r_(r), frame_(r.frame_), program_(r.program_), out_(r.out_) {
    if (frame) r.frame_ = frame;
    if (program) r.program_ = program;
    if (out) r.out_ = out;
  }
  ~ScopeSwitch() {
    r_.frame_ = frame_;
    r_.program_ = program_;
    r_.out_ = out_;
  }
  ScopeSwitch(const ScopeSwitch&) = delete;
  ScopeSwitch& operator=(const ScopeSwitch&) = delete;

 private:
  Renderer& r_;
  Frame* frame_;
  const Program* program_;
  std::string* out_;
};

//! Increments a depth counter for a scope.
class DepthGuard {
 public:
  explicit DepthGuard(int& n) : n_(n) { ++n_; }
  ~DepthGuard() { --n_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;

 private:
  int& n_;
};

}  // namespace dossier::tmpl
