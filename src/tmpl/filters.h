// The built-in filters (`x|name(args)`) and tests (`x is name(args)`).
//
// Filters and tests are pure functions of their input, their arguments and the render's
// options (limits, time zone): they never see the render context, so they can be
// unit-tested alone. They return kUnprocessable errors without a location (the evaluator
// prefixes it) and never echo input values in errors.
#pragma once

#include <string_view>

#include "core/result.h"
#include "tmpl/args.h"
#include "tmpl/render_options.h"
#include "tmpl/value.h"

namespace dossier::tmpl {

using FilterFn = Result<Value> (*)(const Value& input, const CallArgs& args,
                                   const RenderOptions& options);
using TestFn = Result<bool> (*)(const Value& input, const CallArgs& args);

//! The filter called `name`, or nullptr if there is none.
FilterFn find_filter(std::string_view name);
//! The test called `name`, or nullptr if there is none.
TestFn find_test(std::string_view name);

//! Applies the filter `name`; an unknown name is an error.
Result<Value> apply_filter(std::string_view name, const Value& input, const CallArgs& args,
                           const RenderOptions& options);
//! Applies the test `name`; an unknown name is an error.
Result<bool> apply_test(std::string_view name, const Value& input, const CallArgs& args);

}  // namespace dossier::tmpl
