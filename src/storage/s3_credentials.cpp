#include "storage/s3_credentials.h"

#include <cstdlib>
#include <fstream>
#include <optional>
#include <string_view>

namespace dossier::storage {
namespace {

std::optional<std::string> non_empty(const EnvLookup& env, const char* name) {
  const char* value = env(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

std::string_view trim(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const size_t last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

// The keys of one [profile] section of an AWS credentials file (INI: "name = value" lines,
// '#' and ';' comments). Returns nullopt when the file has no such section.
std::optional<S3Credentials> read_profile(std::istream& in, std::string_view profile) {
  std::optional<S3Credentials> found;
  bool in_profile = false;
  std::string line;
  while (std::getline(in, line)) {
    const std::string_view text = trim(line);
    if (text.empty() || text.front() == '#' || text.front() == ';') continue;
    if (text.front() == '[') {
      in_profile = text.back() == ']' && trim(text.substr(1, text.size() - 2)) == profile;
      if (in_profile && !found) found.emplace();
      continue;
    }
    const size_t eq = text.find('=');
    if (!in_profile || eq == std::string_view::npos) continue;
    const std::string_view name = trim(text.substr(0, eq));
    const std::string value(trim(text.substr(eq + 1)));
    if (name == "aws_access_key_id") found->access_key_id = value;
    if (name == "aws_secret_access_key") found->secret_access_key = value;
    if (name == "aws_session_token") found->session_token = value;
  }
  return found;
}

Result<S3Credentials> from_file(const EnvLookup& env) {
  std::optional<std::string> path = non_empty(env, "AWS_SHARED_CREDENTIALS_FILE");
  const bool named = path.has_value();
  if (!named) {
    const std::optional<std::string> home = non_empty(env, "HOME");
    if (!home) {
      return Error::validation("AWS_ACCESS_KEY_ID",
                               "is not set, and there is no HOME for ~/.aws/credentials");
    }
    path = *home + "/.aws/credentials";
  }
  std::ifstream in(*path);
  if (!in) {
    if (named) return Error::validation("AWS_SHARED_CREDENTIALS_FILE", "names a missing file");
    return Error::validation("AWS_ACCESS_KEY_ID",
                             "is not set, and there is no ~/.aws/credentials file");
  }
  const std::string profile = non_empty(env, "AWS_PROFILE").value_or("default");
  std::optional<S3Credentials> credentials = read_profile(in, profile);
  if (!credentials) {
    return Error::validation("AWS_SHARED_CREDENTIALS_FILE",
                             *path + " has no [" + profile + "] profile (see AWS_PROFILE)");
  }
  if (credentials->access_key_id.empty() || credentials->secret_access_key.empty()) {
    return Error::validation(
        "AWS_SHARED_CREDENTIALS_FILE",
        "lacks aws_access_key_id or aws_secret_access_key in profile \"" + profile + "\"");
  }
  return std::move(*credentials);
}

}  // namespace

Result<S3Credentials> load_s3_credentials(const EnvLookup& env) {
  std::optional<std::string> id = non_empty(env, "AWS_ACCESS_KEY_ID");
  std::optional<std::string> secret = non_empty(env, "AWS_SECRET_ACCESS_KEY");
  if (!id && !secret) return from_file(env);
  if (!id) return Error::validation("AWS_ACCESS_KEY_ID", "must be set with AWS_SECRET_ACCESS_KEY");
  if (!secret) {
    return Error::validation("AWS_SECRET_ACCESS_KEY", "must be set with AWS_ACCESS_KEY_ID");
  }
  S3Credentials credentials{std::move(*id), std::move(*secret), ""};
  credentials.session_token = non_empty(env, "AWS_SESSION_TOKEN").value_or("");
  return credentials;
}

Result<S3Credentials> load_s3_credentials() {
  return load_s3_credentials([](const char* name) { return std::getenv(name); });
}

}  // namespace dossier::storage
