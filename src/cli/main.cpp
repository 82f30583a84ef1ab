// dossier: the command line. Usage errors print one line and exit 2.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.h"
#include "cli/export_command.h"
#include "cli/migrate_data.h"
#include "cli/user_command.h"

namespace {

using namespace dossier::cli;

int usage_error(const std::string& what) {
  std::cerr << "dossier: " << what << " (see --help)\n";
  return 2;
}

int usage_error(const CLI::ParseError& e) {
  return usage_error(std::string(e.what()));
}

void add_worker_options(CLI::App& command, WorkerSettings& settings, const char* threads_flag) {
  command.add_option(threads_flag, settings.threads, "Export worker threads")
      ->check(CLI::Range(0, 64));
  command
      .add_option("--lease-seconds", settings.lease_seconds,
                  "How long a job stays claimed without a heartbeat before others may retry it")
      ->check(CLI::Range(1, 3600));
  command
      .add_option("--shutdown-grace-seconds", settings.shutdown_grace_seconds,
                  "On SIGTERM, how long to finish the jobs in hand before handing them back")
      ->check(CLI::Range(0, 3600));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Dossier: exports and reports of a therapy practice's clinical record", "dossier"};
  app.require_subcommand(1);

  DemoArgs demo;
  auto* demo_cmd = app.add_subcommand("demo", "Create a synthetic demo practice");
  add_location_options(*demo_cmd, demo.location);
  demo_cmd->add_option("--patients", demo.patients, "Number of patients")
      ->check(CLI::Range(1, 100000));
  demo_cmd->add_option("--seed", demo.seed, "Seed: the same seed gives the same practice");

  ServeArgs serve;
  auto* serve_cmd = app.add_subcommand("serve", "Serve the API, with embedded render workers");
  add_location_options(*serve_cmd, serve.location);
  serve_cmd->add_option("--listen", serve.listen,
                        "HOST:PORT to listen on (default 127.0.0.1:8080)");
  serve_cmd->add_flag("--no-worker", serve.no_worker,
                      "API only: jobs are rendered by `dossier worker` processes");
  add_worker_options(*serve_cmd, serve.workers, "--workers");
  serve_cmd
      ->add_option("--cleanup-minutes", serve.cleanup_minutes,
                   "How often to delete export files past their expiry (default 60)")
      ->check(CLI::Range(1, 24 * 60));
  serve_cmd
      ->add_option("--schedule-seconds", serve.schedule_seconds,
                   "How often to run scheduled reports whose time has come (default 30; 0: "
                   "another process runs them)")
      ->check(CLI::Range(0, 3600));
  serve_cmd->add_option("--public-url", serve.public_url,
                        "The address users reach Dossier at, for links in emails (default "
                        "http://LISTEN, or https:// with --tls-cert)");
  serve_cmd->add_option("--schedule-copy-dir", serve.schedule_copy_dir,
                        "A directory where scheduled reports that ask for a copy are written, "
                        "decrypted");
  serve_cmd
      ->add_option("--link-hours", serve.link_hours,
                   "How long a signed download link works (default 24; never past the file)")
      ->check(CLI::Range(1, 24 * 7));
  serve_cmd
      ->add_option("--rate-limit", serve.rate_limit,
                   "Requests a minute per token, or per address without one; as many may come "
                   "at once (default 1200; 0: no limit)")
      ->check(CLI::Range(0, 1000000));
  auto* tls_cert = serve_cmd->add_option(
      "--tls-cert", serve.tls_cert, "PEM certificate chain: serve HTTPS only (with --tls-key)");
  auto* tls_key =
      serve_cmd->add_option("--tls-key", serve.tls_key, "PEM private key of --tls-cert");
  tls_cert->needs(tls_key);
  tls_key->needs(tls_cert);
  serve_cmd
      ->add_option("--session-idle-seconds", serve.session_idle_seconds,
                   "Web pages: sign a browser out after this long without a request (default "
                   "900)")
      ->check(CLI::Range(1, 24 * 3600));
  serve_cmd
      ->add_option("--session-hours", serve.session_hours,
                   "Web pages: sign a browser out this long after it signed in (default 12)")
      ->check(CLI::Range(1, 24 * 7));

  WorkerArgs worker;
  auto* worker_cmd =
      app.add_subcommand("worker", "Render export jobs only (scale-out: beside serve --no-worker)");
  add_location_options(*worker_cmd, worker.location);
  add_worker_options(*worker_cmd, worker.workers, "--threads");

  MigrateArgs migrate;
  auto* migrate_cmd = app.add_subcommand("migrate", "Bring the database schema up to date");
  add_location_options(*migrate_cmd, migrate.location);

  MigrateDataArgs migrate_data;
  auto* migrate_data_cmd = app.add_subcommand(
      "migrate-data", "Move an embedded practice to PostgreSQL, verifying every table");
  migrate_data_cmd->add_option("--from", migrate_data.from, "sqlite:PATH of the embedded database")
      ->required();
  migrate_data_cmd->add_option("--to", migrate_data.to, "postgresql://… of an empty database")
      ->required();

  CleanupArgs cleanup;
  auto* cleanup_cmd =
      app.add_subcommand("cleanup", "Delete export files past their expiry and mark them expired");
  add_location_options(*cleanup_cmd, cleanup.location);

  KeysArgs keys;
  auto* keys_cmd = app.add_subcommand("keys", "Manage the master keys that encrypt stored files");
  keys_cmd->require_subcommand(1);
  auto* rotate_cmd = keys_cmd->add_subcommand(
      "rotate", "Make a new master key and rewrap every stored file's data key under it");
  add_location_options(*rotate_cmd, keys.location);

  AuditArgs audit;
  auto* audit_cmd = app.add_subcommand("audit", "Check the export audit log");
  audit_cmd->require_subcommand(1);
  auto* audit_verify_cmd = audit_cmd->add_subcommand(
      "verify", "Verify the audit log's hash chain and name its first broken row");
  add_location_options(*audit_verify_cmd, audit.location);
  audit_verify_cmd->add_option(
      "--expect-head", audit.expect_head,
      "SEQ:HASH of a head recorded earlier (a report's last_verified, or a logged "
      "audit_appended): broken unless the chain still holds that row with that hash");

  ImportArgs import;
  auto* import_cmd = app.add_subcommand(
      "import",
      "Load one patient's record: a full-record JSON export, or with --fhir a FHIR Bundle");
  add_location_options(*import_cmd, import.location);
  import_cmd->add_option("file", import.file, "FILE.json, a full-record export or a Bundle")
      ->required();
  import_cmd->add_flag("--fhir", import.fhir,
                       "FILE is a FHIR R4 collection or transaction Bundle (docs/formats/fhir.md)");

  TokenArgs token;
  auto* token_cmd =
      app.add_subcommand("token", "Issue an API token for a user (token revoke: revoke tokens)");
  add_location_options(*token_cmd, token.location);
  token_cmd->add_option("--user-id", token.user_id, "The user's id (required to issue)");
  token_cmd->add_option("--label", token.label, "What the token is for");
  token_cmd->add_option("--expires-days", token.expires_days, "Days the token works (default 90)")
      ->check(CLI::Range(1, 3650));
  // The location and --user-id options of `token` serve revoke as well.
  auto* revoke_cmd = token_cmd->add_subcommand(
      "revoke", "Revoke one token (--token-id) or every token of a user (--user-id)");
  revoke_cmd->fallthrough();
  revoke_cmd->add_option(
      "--token-id", token.token_id,
      "The token's id (printed when issued; GET /api/v1/auth/tokens lists them)");

  UserArgs user;
  auto* set_password_cmd = add_user_command(app, user);

  ExportArgs export_args;
  auto* export_cmd = app.add_subcommand(
      "export", "Export many patients into one ZIP with a manifest (as POST /export/batch)");
  add_export_options(*export_cmd, export_args);

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
  if (*worker_cmd) return run_worker(worker);
  if (*migrate_cmd) return run_migrate(migrate);
  if (*migrate_data_cmd) return run_migrate_data(migrate_data);
  if (*cleanup_cmd) return run_cleanup(cleanup);
  if (*rotate_cmd) return run_keys_rotate(keys);
  if (*audit_verify_cmd) return run_audit_verify(audit);
  if (*import_cmd) return run_import(import);
  if (*export_cmd) return run_export(export_args);
  if (*set_password_cmd) return run_user_set_password(user);
  if (*revoke_cmd) {
    if (token.token_id.empty() == token.user_id.empty())
      return usage_error("revoke takes --token-id or --user-id, one of them");
    return run_token_revoke(token);
  }
  if (*token_cmd) {
    if (token.user_id.empty()) return usage_error("--user-id is required");
    return run_token(token);
  }
  return 2;
}
