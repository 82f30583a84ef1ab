// The synthetic demo practice: a realistic, entirely invented clinical record (practice,
// staff, patients, coverage, diagnoses, plans, goals, sessions, notes, assessments,
// attachments) for trying Dossier out, screenshots and end-to-end tests.
//
// Determinism: every row except the API tokens depends only on (seed, today, patients,
// therapists). Each patient draws from its own stream, so patient i's rows do not depend
// on how many patients come after it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::demo {

//! Today's date in UTC, YYYY-MM-DD.
std::string current_utc_date();

struct DemoOptions {
  int patients = 20;                       //!< 0 … 100000
  uint64_t seed = 1;                       //!< same seed and today → same rows
  int therapists = 3;                      //!< 1 … 50
  std::string today = current_utc_date();  //!< YYYY-MM-DD; all sessions end before it
};

struct UserToken {
  std::string user_id;
  std::string token;
  std::string username;  //!< for the web pages' sign-in: "admin", "biller", "given.family"
  std::string password;  //!< "" until issue_passwords()
};

struct TherapistToken {
  std::string user_id;
  std::string name;  //!< "Given Family, CRED"
  std::string token;
  std::vector<std::string> patient_ids;  //!< the therapist's caseload (primary care team)
  std::string username;
  std::string password;
};

//! Bearer tokens for the demo's users, shown once; the database keeps only their hashes.
struct DemoTokens {
  UserToken admin;
  UserToken biller;
  std::vector<TherapistToken> therapists;

  //! {"admin": {"user_id", "token", "username", "password"}, "biller": {...}, "therapists":
  //! [{"user_id", "name", "token", "username", "password", "patient_ids": [...]}]}: the
  //! demo-tokens.json document ("password" only once issued).
  Json to_json() const;
};

//! Fills an empty, migrated database with a synthetic practice, in one transaction, and
//! issues a token and a username for every user (no password: see issue_passwords).
//! Errors: kValidation for options out of range or a malformed `today`; kConflict when the
//! database already has a practice row; database errors as the backend reports them (and
//! then nothing is written).
Result<DemoTokens> populate(db::Database& db, const DemoOptions& options);

//! Gives every user in `tokens` a new random password, recorded in `tokens`. Each costs an
//! Argon2id hash (a tenth of a second), which is why populate() leaves it out.
Status issue_passwords(db::Database& db, DemoTokens& tokens);

//! populate() and issue_passwords(), returning DemoTokens::to_json().
Result<Json> generate(db::Database& db, const DemoOptions& options);

}  // namespace dossier::demo
