// Small cryptographic helpers over OpenSSL 3.
#pragma once

#include <string>
#include <string_view>

namespace dossier::crypto {

//! `bytes` as lower-case hex.
std::string to_hex(std::string_view bytes);

//! Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

//! `n` bytes from the CSPRNG, as URL-safe base64 without padding. Throws on RNG failure.
std::string random_token(size_t n);

//! Lower-case hex HMAC-SHA256 of `data` under `key`.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

//! Compares in time independent of where the strings differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace dossier::crypto
