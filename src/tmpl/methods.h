// Python methods that Jinja templates commonly call on plain values:
// dict.items()/keys()/values()/get(), str.upper()/lower()/strip()/lstrip()/rstrip()/
// startswith()/endswith()/split()/replace()/title()/capitalize(), and the built-in
// functions range(), namespace() and dict().
#pragma once

#include <optional>
#include <string_view>

#include "core/result.h"
#include "tmpl/args.h"
#include "tmpl/limits.h"
#include "tmpl/value.h"

namespace dossier::tmpl {

//! Calls method `name` of `obj`; nullopt if `obj` has no such method. Errors carry no
//! location.
std::optional<Result<Value>> call_method(const Value& obj, std::string_view name,
                                         const CallArgs& args, const Limits& limits);

//! The built-in function called `name` as a value, or undefined.
Value find_builtin(std::string_view name);
//! Calls a value returned by find_builtin.
Result<Value> call_builtin(const Value& fn, const CallArgs& args, const Limits& limits);

}  // namespace dossier::tmpl
