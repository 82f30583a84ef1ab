// Paints CMS-1500 pages (cms1500_values) on the form's geometry (cms1500_form) as a PDF with
// cairo and Pango: boxes and captions in thin rules and small sans, the values in a
// monospace face as a form printer would type them. The text is real text, so pdftotext and
// a payer's OCR-free intake read it.
#pragma once

#include <string>
#include <vector>

#include "claims/cms1500_values.h"
#include "core/result.h"

namespace dossier::claims::cms1500 {

//! A PDF of `pages`, one form each; `created_at` (ISO 8601, may be empty) goes into its
//! metadata. kInternal when cairo cannot write the PDF.
Result<std::string> paint_pdf(const std::vector<FormPage>& pages, const std::string& created_at);

}  // namespace dossier::claims::cms1500
