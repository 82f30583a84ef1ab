// Dossier's template language: a Jinja2-compatible subset that renders a plain JSON
// context (no host objects) to text, with HTML autoescaping always on.
//
//   auto t = Template::parse("<p>{{ patient.name }}</p>", "progress_report");
//   if (!t.ok()) …;                       // kUnprocessable "line 3, column 7: unexpected 'endfor'"
//   auto html = t->render(context);       // kUnprocessable on a render error or a limit
//
// Supported: {{ }}, {% if/elif/else %}, {% for … in … [if …] %}…{% else %}, loop.*,
// {% set %} (also block form and namespace attributes), {% macro %} and calls,
// {% include %} of registered partials, calls of host functions (functions.h),
// {% filter %}, {% raw %}, comments, whitespace
// control (-), Python-like expressions, and the filters and tests listed in filters.cpp and
// predicates.cpp. Undefined variables render as "" and are chainable (a.b.c on undefined
// is undefined).
//
// Thread safety: a Template and a PartialRegistry are immutable after construction; any
// number of threads may render them concurrently. Rendering is linear in the output plus
// the work the template asks for, and bounded by Limits.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/result.h"
#include "tmpl/render_options.h"

namespace dossier::tmpl {

struct Program;
class PartialRegistry;
class FunctionRegistry;

class Template {
 public:
  //! Parses `source`. `name` identifies the template in render errors of partials.
  //! Fails with kUnprocessable "line L, column C: …" on a syntax error; never throws.
  static Result<Template> parse(std::string_view source, std::string name = "template");

  //! Renders with `context` as the variables (members of a JSON object; anything else
  //! gives no variables), within `options` (limits; the time zone of the `date` filter).
  //! `partials` serves {% include %}; without it every include fails.
  //! `functions` are the host functions templates may call (see functions.h); without it
  //! only the built-ins exist.
  //! Fails with kUnprocessable "line L, column C: …" (prefixed "in 'partial', " when the
  //! error is inside a partial) on a render error, a host function's error, or when a
  //! limit is exceeded; with kUnprocessable "unknown time zone" before rendering when
  //! options.time_zone is not one.
  //! REQUIRES: `context`, `options`, `partials` and `functions` stay unchanged during the call.
  Result<std::string> render(const Json& context, const RenderOptions& options = {},
                             const PartialRegistry* partials = nullptr,
                             const FunctionRegistry* functions = nullptr) const;

  const std::string& name() const;

 private:
  friend class Renderer;
  explicit Template(std::shared_ptr<const Program> program) : program_(std::move(program)) {}
  std::shared_ptr<const Program> program_;  // shared: copies of a Template are cheap
};

//! Partials available to {% include %} — only system partials registered here, never
//! files from disk or the network. Register everything before rendering; afterwards the
//! registry is read-only and safe to share between threads.
class PartialRegistry {
 public:
  //! Parses and registers `source` as `name` (e.g. "partials/header.html.j2"), replacing
  //! any partial of that name. Fails with the parse error, prefixed with the name.
  Status add(const std::string& name, std::string_view source);
  //! The partial called `name`, or nullptr.
  const Template* find(std::string_view name) const;
  size_t size() const { return partials_.size(); }

 private:
  std::map<std::string, Template, std::less<>> partials_;
};

}  // namespace dossier::tmpl
