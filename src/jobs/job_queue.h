// The durable export queue: job rows in the database, claimed with a lease.
//
// A worker claims the oldest pending job (or one whose lease expired because its worker
// died) and must finish before its lease runs out or renew it. Completion is conditional
// on still holding the lease, so a job never completes twice even when two workers ran
// it. After `max_attempts` expired leases a job is failed instead of retried forever.
//
// Thread safety: all methods may be called concurrently from any thread or process that
// shares the database.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::jobs {

struct StoredFile {
  std::string key;
  int64_t size_bytes = 0;
  std::string sha256;
  std::vector<std::string> notes;  //!< rendering notes for the job's creator
};

class JobQueue {
 public:
  JobQueue(db::Database& db, const Clock& clock, int max_attempts = 3)
      : db_(db), clock_(clock), max_attempts_(max_attempts) {}

  //! The claimed job row, or a null Json when nothing is waiting.
  Result<Json> claim(const std::string& worker_id, std::chrono::milliseconds lease);

  //! Extends the lease; false when the worker no longer holds it.
  Result<bool> renew(const std::string& job_id, const std::string& worker_id,
                     std::chrono::milliseconds lease);

  //! Completes the job; false when the lease was lost (the file must then be left to the
  //! worker that holds it, or removed if the job was deleted meanwhile).
  Result<bool> complete(const std::string& job_id, const std::string& worker_id,
                        const StoredFile& file, std::chrono::hours keep_for);

  //! Fails the job with a message safe to show its creator.
  Result<bool> fail(const std::string& job_id, const std::string& worker_id,
                    const std::string& message);

  //! Jobs pending or processing.
  Result<int64_t> backlog();

 private:
  Status give_up_exhausted(const std::string& now);

  db::Database& db_;
  const Clock& clock_;
  int max_attempts_;
};

}  // namespace dossier::jobs
