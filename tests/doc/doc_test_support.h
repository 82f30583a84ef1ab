// Helpers for the document engine's integration tests (and the system templates' golden
// pages): temp dirs, external tools, PNGs.
#pragma once

#include <string>
#include <vector>

#include "support/test_support.h"

namespace dossier::doc::testing {

using dossier::testing::CommandResult;
using dossier::testing::read_file;
using dossier::testing::run;
using dossier::testing::TempDir;

//! pdftotext -layout of `pdf` (text of all pages; pages separated by '\f').
std::string pdf_text(const std::string& pdf);
//! The "Pages:" value of pdfinfo, or -1.
int pdf_page_count(const std::string& pdf);
//! The full pdfinfo output.
std::string pdf_info(const std::string& pdf);

//! The test data directory (tests/doc).
std::string data_dir();

//! Decoded PNG as 0xAARRGGBB pixels; empty on error.
struct Pixels {
  int width = 0, height = 0;
  std::vector<uint32_t> argb;
};
Pixels decode_png(const std::string& png);

//! Compares `png` with <golden_dir>/<name>.png: passes when at most `max_bad_fraction` of
//! pixels differ by more than `tolerance` in any channel. On failure writes
//! <name>-FAILED.png next to the golden and returns a description. With DOSSIER_UPDATE_GOLDEN=1
//! it rewrites the golden instead. Returns "" on success.
std::string compare_with_golden_in(const std::string& golden_dir, const std::string& name,
                                   const std::string& png, int tolerance, double max_bad_fraction);

//! compare_with_golden_in() on tests/doc/golden.
std::string compare_with_golden(const std::string& name, const std::string& png, int tolerance = 64,
                                double max_bad_fraction = 0.003);

}  // namespace dossier::doc::testing
