#include "demo_practice.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "db/migrations.h"
#include "demo/demo.h"

namespace dossier::bench {
namespace {

[[noreturn]] void die(const char* what) {
  std::fprintf(stderr, "benchmark setup failed: %s\n", what);
  std::exit(1);
}

// Runs in the child: a fresh database file with the demo practice in it.
int generate(const std::string& path, int patients) {
  auto db = db::SqliteDatabase::open(path);
  if (!db.ok() || !db::migrate(**db).ok()) return 1;
  auto made = demo::generate(**db, {.patients = patients, .seed = 1, .today = "2026-11-01"});
  return made.ok() ? 0 : 1;
}

}  // namespace

DemoPractice::DemoPractice(int patients) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "dossier-bench.XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) die("no temporary directory");
  dir_ = tmpl;
  const std::string path = dir_ + "/dossier.db";
  const pid_t child = fork();
  if (child < 0) die("fork");
  if (child == 0) _exit(generate(path, patients));
  int status = 0;
  if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    die("the demo practice could not be generated");
  }
  auto db = db::SqliteDatabase::open(path);
  if (!db.ok()) die("the demo database does not open");
  db_ = std::move(*db);
  auto rows = db_->query(
      "SELECT patient_id, user_id FROM care_team WHERE role = 'primary' ORDER BY patient_id");
  if (!rows.ok()) die("the demo practice has no care team");
  for (const auto& row : *rows) {
    patients_.push_back({row["patient_id"].get<std::string>(), row["user_id"].get<std::string>()});
  }
  auto admin = db_->query_one("SELECT id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1");
  if (!admin.ok() || admin->is_null()) die("the demo practice has no admin");
  admin_id_ = (*admin)["id"].get<std::string>();
}

DemoPractice::~DemoPractice() {
  db_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // kilobytes on Linux
}

}  // namespace dossier::bench
