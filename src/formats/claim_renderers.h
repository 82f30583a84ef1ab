// Renderers of the claim formats of insurance_report: x12 (an 837P), cms1500 (the claim form
// as a PDF), superbill (a PDF from the system template templates/superbill.html.j2). Each first
// checks that the context holds a complete claim (claims/claim_check.h) — the request was checked
// too, but the record may have changed while the job waited — and fails with kUnprocessable naming
// what is missing.
#pragma once

#include "formats/renderer.h"

namespace dossier::formats {

//! Whether `format` is one of the claim formats this file renders.
bool is_claim_format(std::string_view format);

//! REQUIRES: is_claim_format(input.format); for x12, input.control_number is set.
Result<Rendered> render_claim(const RenderInput& input);

}  // namespace dossier::formats
