// PDF password protection (qpdf). Kept apart from render.h's other includes because qpdf's
// headers need C++17 mode under clang 14 (see CMakeLists.txt).
#pragma once

#include <string>

#include "core/result.h"

namespace dossier::doc {

//! Protects a PDF with AES-256 (PDF 2.0, R6). `user_password` opens it; `owner_password`
//! lifts restrictions (printing and copying stay allowed). kUnprocessable if `pdf` is not a PDF.
Result<std::string> encrypt_pdf(std::string pdf, std::string user_password,
                                std::string owner_password);

}  // namespace dossier::doc
