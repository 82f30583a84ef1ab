// The project's JSON value: nlohmann::json, ordered so documents keep a stable,
// human-friendly member order (and so exports compare byte for byte).
#pragma once

#include <nlohmann/json.hpp>

namespace dossier {
using Json = nlohmann::ordered_json;
}  // namespace dossier
