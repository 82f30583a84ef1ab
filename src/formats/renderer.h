// render: a Context (the gathered, redacted record) into the bytes of one format.
// Data formats write straight from the Context; document formats (a later stage) go
// through templates and layout.
#pragma once

#include <string>
#include <string_view>

#include "core/json.h"
#include "core/result.h"

namespace dossier::formats {

struct Rendered {
  std::string bytes;
  std::string extension;     //!< ".json"
  std::string content_type;  //!< "application/json"
};

//! Renders `context` as `format`; kUnprocessable for a format without a renderer.
Result<Rendered> render(std::string_view format, const Json& context);

//! Pretty-printed UTF-8 JSON with a trailing newline. Invalid UTF-8 in the record is
//! replaced rather than failing the export.
std::string render_json(const Json& context);

}  // namespace dossier::formats
