// HTML → DOM via libxml2's forgiving HTML parser (no network, no error output).
#pragma once

#include <string_view>

#include "core/result.h"
#include "doc/dom.h"

namespace dossier::doc {

//! Parses `html` (UTF-8). Malformed markup is repaired as browsers do; comments, processing
//! instructions and DTDs are dropped. Never touches the network or the file system.
//! Fails only when the input is larger than the parser's limits.
Result<Dom> parse_html(std::string_view html);

}  // namespace dossier::doc
