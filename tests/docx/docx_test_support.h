// Helpers for the DOCX tests: build a document from HTML, write it, read the ZIP back.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "docx/docx_writer.h"
#include "support/test_support.h"

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

using dossier::testing::CommandResult;
using dossier::testing::find_program;
using dossier::testing::read_file;
using dossier::testing::run;
using dossier::testing::TempDir;

}  // namespace dossier::docx::testing
