// Identifiers. UUIDv7 (RFC 9562): time-ordered, so rows created later sort later and
// B-tree inserts stay local; 74 random bits from OpenSSL's CSPRNG.
#pragma once

#include <string>
#include <string_view>

namespace dossier {

//! A new UUIDv7 in canonical lower-case form. Thread-safe.
std::string new_uuid();

//! True when `s` is a UUID in canonical 8-4-4-4-12 hex form (either case).
bool is_uuid(std::string_view s);

}  // namespace dossier
