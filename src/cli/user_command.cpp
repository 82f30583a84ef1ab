#include "cli/user_command.h"

#include <termios.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <optional>

#include "auth/passwords.h"
#include "cli/commands.h"

namespace dossier::cli {
namespace {

// Turns the terminal's echo off for as long as it lives.
class EchoOff {
 public:
  EchoOff() {
    if (tcgetattr(STDIN_FILENO, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    active_ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
  }
  ~EchoOff() {
    if (active_) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

std::optional<std::string> read_line() {
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::optional<std::string> prompt_hidden(const char* prompt) {
  std::cerr << prompt << std::flush;
  EchoOff quiet;
  auto line = read_line();
  std::cerr << "\n";
  return line;
}

// The new password from stdin; nullopt (after saying why) when there is none.
std::optional<std::string> read_password() {
  if (!isatty(STDIN_FILENO)) {
    auto line = read_line();
    if (!line) std::cerr << "dossier: no password on standard input\n";
    return line;
  }
  auto first = prompt_hidden("New password: ");
  if (!first) return std::nullopt;
  auto again = prompt_hidden("Repeat it: ");
  if (!again || *again != *first) {
    std::cerr << "dossier: the two passwords differ; nothing changed\n";
    return std::nullopt;
  }
  return first;
}

}  // namespace

CLI::App* add_user_command(CLI::App& app, UserArgs& args) {
  auto* user = app.add_subcommand("user", "Manage the users who sign in to the web pages");
  user->require_subcommand(1);
  auto* set_password = user->add_subcommand(
      "set-password", "Set a user's web sign-in password, read from standard input");
  add_location_options(*set_password, args.location);
  set_password->add_option("username", args.username, "The user's username")->required();
  set_password->add_option(
      "--user-id", args.user_id,
      "Give the user with this id the username first (letters, digits, . _ -)");
  return set_password;
}

int run_user_set_password(const UserArgs& args) {
  auto password = read_password();
  if (!password) return 1;
  // The rules first: a short password is refused before the practice is even opened.
  if (Status ok = auth::check_password_rules(*password); !ok.ok()) {
    return fail_with("the password was refused", ok.error());
  }
  auto env = open_environment(args.location);
  if (!env.ok()) return fail_with("cannot open the practice", env.error());
  if (!args.user_id.empty()) {
    if (Status named = auth::set_username(*env->db, args.user_id, args.username); !named.ok()) {
      return fail_with("cannot give the user that username", named.error());
    }
  }
  Status set = auth::set_password(*env->db, args.username, *password);
  if (!set.ok() && set.error().code == ErrorCode::kNotFound) {
    return fail("no active user has the username " + args.username);
  }
  if (!set.ok()) return fail_with("cannot set the password", set.error());
  std::cout << "password set for " << auth::normalize_username(args.username) << "\n";
  return 0;
}

}  // namespace dossier::cli
