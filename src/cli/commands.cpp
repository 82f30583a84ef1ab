#include "cli/commands.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "auth/tokens.h"
#include "cli/data_dir.h"
#include "demo/demo.h"
#include "record/full_record_import.h"

namespace dossier::cli {
namespace {

int fail_with(const std::string& what, const Error& e) {
  std::string text = what + ": " + e.detail;
  for (const auto& f : e.fields) text += "; " + f.path + " " + f.problem;
  return fail(text);
}

}  // namespace

int fail(const std::string& what) {
  std::cerr << "dossier: " << what << "\n";
  return 1;
}

int run_demo(const DemoArgs& args) {
  auto dir = open_data_dir(args.data_dir);
  if (!dir.ok()) return fail_with("cannot open the data directory", dir.error());
  auto tokens = demo::generate(*dir->db, {.patients = args.patients, .seed = args.seed});
  if (!tokens.ok()) {
    if (tokens.error().code == ErrorCode::kConflict)
      return fail("the data directory already holds a practice");
    return fail_with("could not create the demo practice", tokens.error());
  }
  const std::string path = args.data_dir + "/demo-tokens.json";
  {
    std::ofstream out(path, std::ios::trunc);
    out << tokens->dump(2) << "\n";
    if (!out) return fail("could not write demo-tokens.json");
  }
  std::filesystem::permissions(
      path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
      std::filesystem::perm_options::replace);
  std::cout << "Created a demo practice with " << args.patients << " patients in " << args.data_dir
            << "; tokens in " << path << "\n";
  return 0;
}

int run_import(const ImportArgs& args) {
  std::ifstream in(args.file);
  if (!in) return fail("cannot read " + args.file);
  std::stringstream ss;
  ss << in.rdbuf();
  Json doc = Json::parse(ss.str(), nullptr, false);
  if (doc.is_discarded()) return fail(args.file + " is not valid JSON");
  auto dir = open_data_dir(args.data_dir);
  if (!dir.ok()) return fail_with("cannot open the data directory", dir.error());
  auto imported = record::import_full_record(*dir->db, doc);
  if (!imported.ok()) return fail_with("import failed", imported.error());
  std::cout << imported->dump() << "\n";
  return 0;
}

int run_token(const TokenArgs& args) {
  auto dir = open_data_dir(args.data_dir);
  if (!dir.ok()) return fail_with("cannot open the data directory", dir.error());
  auto token = auth::issue_token(*dir->db, args.user_id, args.label);
  if (!token.ok()) return fail("no active user with that id");
  std::cout << *token << "\n";
  return 0;
}

}  // namespace dossier::cli
