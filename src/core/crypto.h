// Small cryptographic helpers over OpenSSL 3.
#pragma once

#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace dossier::crypto {

//! `bytes` as lower-case hex.
std::string to_hex(std::string_view bytes);

//! Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

//! SHA-256 over data given in pieces, for files that are written as streams.
//! Owns an OpenSSL digest context; not copyable, one thread at a time.
class Sha256 final {
 public:
  Sha256();  //!< throws std::runtime_error if OpenSSL cannot set up the digest
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  //! Adds `data`. REQUIRES: hex() not called yet.
  void update(std::string_view data);
  //! Lower-case hex of the digest of everything added. REQUIRES: called once.
  std::string hex();

 private:
  evp_md_ctx_st* ctx_;
};

//! `n` bytes from the CSPRNG, as URL-safe base64 without padding. Throws on RNG failure.
std::string random_token(size_t n);

//! Lower-case hex HMAC-SHA256 of `data` under `key`.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

//! Compares in time independent of where the strings differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace dossier::crypto
