// The accounting of disclosures as a document for the client: the practice letterhead, the
// client's name and birth date, the period and a table of the disclosures, rendered from the
// system template templates/disclosures.html.j2 by the same document engine as the exports.
#pragma once

#include <string>

#include "core/json.h"
#include "core/result.h"
#include "db/database.h"
#include "formats/renderer.h"

namespace dossier::pipeline {

//! The PDF of `accounting`, a jobs::list_disclosures result. `generated_at` (a timestamp) is
//! printed as the day it was prepared and written into the PDF's metadata.
//! kNotFound when the accounting's patient does not exist; kUnprocessable when rendering fails.
Result<formats::Rendered> render_disclosures_pdf(db::Database& db, const Json& accounting,
                                                 const std::string& generated_at);

}  // namespace dossier::pipeline
