// CSS white-space processing for one paragraph's inline content.
#pragma once

#include "doc/tree.h"

namespace dossier::doc {

//! Collapses white space in the kText nodes under `paragraph` as CSS does across inline
//! boundaries (honouring each text's white-space), trims the paragraph's start and end and
//! spaces around line breaks, and removes empty text and empty spans.
//! Returns false when nothing visible remains (no text, image or line break).
bool collapse_paragraph_whitespace(Node& paragraph);

}  // namespace dossier::doc
