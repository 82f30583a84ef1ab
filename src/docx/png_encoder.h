// Image surfaces → PNG files, tuned for rasterized charts: cairo's own PNG writer uses zlib's
// default level and spent three quarters of a DOCX export compressing chart pixels; flat
// chart colours compress nearly as well at a low level in a fraction of the time.
#pragma once

#include <cairo.h>

#include <string>

#include "core/result.h"

namespace dossier::docx {

//! Encodes a CAIRO_FORMAT_ARGB32 surface (premultiplied alpha, flushed) as an 8-bit RGBA PNG.
//! Internal error if libpng fails. REQUIRES: the surface's format is ARGB32.
Result<std::string> encode_png(cairo_surface_t* surface);

}  // namespace dossier::docx
