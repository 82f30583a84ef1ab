// Small secrets kept in the database (a schedule's attachment password), sealed under the
// practice's current master key so that a copy of the database alone does not reveal them.
//
// The sealed form is text: "v1.<master key id>.<nonce>.<ciphertext and tag>", both in base64.
// `context` is bound in as associated data: a secret sealed for one row does not open for
// another. Master keys are never deleted, so a secret sealed before a rotation still opens.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "storage/key_ring.h"

namespace dossier::storage {

Result<std::string> seal_secret(KeyRing& keys, std::string_view context, std::string_view secret);

//! The secret, or integrity_failure() when `sealed` was altered, is not in the sealed form, or
//! was sealed for another context.
Result<std::string> open_secret(KeyRing& keys, std::string_view context, std::string_view sealed);

}  // namespace dossier::storage
