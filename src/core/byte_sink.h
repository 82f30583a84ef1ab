// ByteSink: where a producer writes a file's bytes, in order, as it makes them, so that no
// export needs to sit whole in memory. A sink that fails (storage full, connection lost)
// returns the error; the writer stops and passes it on unchanged.
#pragma once

#include <functional>
#include <string_view>

#include "core/result.h"

namespace dossier {

//! Appends a chunk. The chunk is only valid during the call.
using ByteSink = std::function<Status(std::string_view)>;

}  // namespace dossier
