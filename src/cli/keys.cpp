// `dossier keys rotate`: a new master key for new files, and every stored file's data key
// rewrapped under it. The content of the files is not touched, only their headers.
#include <iostream>

#include "cli/commands.h"
#include "core/log.h"
#include "storage/encrypted_blob_store.h"
#include "storage/storage_url.h"

namespace dossier::cli {

int run_keys_rotate(const KeysArgs& args) {
  auto env = open_environment(args.location, {.pool_size = 2});
  if (!env.ok()) return fail_with("cannot open the practice", env.error());
  auto raw = storage::open_blob_store(args.location.storage_url, args.location.data_dir);
  if (!raw.ok()) return fail_with("cannot open the file store", raw.error());
  auto id = env->keys->add_key();
  if (!id.ok()) return fail_with("cannot create a master key", id.error());
  auto files = env->db->query(
      "SELECT file_path FROM export_jobs WHERE file_path IS NOT NULL AND deleted_at IS NULL");
  if (!files.ok()) return fail_with("cannot list the stored files", files.error());
  int rewrapped = 0, gone = 0, failed = 0;
  for (const Json& row : *files) {
    auto done = storage::rewrap(**raw, *env->keys, row["file_path"]);
    if (done.ok()) {
      rewrapped += *done ? 1 : 0;
    } else if (done.error().code == ErrorCode::kNotFound) {
      ++gone;  // expired and cleaned up meanwhile
    } else {
      ++failed;
      log::error("rewrap_failed", {{"key", row["file_path"]}});
    }
  }
  std::cout << "New master key " << *id << "; rewrapped " << rewrapped << " of " << files->size()
            << " stored files";
  if (gone) std::cout << " (" << gone << " no longer stored)";
  std::cout << ".\n";
  if (failed) return fail(std::to_string(failed) + " files could not be rewrapped (see the log)");
  std::cout << "Files are no longer wrapped by older keys; keep them until every running "
               "process has restarted, then they may be archived.\n";
  return 0;
}

}  // namespace dossier::cli
