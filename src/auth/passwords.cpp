#include "auth/passwords.h"

#include <sodium.h>

#include <cctype>
#include <cstdlib>

namespace dossier::auth {
namespace {

// sodium_init is idempotent and thread-safe; it picks the fastest implementations and seeds
// the RNG the salts come from.
void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) std::abort();  // no usable RNG: nothing safe can be done
}

Result<std::string> pwhash(std::string_view password) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Error::internal("cannot hash the password (out of memory)");
  }
  return std::string(out);
}

}  // namespace

Status check_password_rules(std::string_view password) {
  if (password.size() < kMinPasswordLength) {
    return Error::validation(
        "password", "must be at least " + std::to_string(kMinPasswordLength) + " characters long");
  }
  if (password.size() > kMaxPasswordLength) {
    return Error::validation(
        "password", "must be at most " + std::to_string(kMaxPasswordLength) + " characters long");
  }
  return {};
}

Result<std::string> hash_password(std::string_view password) {
  DOSSIER_TRY(check_password_rules(password));
  return pwhash(password);
}

bool verify_password(std::string_view password, const std::string& hash) {
  ensure_sodium();
  if (hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool verify_against_nothing(std::string_view password) {
  // One hash of a random password, made at first use, at the same cost as every stored one.
  static const std::string decoy = [] {
    ensure_sodium();
    unsigned char random[32];
    randombytes_buf(random, sizeof random);
    return pwhash(std::string_view(reinterpret_cast<const char*>(random), sizeof random)).value();
  }();
  verify_password(password, decoy);
  return false;
}

std::string normalize_username(std::string_view username) {
  if (username.empty() || username.size() > 64) return "";
  std::string out;
  for (char c : username) {
    const auto u = static_cast<unsigned char>(c);
    const char lower = static_cast<char>(std::tolower(u));
    if (!(std::isalnum(u) || c == '.' || c == '_' || c == '-') || u >= 0x80) return "";
    out.push_back(lower);
  }
  return out;
}

Status set_username(db::Database& db, const std::string& user_id, std::string_view username,
                    TimePoint now) {
  const std::string name = normalize_username(username);
  if (name.empty()) {
    return Error::validation("username", "must be 1 to 64 letters, digits, '.', '_' or '-'");
  }
  return db.transaction([&]() -> Status {
    DOSSIER_ASSIGN_OR_RETURN(Json user,
                             db.query_one("SELECT id FROM users WHERE id = ?", {user_id}));
    if (user.is_null()) return Error::not_found("user");
    DOSSIER_ASSIGN_OR_RETURN(
        Json taken,
        db.query_one("SELECT user_id FROM user_credentials WHERE username = ?", {name}));
    if (!taken.is_null()) {
      if (taken["user_id"] == user_id) return Status{};
      return Error::make(ErrorCode::kConflict, "that username is taken");
    }
    DOSSIER_ASSIGN_OR_RETURN(
        int64_t changed,
        db.execute("UPDATE user_credentials SET username = ? WHERE user_id = ?", {name, user_id}));
    if (changed > 0) return Status{};
    return db.insert(
        "user_credentials",
        {{"user_id", user_id}, {"username", name}, {"created_at", format_timestamp(now)}});
  });
}

Status set_password(db::Database& db, std::string_view username, std::string_view password,
                    TimePoint now) {
  DOSSIER_ASSIGN_OR_RETURN(std::optional<Credentials> found, find_credentials(db, username));
  if (!found) return Error::not_found("user");
  DOSSIER_ASSIGN_OR_RETURN(std::string hash, hash_password(password));
  DOSSIER_TRY(db.execute(
      "UPDATE user_credentials SET password_hash = ?, password_changed_at = ? WHERE user_id = ?",
      {hash, format_timestamp(now), found->user_id}));
  return {};
}

Result<std::optional<Credentials>> find_credentials(db::Database& db, std::string_view username) {
  const std::string name = normalize_username(username);
  if (name.empty()) return std::optional<Credentials>{};
  DOSSIER_ASSIGN_OR_RETURN(
      Json row, db.query_one("SELECT u.id, u.role, c.password_hash FROM user_credentials c JOIN "
                             "users u ON u.id = c.user_id WHERE c.username = ? AND u.is_active = 1",
                             {name}));
  if (row.is_null()) return std::optional<Credentials>{};
  Credentials c{row["id"].get<std::string>(), row["role"].get<std::string>(), std::nullopt};
  if (row["password_hash"].is_string()) c.password_hash = row["password_hash"].get<std::string>();
  return std::optional<Credentials>(std::move(c));
}

}  // namespace dossier::auth
