// Passwords for signing in to the web pages: Argon2id through libsodium, at its "interactive"
// cost (about 64 MiB and a tenth of a second a hash), stored as the self-describing string
// crypto_pwhash_str makes (algorithm, cost and salt included).
//
// Usernames are case-insensitive: every function here lower-cases the name it is given, and
// user_credentials keeps them lower-case.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::auth {

//! Passwords shorter than this are refused (NIST SP 800-63B asks for at least 8; a shared
//! clinical workstation deserves more).
constexpr size_t kMinPasswordLength = 12;
//! Longer ones are refused too: hashing is memory-hard, but there is no reason to accept more.
constexpr size_t kMaxPasswordLength = 256;

//! Checks `password` against the length rules; kValidation naming "password" otherwise.
Status check_password_rules(std::string_view password);

//! The Argon2id string of `password`. kValidation when it breaks the rules; kInternal when
//! libsodium cannot allocate the memory the hash needs.
Result<std::string> hash_password(std::string_view password);

//! Whether `password` matches `hash` (a string hash_password made). False, never an error,
//! for a malformed hash.
bool verify_password(std::string_view password, const std::string& hash);

//! Takes as long as verify_password does on a real hash, and returns false: what sign-in
//! does for an unknown username, so that one answers no faster than a wrong password.
bool verify_against_nothing(std::string_view password);

//! A username's stored form: lower case, or "" when it is not 1–64 of [a-z0-9._-] after that.
std::string normalize_username(std::string_view username);

//! Gives the user `user_id` the username (creating their credentials row when they have none).
//! kValidation naming "username" when it is malformed, kConflict when another user has it,
//! kNotFound when there is no such user.
Status set_username(db::Database& db, const std::string& user_id, std::string_view username,
                    TimePoint now = system_clock().now());

//! Sets the password of the user with `username`. kValidation naming "password" when it breaks
//! the rules; kNotFound naming "user" when no active user has that username.
Status set_password(db::Database& db, std::string_view username, std::string_view password,
                    TimePoint now = system_clock().now());

struct Credentials {
  std::string user_id;
  std::string role;
  std::optional<std::string> password_hash;  //!< nullopt: the user has no password yet
};

//! The credentials of the active user with `username`, or nullopt.
Result<std::optional<Credentials>> find_credentials(db::Database& db, std::string_view username);

}  // namespace dossier::auth
