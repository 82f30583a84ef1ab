// Document formats: the template renders the Context to HTML; the document engine turns
// that HTML into a paginated PDF, the DOCX writer into an editable Word file from the same
// document tree, and previews get the HTML itself.
#pragma once

#include "formats/renderer.h"

namespace dossier::formats {

//! REQUIRES: input.format is pdf, docx or html and input.template_source is not empty.
Result<Rendered> render_document(const RenderInput& input);

}  // namespace dossier::formats
