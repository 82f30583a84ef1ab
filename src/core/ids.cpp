#include "core/ids.h"

#include <openssl/rand.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <utility>

namespace dossier {
namespace {

// RFC 9562 §6.2 method 1: a 12-bit counter in rand_a keeps ids made in the same
// millisecond in creation order (the queue and cursors rely on ids sorting by time).
std::pair<uint64_t, uint16_t> next_timestamp() {
  static std::mutex mutex;
  static uint64_t last_ms = 0;
  static uint16_t seq = 0;
  auto now = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count());
  std::lock_guard lock(mutex);
  if (now <= last_ms) {
    now = last_ms;
    if (++seq > 0x0fff) {
      seq = 0;
      ++now;
    }
  } else {
    seq = 0;
  }
  last_ms = now;
  return {now, seq};
}

}  // namespace

std::string new_uuid() {
  std::array<unsigned char, 16> b{};
  if (RAND_bytes(b.data(), static_cast<int>(b.size())) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  const auto [ms, seq] = next_timestamp();
  for (int i = 0; i < 6; ++i)
    b[static_cast<size_t>(i)] = static_cast<unsigned char>(ms >> (40 - 8 * i));
  b[6] = static_cast<unsigned char>(0x70 | ((seq >> 8) & 0x0f));
  b[7] = static_cast<unsigned char>(seq & 0xff);
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

bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!std::isxdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

}  // namespace dossier
