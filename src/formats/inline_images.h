// HTML output shown in a browser (a template's live preview) carries the template's stored
// images inline: each <img src="NAME"> whose NAME is one of the template's assets becomes a
// data: URI, as the PDF engine resolves the same names. The preview's policy then needs to
// allow only data: images, never a request back to Dossier.
#pragma once

#include <string>

#include "doc/image_source.h"

namespace dossier::formats {

//! `html` with the src of every <img> that names an asset replaced by the asset as a data:
//! URI (PNG, JPEG or SVG by its bytes); other sources (URLs, data: URIs, unknown names) are
//! left as written.
std::string inline_asset_images(std::string html, const doc::AssetResolver& assets);

}  // namespace dossier::formats
