// dossier: the command line. Usage errors print one line and exit 2.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.h"

namespace {

using namespace dossier::cli;

int usage_error(const CLI::ParseError& e) {
  std::cerr << "dossier: " << e.what() << " (see --help)\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Dossier: exports and reports of a therapy practice's clinical record", "dossier"};
  app.require_subcommand(1);

  DemoArgs demo;
  auto* demo_cmd =
      app.add_subcommand("demo", "Create a synthetic demo practice in a new data directory");
  demo_cmd->add_option("--data-dir", demo.data_dir, "Data directory")->required();
  demo_cmd->add_option("--patients", demo.patients, "Number of patients")
      ->check(CLI::Range(1, 100000));
  demo_cmd->add_option("--seed", demo.seed, "Seed: the same seed gives the same practice");

  ServeArgs serve;
  auto* serve_cmd = app.add_subcommand("serve", "Serve the API with its embedded worker pool");
  serve_cmd->add_option("--data-dir", serve.data_dir, "Data directory")->required();
  serve_cmd->add_option("--listen", serve.listen,
                        "HOST:PORT to listen on (default 127.0.0.1:8080)");
  serve_cmd->add_option("--workers", serve.workers, "Export worker threads")
      ->check(CLI::Range(0, 64));
  serve_cmd
      ->add_option("--lease-seconds", serve.lease_seconds,
                   "How long a worker holds a job before others may retry it")
      ->check(CLI::Range(1, 3600));

  ImportArgs import;
  auto* import_cmd =
      app.add_subcommand("import", "Load a full-record JSON export into a data directory");
  import_cmd->add_option("--data-dir", import.data_dir, "Data directory")->required();
  import_cmd->add_option("file", import.file, "FILE.json, a full-record export")->required();

  TokenArgs token;
  auto* token_cmd = app.add_subcommand("token", "Issue an API token for a user");
  token_cmd->add_option("--data-dir", token.data_dir, "Data directory")->required();
  token_cmd->add_option("--user-id", token.user_id, "The user's id")->required();
  token_cmd->add_option("--label", token.label, "What the token is for");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return usage_error(e);
  }
  if (*demo_cmd) return run_demo(demo);
  if (*serve_cmd) return run_serve(serve);
  if (*import_cmd) return run_import(import);
  if (*token_cmd) return run_token(token);
  return 2;
}
