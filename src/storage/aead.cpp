#include "storage/aead.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>
#include <stdexcept>

#include "storage/blob_store.h"

namespace dossier::storage::aead {
namespace {

struct CipherFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using Cipher = std::unique_ptr<EVP_CIPHER_CTX, CipherFree>;

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* bytes(std::string& s) {
  return reinterpret_cast<unsigned char*>(s.data());
}

// A context keyed for one message, with its aad already fed in; nullptr on failure.
Cipher start(bool encrypt, std::string_view key, std::string_view nonce, std::string_view aad) {
  Cipher c(EVP_CIPHER_CTX_new());
  if (!c || key.size() != kKeyBytes || nonce.size() != kNonceBytes) return nullptr;
  if (EVP_CipherInit_ex(c.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr, encrypt) != 1 ||
      EVP_CIPHER_CTX_ctrl(c.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) != 1 ||
      EVP_CipherInit_ex(c.get(), nullptr, nullptr, bytes(key), bytes(nonce), encrypt) != 1) {
    return nullptr;
  }
  int ignored = 0;
  if (!aad.empty() &&
      EVP_CipherUpdate(c.get(), nullptr, &ignored, bytes(aad), static_cast<int>(aad.size())) != 1) {
    return nullptr;
  }
  return c;
}

}  // namespace

std::string seal(std::string_view key, std::string_view nonce, std::string_view aad,
                 std::string_view plain) {
  Cipher c = start(true, key, nonce, aad);
  std::string out(plain.size() + kTagBytes, '\0');
  int n = 0, last = 0;
  if (!c ||
      EVP_CipherUpdate(c.get(), bytes(out), &n, bytes(plain), static_cast<int>(plain.size())) !=
          1 ||
      EVP_CipherFinal_ex(c.get(), bytes(out) + n, &last) != 1 ||
      EVP_CIPHER_CTX_ctrl(c.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, bytes(out) + n + last) != 1) {
    throw std::runtime_error("AES-256-GCM encryption failed");
  }
  return out;
}

Result<std::string> open(std::string_view key, std::string_view nonce, std::string_view aad,
                         std::string_view sealed) {
  const Error integrity = integrity_failure();
  if (sealed.size() < kTagBytes) return integrity;
  const std::string_view cipher = sealed.substr(0, sealed.size() - kTagBytes);
  std::string tag(sealed.substr(cipher.size()));
  Cipher c = start(false, key, nonce, aad);
  std::string out(cipher.size(), '\0');
  int n = 0, last = 0;
  if (!c ||
      EVP_CipherUpdate(c.get(), bytes(out), &n, bytes(cipher), static_cast<int>(cipher.size())) !=
          1 ||
      EVP_CIPHER_CTX_ctrl(c.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, bytes(tag)) != 1 ||
      EVP_CipherFinal_ex(c.get(), bytes(out) + n, &last) != 1) {
    return integrity;
  }
  return out;
}

std::string random_bytes(size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(bytes(out), static_cast<int>(n)) != 1) {
    throw std::runtime_error("the random number generator failed");
  }
  return out;
}

}  // namespace dossier::storage::aead
