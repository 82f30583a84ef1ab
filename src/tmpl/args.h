// Arguments of a filter, test, method or built-in function call, and Python-style binding
// of them to parameter names.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "tmpl/value.h"

namespace dossier::tmpl {

struct CallArgs {
  std::vector<Value> positional;
  std::vector<std::pair<std::string_view, Value>> keyword;
};

//! Binds `args` to `params` in order, then by keyword; unbound parameters are undefined.
//! Fails (naming `what`, e.g. "filter 'round'") on too many positional arguments, an
//! unknown keyword, or a parameter given twice.
Result<std::vector<Value>> bind_args(const CallArgs& args,
                                     std::initializer_list<std::string_view> params,
                                     std::string_view what);

//! An argument error: kUnprocessable "`what`: `message`".
Error arg_error(std::string_view what, std::string_view message);

//! Optional arguments with defaults (an undefined or none argument takes the default).
bool arg_bool(const Value& v, bool fallback);
Result<std::int64_t> arg_int(const Value& v, std::int64_t fallback, std::string_view what);
std::string arg_str(const Value& v, std::string_view fallback);

}  // namespace dossier::tmpl
