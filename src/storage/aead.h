// AES-256-GCM over OpenSSL, for envelope encryption of stored exports: seal() and open() one
// message at a time (a file's data key, one segment of a file). Keys are 32 bytes, nonces 12,
// tags 16 and appended to the ciphertext. A nonce must never repeat under one key.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace dossier::storage::aead {

inline constexpr size_t kKeyBytes = 32;
inline constexpr size_t kNonceBytes = 12;
inline constexpr size_t kTagBytes = 16;

//! `plain` encrypted and authenticated together with `aad`: ciphertext followed by the tag.
//! REQUIRES: key.size() == kKeyBytes, nonce.size() == kNonceBytes.
std::string seal(std::string_view key, std::string_view nonce, std::string_view aad,
                 std::string_view plain);

//! The plaintext of `sealed` (ciphertext and tag), or storage::integrity_failure() when the
//! tag does not match: a wrong key, nonce or aad, or altered bytes.
Result<std::string> open(std::string_view key, std::string_view nonce, std::string_view aad,
                         std::string_view sealed);

//! `n` bytes from the CSPRNG. Throws on RNG failure (the process cannot go on safely).
std::string random_bytes(size_t n);

}  // namespace dossier::storage::aead
