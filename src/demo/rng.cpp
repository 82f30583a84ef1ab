#include "demo/rng.h"

#include <array>
#include <limits>

namespace dossier::demo::detail {

uint64_t mix_seed(uint64_t seed, uint64_t stream) {
  uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (stream + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

size_t Rng::index(size_t n) {
  // Rejection sampling: draws above the largest multiple of n would bias low values.
  const uint64_t span = static_cast<uint64_t>(n);
  const uint64_t limit =
      std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % span;
  uint64_t x = next();
  while (x >= limit) x = next();
  return static_cast<size_t>(x % span);
}

int Rng::range(int lo, int hi) {
  const auto span = static_cast<size_t>(static_cast<int64_t>(hi) - lo + 1);
  return lo + static_cast<int>(index(span));
}

double Rng::unit() {
  return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

size_t Rng::weighted(std::initializer_list<int> weights) {
  int total = 0;
  for (int w : weights) total += w;
  int x = range(0, total - 1);
  size_t i = 0;
  for (int w : weights) {
    if (x < w) return i;
    x -= w;
    ++i;
  }
  return weights.size() - 1;
}

std::string Rng::uuid(int64_t unix_ms) {
  std::array<unsigned char, 16> b{};
  const uint64_t hi = next();
  const uint64_t lo = next();
  for (int i = 0; i < 8; ++i) {
    b[static_cast<size_t>(i)] = static_cast<unsigned char>(hi >> (56 - 8 * i));
    b[static_cast<size_t>(8 + i)] = static_cast<unsigned char>(lo >> (56 - 8 * i));
  }
  const auto ms = static_cast<uint64_t>(unix_ms);
  for (int i = 0; i < 6; ++i)
    b[static_cast<size_t>(i)] = static_cast<unsigned char>(ms >> (40 - 8 * i));
  b[6] = static_cast<unsigned char>(0x70 | (b[6] & 0x0f));
  b[8] = static_cast<unsigned char>(0x80 | (b[8] & 0x3f));
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 0x0f]);
  }
  return out;
}

}  // namespace dossier::demo::detail
