// The subcommands of `dossier`. Each returns the process exit code: 0 success, 1 the
// command failed (message on stderr), 2 a usage error.
#pragma once

#include <cstdint>
#include <string>

#include "cli/environment.h"

namespace dossier::cli {

struct DemoArgs {
  Location location;
  int patients = 20;
  uint64_t seed = 1;
};
int run_demo(const DemoArgs& args);

struct WorkerSettings {
  int threads = 2;
  int lease_seconds = 60;
  int shutdown_grace_seconds = 30;  //!< how long SIGTERM waits for jobs in hand
};

struct ServeArgs {
  Location location;
  std::string listen = "127.0.0.1:8080";
  int cleanup_minutes = 60;       //!< how often expired files are deleted
  int schedule_seconds = 30;      //!< how often due scheduled reports are run; 0: never here
  std::string public_url;         //!< where emailed links point; "" for http://LISTEN
  std::string schedule_copy_dir;  //!< where schedules that ask for a copy put their files
  int link_hours = 24;            //!< how long a signed download link works
  bool no_worker = false;         //!< API only: the jobs are rendered by `dossier worker` processes
  int rate_limit = 1200;          //!< requests a minute per token (or address); 0: no limit
  std::string tls_cert;           //!< PEM certificate chain; with tls_key, serve HTTPS only
  std::string tls_key;
  WorkerSettings workers;
  int session_idle_seconds = 15 * 60;  //!< a web session ends after this long unused
  int session_hours = 12;              //!< and this long after sign-in, however busy
};
int run_serve(const ServeArgs& args);

struct WorkerArgs {
  Location location;
  WorkerSettings workers;
};
int run_worker(const WorkerArgs& args);

struct MigrateArgs {
  Location location;
};
int run_migrate(const MigrateArgs& args);

struct CleanupArgs {
  Location location;
};
int run_cleanup(const CleanupArgs& args);

struct KeysArgs {
  Location location;
};
int run_keys_rotate(const KeysArgs& args);

struct AuditArgs {
  Location location;
  std::string expect_head;  //!< "SEQ:HASH" of a head recorded earlier, or ""
};
//! Verifies the audit log's hash chain (and that it still holds the expected head, if
//! given): 0 when intact, 1 naming the first broken row, 2 for a malformed --expect-head.
int run_audit_verify(const AuditArgs& args);

struct ImportArgs {
  Location location;
  std::string file;
  bool fhir = false;  //!< FILE is a FHIR Bundle, not a full-record JSON export
};
int run_import(const ImportArgs& args);

struct TokenArgs {
  Location location;
  std::string user_id;
  std::string label = "cli";
  int expires_days = 90;
  std::string token_id;  //!< for revoke: this token, or else every token of user_id
};
//! Issues a token: the secret alone on stdout, its id and expiry on stderr.
int run_token(const TokenArgs& args);
int run_token_revoke(const TokenArgs& args);

//! Prints "dossier: <what>" (and the error's field problems) on stderr; returns 1.
int fail(const std::string& what);
int fail_with(const std::string& what, const Error& e);

}  // namespace dossier::cli
