// `dossier user set-password USERNAME [--user-id ID]`: sets the password a user signs in to
// the web pages with; with --user-id, first gives that user the username (users made before
// web sign-in, or through the API, have none). The password is read from standard input: typed
// twice, without echo, on a terminal; the first line otherwise (for scripts: `printf '%s\n' "$PW" |
// dossier user set-password x`).
#pragma once

#include <string>

#include "cli/environment.h"

namespace CLI {
class App;
}

namespace dossier::cli {

struct UserArgs {
  Location location;
  std::string username;
  std::string user_id;  //!< give this user `username` first; "" when they have it already
};

//! Adds `user` with its `set-password` subcommand to `app`; returns `set-password`.
CLI::App* add_user_command(CLI::App& app, UserArgs& args);

//! 0 when the password was set; 1 when it breaks the rules (too short), the two typings
//! differ, there is no active user with that username, or (--user-id) the username is
//! malformed or another user's.
int run_user_set_password(const UserArgs& args);

}  // namespace dossier::cli
