// Structured logs: one JSON object per line on stderr.
//
// Callers pass only identifiers, statuses and timings. Never pass names, note text, or any
// other PHI: log lines leave the practice's control (log shippers, support tickets).
#pragma once

#include <string_view>

#include "core/json.h"

namespace dossier::log {

//! Writes {"ts", "level", "event", ...fields} as one line. Thread-safe.
void info(std::string_view event, const Json& fields = Json::object());
void warn(std::string_view event, const Json& fields = Json::object());
void error(std::string_view event, const Json& fields = Json::object());

//! Silences info lines (tests and CLI commands that print their own output).
void set_quiet(bool quiet);

}  // namespace dossier::log
