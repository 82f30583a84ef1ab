#include "cli/commands.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "audit/audit_chain.h"
#include "auth/tokens.h"
#include "core/clock.h"
#include "db/migrations.h"
#include "db/open_database.h"
#include "demo/demo.h"
#include "pipeline/fhir_import.h"
#include "record/full_record_import.h"

namespace dossier::cli {
int fail(const std::string& what) {
  std::cerr << "dossier: " << what << "\n";
  return 1;
}

int fail_with(const std::string& what, const Error& e) {
  return fail(what + ": " + e.summary());
}

int run_demo(const DemoArgs& args) {
  auto env = open_environment(args.location);
  if (!env.ok()) return fail_with("cannot open the practice", env.error());
  auto tokens = demo::generate(*env->db, {.patients = args.patients, .seed = args.seed});
  if (!tokens.ok()) {
    if (tokens.error().code == ErrorCode::kConflict)
      return fail("the database already holds a practice");
    return fail_with("could not create the demo practice", tokens.error());
  }
  const std::string path = args.location.data_dir + "/demo-tokens.json";
  {
    std::ofstream out(path, std::ios::trunc);
    out << tokens->dump(2) << "\n";
    if (!out) return fail("could not write demo-tokens.json");
  }
  std::filesystem::permissions(
      path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
      std::filesystem::perm_options::replace);
  std::cout << "Created a demo practice with " << args.patients << " patients in "
            << (args.location.database_url.empty() ? args.location.data_dir
                                                   : db::redact_url(args.location.database_url))
            << "; usernames, passwords and tokens in " << path << "\n";
  return 0;
}

int run_import(const ImportArgs& args) {
  std::ifstream in(args.file);
  if (!in) return fail("cannot read " + args.file);
  std::stringstream ss;
  ss << in.rdbuf();
  Json doc = Json::parse(ss.str(), nullptr, false);
  if (doc.is_discarded()) return fail(args.file + " is not valid JSON");
  auto env = open_environment(args.location);
  if (!env.ok()) return fail_with("cannot open the practice", env.error());
  // A FHIR import is audited like one through the API, as a step of no user.
  const auth::Caller cli{.role = auth::Role::kAdmin, .user_agent = "dossier import --fhir"};
  auto imported = args.fhir ? pipeline::import_fhir_bundle(*env->db, env->audit_key, cli, doc)
                            : record::import_full_record(*env->db, doc);
  if (!imported.ok()) return fail_with("import failed", imported.error());
  std::cout << imported->dump() << "\n";
  return 0;
}

int run_token(const TokenArgs& args) {
  auto env = open_environment(args.location);
  if (!env.ok()) return fail_with("cannot open the practice", env.error());
  auto token = auth::create_token(*env->db, args.user_id, args.label,
                                  system_clock().now() + std::chrono::days(args.expires_days));
  if (!token.ok()) return fail("no active user with that id");
  std::cout << token->secret << "\n";
  std::cerr << "token " << token->id << " expires at " << *token->expires_at << "\n";
  return 0;
}

int run_token_revoke(const TokenArgs& args) {
  auto env = open_environment(args.location);
  if (!env.ok()) return fail_with("cannot open the practice", env.error());
  if (!args.token_id.empty()) {
    Status revoked = auth::revoke_token(*env->db, args.token_id);
    if (!revoked.ok()) return fail_with("cannot revoke the token", revoked.error());
    std::cout << "revoked token " << args.token_id << "\n";
    return 0;
  }
  auto revoked = auth::revoke_user_tokens(*env->db, args.user_id);
  if (!revoked.ok()) return fail_with("cannot revoke the tokens", revoked.error());
  std::cout << "revoked " << *revoked << " token(s) of user " << args.user_id << "\n";
  return 0;
}

// The schema is brought up to date by every subcommand that opens the practice; this one
// does only that, for deployments that migrate as a step of their own before new binaries
// roll out (older binaries then refuse the newer schema rather than run on it).
int run_migrate(const MigrateArgs& args) {
  auto db = db::open_database({.url = args.location.database_url,
                               .sqlite_path = sqlite_path(args.location),
                               .pool_size = 1});
  if (!db.ok()) return fail_with("cannot open the database", db.error());
  auto applied = db::migrate(**db);
  if (!applied.ok()) return fail_with("migration failed", applied.error());
  // The audit key is made, and the chain re-sealed under it, here as on any first start.
  auto keys = storage::KeyRing::open(keys_dir(args.location));
  if (!keys.ok()) return fail_with("cannot open the keys", keys.error());
  if (auto key = audit::open_chain_key(**db, **keys); !key.ok()) {
    return fail_with("cannot key the audit log", key.error());
  }
  for (const auto& name : *applied) std::cout << "applied " << name << "\n";
  std::cout << (applied->empty() ? "the schema is up to date" : "the schema is now up to date")
            << " (" << db::all_migrations().size() << " migrations)\n";
  return 0;
}

}  // namespace dossier::cli
