// A seeded, portable pseudo-random source for the demo generator.
//
// std::mt19937_64's output sequence is fixed by the standard, but the std distributions
// are not (libstdc++ and libc++ map the same bits to different values), so every range,
// coin and pick here is computed by hand from the raw 64-bit outputs. The same seed gives
// the same values on every platform and library version.
//
// Callers draw at most one value per expression: the order in which a compiler evaluates
// the operands of `+` or the arguments of a call is unspecified (GCC and clang differ), so
// two draws in one expression would give each compiler a different practice. Where the
// draws come in an order that reads backwards, it is the order of the first demo data,
// which the golden images were made from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace dossier::demo::detail {

//! SplitMix64 of `seed` and `stream`: independent seeds for independent streams (one per
//! patient), so adding a row to one patient does not shift every later patient's data.
uint64_t mix_seed(uint64_t seed, uint64_t stream);

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}

  uint64_t next() { return engine_(); }

  //! Uniform integer in [lo, hi]. REQUIRES: lo <= hi.
  int range(int lo, int hi);
  //! Uniform index in [0, n). REQUIRES: n > 0.
  size_t index(size_t n);
  //! Uniform double in [0, 1), from 53 bits.
  double unit();
  //! True with probability `p`.
  bool chance(double p) { return unit() < p; }
  //! An index drawn with the given relative weights. REQUIRES: a positive total.
  size_t weighted(std::initializer_list<int> weights);

  template <typename T>
  const T& pick(std::span<const T> items) {
    return items[index(items.size())];
  }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[index(items.size())];
  }

  //! A UUIDv7-shaped id (version 7, variant 10) whose time field is `unix_ms` and whose 74
  //! other bits come from this generator: ids sort by creation time and repeat per seed.
  std::string uuid(int64_t unix_ms);

 private:
  std::mt19937_64 engine_;
};

}  // namespace dossier::demo::detail
