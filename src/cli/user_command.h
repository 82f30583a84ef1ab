// `dossier user set-password USERNAME`: sets the password a user signs in to the web pages
// with. The password is read from standard input: typed twice, without echo, on a terminal;
// the first line otherwise (for scripts: `printf '%s\n' "$PW" | dossier user set-password x`).
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
};

//! Adds `user` with its `set-password` subcommand to `app`; returns `set-password`.
CLI::App* add_user_command(CLI::App& app, UserArgs& args);

//! 0 when the password was set; 1 when it breaks the rules (too short), the two typings
//! differ, or there is no active user with that username.
int run_user_set_password(const UserArgs& args);

}  // namespace dossier::cli
