// What every C++ test suite needs from the machine: temporary directories, files and
// external commands (pdftotext, qpdf, LibreOffice…).
#pragma once

#include <string>

namespace dossier::testing {

//! A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  //! Writes `bytes` to path()/name and returns the full path.
  std::string write(const std::string& name, const std::string& bytes) const;

 private:
  std::string path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string output;  //!< stdout and stderr
};

//! Runs `command` with /bin/sh.
CommandResult run(const std::string& command);

//! The contents of a file ("" if unreadable).
std::string read_file(const std::string& path);

//! The full path of an executable found on $PATH, or "".
std::string find_program(const std::string& name);

}  // namespace dossier::testing
