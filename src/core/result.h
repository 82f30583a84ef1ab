// Result<T>: a value or an Error, for failures a caller is expected to handle.
// Exceptions are reserved for bugs; anything a user can cause comes back as an Error.
#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "core/error.h"

namespace dossier {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok()
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // REQUIRES: !ok()
  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit by design

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const& { return error_; }
  Error&& error() && { return std::move(error_); }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace dossier

// Propagates an error from an expression returning Result<...>.
#define DOSSIER_TRY(expr)                                                         \
  do {                                                                            \
    auto&& dossier_try_result_ = (expr);                                          \
    if (!dossier_try_result_.ok()) return std::move(dossier_try_result_).error(); \
  } while (0)

#define DOSSIER_CONCAT_INNER(a, b) a##b
#define DOSSIER_CONCAT(a, b) DOSSIER_CONCAT_INNER(a, b)

// Declares `lhs` from a Result's value, or returns its error.
#define DOSSIER_ASSIGN_OR_RETURN(lhs, expr) \
  DOSSIER_ASSIGN_OR_RETURN_IMPL(DOSSIER_CONCAT(dossier_result_, __LINE__), lhs, expr)
#define DOSSIER_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return std::move(tmp).error();       \
  lhs = std::move(tmp).value()
