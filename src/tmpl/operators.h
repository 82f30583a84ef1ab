// Operators with Python's semantics, as Jinja inherits them: int/float promotion, true
// division, floor division and modulo rounding toward negative infinity, string and list
// repetition, and Markup-style escaping when a safe string meets an unsafe one.
//
// Errors are kUnprocessable with a message and no location (the evaluator adds it); they
// describe types, never values, so no PHI leaks into messages.
#pragma once

#include "core/result.h"
#include "tmpl/ast.h"
#include "tmpl/limits.h"
#include "tmpl/value.h"

namespace dossier::tmpl {

//! + - * / // % ** and ~. Strings and lists built here are bounded by `limits`.
Result<Value> arithmetic(BinaryOp op, const Value& a, const Value& b, const Limits& limits);
//! Unary minus or plus on a number.
Result<Value> unary_arithmetic(UnaryOp op, const Value& v);
//! Python equality: 1 == 1.0 == true, dicts equal regardless of member order; undefined
//! equals only undefined.
bool equals(const Value& a, const Value& b);
bool json_equals(const Json& a, const Json& b);
//! Three-way ordering of numbers, strings (by code point) and lists (lexicographic);
//! other combinations are an error, as in Python.
Result<int> order(const Json& a, const Json& b);
Result<bool> compare(CompareOp op, const Value& a, const Value& b);
//! `item in container`: substring, list element or dict key. Undefined contains nothing.
Result<bool> contains(const Value& container, const Value& item);
//! Number or boolean (Python's bool is an int).
bool is_numeric(const Json& j);

}  // namespace dossier::tmpl
