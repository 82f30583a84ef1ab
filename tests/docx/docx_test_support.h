// Helpers for the DOCX tests: build a document from HTML, write it, read the ZIP back.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "docx/docx_writer.h"

namespace dossier::docx::testing {

//! Every entry of a ZIP archive, by name (libzip); fails the current test if unreadable.
std::map<std::string, std::string> unzip(const std::string& bytes);

struct Docx {
  std::string bytes;
  std::map<std::string, std::string> parts;
  //! The part's text, or "" when absent.
  const std::string& part(const std::string& name) const;
};

//! HTML → doc::build_document → write_docx (created fixed to 2024-03-10T14:02:00Z) → parts.
Docx docx_from_html(std::string_view html, DocxOptions options = {});

//! Occurrences of `needle` in `haystack`.
int count(std::string_view haystack, std::string_view needle);

//! A file of tests/docx.
std::string read_test_file(const std::string& name);

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

//! The full path of an executable found on $PATH, or "".
std::string find_program(const std::string& name);

//! The contents of a file ("" if unreadable).
std::string read_file(const std::string& path);

}  // namespace dossier::docx::testing
