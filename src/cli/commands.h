// The subcommands of `dossier`. Each returns the process exit code: 0 success, 1 the
// command failed (message on stderr), 2 a usage error.
#pragma once

#include <cstdint>
#include <string>

namespace dossier::cli {

struct DemoArgs {
  std::string data_dir;
  int patients = 20;
  uint64_t seed = 1;
};
int run_demo(const DemoArgs& args);

struct ServeArgs {
  std::string data_dir;
  std::string listen = "127.0.0.1:8080";
  int workers = 2;
  int lease_seconds = 60;
};
int run_serve(const ServeArgs& args);

struct ImportArgs {
  std::string data_dir;
  std::string file;
};
int run_import(const ImportArgs& args);

struct TokenArgs {
  std::string data_dir;
  std::string user_id;
  std::string label = "cli";
};
int run_token(const TokenArgs& args);

//! Prints "dossier: <what>" (and the error's field problems) on stderr; returns 1.
int fail(const std::string& what);

}  // namespace dossier::cli
