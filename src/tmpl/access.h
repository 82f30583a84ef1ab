// Attribute and item access (`a.b`, `a['b']`, `a[0]`, `a[1:3]`) on runtime values, shared by
// the evaluator and by filters that take an `attribute=` path.
//
// Access never copies what it reaches: the result borrows from (and keeps alive) the
// value it came from. Missing members and out-of-range indexes give undefined, and so does
// any access on undefined (chainable undefined).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "tmpl/limits.h"
#include "tmpl/value.h"

namespace dossier::tmpl {

//! The `loop` variable of a for loop; lives on the evaluator's stack for the loop.
struct LoopState {
  size_t index0 = 0;
  size_t length = 0;
  const std::vector<Value>* items = nullptr;
};

//! `obj.name`: a dict member, a list index ("0"), a loop or namespace attribute.
Value get_attr(const Value& obj, std::string_view name);
//! `obj[key]`: by string key or integer index (negative counts from the end).
Value get_item(const Value& obj, const Value& key);
//! `obj.a.b.0` for an `attribute=` argument of a filter.
Value get_path(const Value& obj, std::string_view dotted);
//! `obj[start:stop:step]` on a string or list, Python semantics; undefined elsewhere.
Result<Value> get_slice(const Value& obj, const Value& start, const Value& stop, const Value& step);

//! The items iterated by `for x in v` (and by list filters): list elements, dict keys, a
//! string's characters; undefined iterates as empty. Fails for numbers, none, booleans.
//! More than `limits.max_loop_iterations` items is an error.
Result<std::vector<Value>> iterate(const Value& v, const Limits& limits);

}  // namespace dossier::tmpl
