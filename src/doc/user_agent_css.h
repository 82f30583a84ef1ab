// The default (user-agent) style sheet: HTML's usual rendering for the supported elements.
#pragma once

#include "doc/css_stylesheet.h"

namespace dossier::doc {

//! Parsed once, on first use (thread-safe); immutable afterwards.
const css::Stylesheet& user_agent_stylesheet();

}  // namespace dossier::doc
