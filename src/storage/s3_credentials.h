// The keys that sign requests to an S3-compatible store, found the way the AWS tools find them.
//
// The secret never appears in a log line or an error: errors name the variable, file or
// profile that is missing something, never a value read from them.
#pragma once

#include <functional>
#include <string>

#include "core/result.h"

namespace dossier::storage {

struct S3Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  //!< "" unless temporary credentials
};

//! Looks up an environment variable; nullptr when unset.
using EnvLookup = std::function<const char*(const char*)>;

//! AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN if set); when neither
//! is set, the profile AWS_PROFILE (default "default") of the file AWS_SHARED_CREDENTIALS_FILE
//! (default ~/.aws/credentials). Nothing usable is a kValidation error naming the variable or
//! file to fix.
Result<S3Credentials> load_s3_credentials(const EnvLookup& env);

//! load_s3_credentials() from the process environment.
Result<S3Credentials> load_s3_credentials();

}  // namespace dossier::storage
