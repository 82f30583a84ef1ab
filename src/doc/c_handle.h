// RAII for C library objects: Handle<T, free_fn> is a unique_ptr that calls free_fn.
#pragma once

#include <memory>

namespace dossier::doc {

template <auto FreeFn>
struct CallFree {
  template <typename T>
  void operator()(T* p) const {
    if (p != nullptr) FreeFn(p);
  }
};

//! Owns a `T*` released with `FreeFn` (e.g. Handle<cairo_t, cairo_destroy>).
template <typename T, auto FreeFn>
using Handle = std::unique_ptr<T, CallFree<FreeFn>>;

}  // namespace dossier::doc
