#include "storage/sealed_secret.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

#include "core/base64.h"
#include "storage/aead.h"
#include "storage/blob_store.h"

namespace dossier::storage {
namespace {

constexpr std::string_view kVersion = "v1";

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (size_t at = 0;;) {
    const size_t next = text.find(separator, at);
    parts.push_back(text.substr(at, next == std::string_view::npos ? next : next - at));
    if (next == std::string_view::npos) return parts;
    at = next + 1;
  }
}

std::optional<std::string> decoded(std::string_view text) {
  auto bytes = base64_decode(text);
  if (!bytes) return std::nullopt;
  return std::string(bytes->begin(), bytes->end());
}

// Key ids name files in the keys directory: nothing that could step out of it.
bool is_key_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
  });
}

}  // namespace

Result<std::string> seal_secret(KeyRing& keys, std::string_view context, std::string_view secret) {
  DOSSIER_ASSIGN_OR_RETURN(MasterKey key, keys.current());
  const std::string nonce = aead::random_bytes(aead::kNonceBytes);
  return std::string(kVersion) + "." + key.id + "." + base64_encode(nonce) + "." +
         base64_encode(aead::seal(key.bytes, nonce, context, secret));
}

Result<std::string> open_secret(KeyRing& keys, std::string_view context, std::string_view sealed) {
  const auto parts = split(sealed, '.');
  if (parts.size() != 4 || parts[0] != kVersion || !is_key_id(parts[1])) {
    return integrity_failure();
  }
  const auto nonce = decoded(parts[2]);
  const auto box = decoded(parts[3]);
  if (!nonce || nonce->size() != aead::kNonceBytes || !box) return integrity_failure();
  DOSSIER_ASSIGN_OR_RETURN(MasterKey key, keys.find(std::string(parts[1])));
  return aead::open(key.bytes, *nonce, context, *box);
}

}  // namespace dossier::storage
