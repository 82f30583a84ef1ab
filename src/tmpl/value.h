// The evaluator's runtime value: a JSON value that is either borrowed from the render
// context (no copy) or owned (computed), plus the few things JSON cannot hold — Jinja's
// undefined, strings marked safe for HTML, macros, the `loop` object, namespaces,
// built-in functions and host functions.
//
// Copying a Value is cheap (a pointer and a shared_ptr); a borrowed Value is valid only
// while the JSON it points into is alive, which the evaluator guarantees by borrowing only
// from the context (alive for the whole render) or from another Value's owned storage
// (kept alive through the shared `keep_`).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace dossier::tmpl {

class Value;

//! Mutable attribute bag made by `namespace()`; assignable with `{% set ns.x = … %}`.
struct Namespace {
  std::vector<std::pair<std::string, Value>> attrs;
};

class Value {
 public:
  enum class Kind : std::uint8_t {
    kUndefined,
    kJson,
    kMacro,
    kLoop,
    kNamespace,
    kBuiltin,
    kHostFunction  //!< object() is a FunctionRegistry::Function
  };

  Value() = default;  //!< undefined
  //! Undefined; `name` (which must outlive the value, e.g. a string in the syntax tree)
  //! is kept for error messages.
  static Value undefined(const std::string* name = nullptr);
  //! REQUIRES: `j` outlives this value and all its copies.
  static Value borrow(const Json& j);
  //! `j` lives inside `parent`'s storage; the result keeps that storage alive.
  static Value child(const Value& parent, const Json& j);
  static Value of(Json j);
  //! A list whose items are the `items` (copied); safe strings among them stay safe when
  //! read back (through child()), so `[m()]|join` or `xs|map('e')|join` do not re-escape.
  static Value list(const std::vector<Value>& items);
  //! A string marked safe: printed without escaping.
  static Value safe(std::string s);
  static Value opaque(Kind kind, const void* object, std::shared_ptr<void> keep = nullptr);

  Kind kind() const { return kind_; }
  bool is_undefined() const { return kind_ == Kind::kUndefined; }
  bool is_json() const { return kind_ == Kind::kJson; }
  bool is_safe() const { return safe_; }
  //! The JSON value; null for every kind other than kJson.
  const Json& json() const;
  //! The variable name an undefined value came from, or "".
  std::string_view undefined_name() const;
  //! For kMacro, kLoop, kNamespace, kBuiltin, kHostFunction: the object.
  const void* object() const { return object_; }
  Namespace* ns() const { return static_cast<Namespace*>(keep_.get()); }

 private:
  const Json* ptr_ = nullptr;   // null: the value is inline_
  std::shared_ptr<void> keep_;  // a Json, or a SafeList when safe_items_
  Json inline_;
  const void* object_ = nullptr;
  Kind kind_ = Kind::kUndefined;
  bool safe_ = false;
  bool safe_items_ = false;  // keep_ is a SafeList: an array with per-item safe flags
};

//! Jinja truthiness: undefined, none, false, 0, 0.0, "", [] and {} are false.
bool truthy(const Value& v);
//! Python's str(): None, True/False, ints, floats as repr ("2.5", "3.0"), lists and dicts
//! as repr ("[1, 'a']"); undefined is "".
void append_str(std::string& out, const Value& v);
std::string to_str(const Value& v);
void append_json_str(std::string& out, const Json& j);
//! Python's repr() of a JSON value ('a' quoted), used inside lists and dicts.
void append_repr(std::string& out, const Json& j);
//! Python's repr() of a float: shortest round-trip digits, "3.0", "1e+16", "inf", "nan".
std::string format_float(double d);
//! A short type name for error messages: "undefined", "none", "string", "list", …
std::string type_name(const Value& v);
//! The type name with its article: "an integer", "a string".
std::string a_type_name(const Value& v);

//! True for JSON integers and floats (not booleans).
bool is_number(const Json& j);
bool is_integer(const Json& j);
//! A boolean or an integer within int64 (JSON parsing makes positive integers unsigned).
bool fits_int(const Json& j);
//! Numeric value of a number or boolean (bool → 0/1).
double to_double(const Json& j);
//! REQUIRES: is_integer(j) or j is boolean. Unsigned values above INT64_MAX saturate.
std::int64_t to_int(const Json& j);

//! Deepest list/dict nesting a template may build, so that values built in loops cannot
//! grow deep enough to overflow the stack of recursive copies and comparisons.
inline constexpr int kMaxValueDepth = 64;

//! Nesting depth of `j` (scalars 0), counted no further than `stop`.
int nesting_depth(const Json& j, int stop);

//! Converts to a plain JSON value for storage inside lists, dicts and namespaces.
//! Undefined → null; macros, loops, namespaces and functions cannot be stored, nor values
//! nested deeper than kMaxValueDepth (error).
Result<Json> to_json(const Value& v);
//! Whether to_json(v) would succeed, without copying.
Status check_storable(const Value& v);

}  // namespace dossier::tmpl
