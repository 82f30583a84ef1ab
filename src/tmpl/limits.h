// Resource limits for one render. Every limit ends rendering with a kUnprocessable error
// that names it, instead of letting a template exhaust memory, time or stack.
#pragma once

#include <chrono>
#include <cstddef>

namespace dossier::tmpl {

struct Limits {
  //! Largest output, and largest string any expression may build (`"x" * n`, `~`, replace).
  size_t max_output_bytes = 20 << 20;
  //! Loop iterations summed over the whole render (nested loops multiply); also the largest
  //! list an expression may build (`range(n)`, `[x] * n`).
  size_t max_loop_iterations = 1'000'000;
  //! Deepest dynamic nesting of block statements (if, for, set-block, filter-block).
  int max_nesting = 64;
  //! Deepest nesting of macro calls and includes (recursion).
  int max_call_depth = 64;
  //! Host function calls (functions.h) summed over the whole render: they may be costly
  //! (a chart), so a loop must not call them a million times.
  size_t max_function_calls = 10'000;
  //! Wall-clock time of the whole render, checked at every loop iteration and call: work
  //! that grows faster than its iterations (a list rebuilt on every pass) stops here.
  std::chrono::milliseconds max_duration{20'000};
};

}  // namespace dossier::tmpl
