// A demo practice for the throughput benchmarks, in a SQLite file as the embedded default
// keeps it. It is generated in a child process, so that the generator's memory does not
// count in the peak RSS the benchmark reports for the export that follows.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "db/sqlite/sqlite_database.h"

namespace dossier::bench {

struct Assignment {
  std::string patient_id;
  std::string therapist_id;  //!< the patient's primary therapist
};

class DemoPractice {
 public:
  //! Generates `patients` demo patients in a new file under TMPDIR; exits the process with a
  //! message when that fails (a benchmark has no one to return an error to).
  explicit DemoPractice(int patients);
  ~DemoPractice();  //!< removes the file
  DemoPractice(const DemoPractice&) = delete;
  DemoPractice& operator=(const DemoPractice&) = delete;

  db::SqliteDatabase& db() { return *db_; }
  //! Every patient with their primary therapist, in id order.
  const std::vector<Assignment>& patients() const { return patients_; }
  //! The practice's admin.
  const std::string& admin_id() const { return admin_id_; }

 private:
  std::string dir_;
  std::unique_ptr<db::SqliteDatabase> db_;
  std::vector<Assignment> patients_;
  std::string admin_id_;
};

//! The process's peak resident set size so far, in MB.
double peak_rss_mb();

}  // namespace dossier::bench
