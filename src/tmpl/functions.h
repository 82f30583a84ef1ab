// Host functions: C++ functions a template calls by name, `chart(points, width=480)`.
//
//   FunctionRegistry fns;
//   fns.add("shout", [](const std::vector<Json>& args, const Json& kwargs) -> Result<Json> {
//     return Json(args.at(0).get<std::string>() + "!");
//   });
//   template.render(context, {}, &partials, &fns);
//
// A host function sees only the JSON values of its arguments (undefined arrives as null;
// macros, namespaces and other functions cannot be passed) and returns JSON or an Error.
// Its errors end the render with kUnprocessable "line L, column C: function 'name': detail"
// (field problems of a kValidation error are appended: "… (points[2].date: must be a date)").
//
// Name resolution: template variables, then the render context, then host functions, then
// the built-ins (range, namespace, dict); a host function may therefore replace a built-in,
// and a context member of the same name hides a host function (as Jinja's globals).
//
// Thread safety: register everything before rendering; afterwards the registry is
// read-only and may be shared by any number of concurrent renders. The functions themselves
// must be safe to call concurrently.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace dossier::tmpl {

class FunctionRegistry {
 public:
  //! `args`: the positional arguments; `kwargs`: a JSON object of the keyword arguments.
  using Fn = std::function<Result<Json>(const std::vector<Json>& args, const Json& kwargs)>;

  struct Function {
    std::string name;
    Fn fn;
    //! A string result is HTML the template prints as is (e.g. SVG markup); other results
    //! (and every result when false) are escaped when printed, like any value.
    bool returns_safe_html = false;
  };

  //! Registers `fn` as `name`, replacing any function of that name.
  //! REQUIRES: `name` is an identifier ([A-Za-z_][A-Za-z0-9_]*) and `fn` is callable.
  void add(std::string name, Fn fn, bool returns_safe_html = false);
  //! The function called `name`, or nullptr.
  const Function* find(std::string_view name) const;
  size_t size() const { return functions_.size(); }

 private:
  std::map<std::string, Function, std::less<>> functions_;
};

}  // namespace dossier::tmpl
