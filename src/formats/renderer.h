// render: a Context (the gathered, redacted record) into the bytes of one format, written in
// order into a sink. Data formats (JSON) write straight from the Context; document formats
// (PDF, DOCX, and HTML for previews) go template → HTML → document tree → layout → painter or
// writer, and write their finished bytes once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/byte_sink.h"
#include "core/json.h"
#include "core/result.h"
#include "doc/image_source.h"

namespace dossier::formats {

struct RenderInput {
  std::string format;  //!< json | pdf | docx | html
  const Json& context;
  //! The template for document formats (ignored by data formats).
  std::string template_source;
  std::string template_name = "template";
  //! ISO 8601 creation date written into document metadata; empty = now.
  std::string created_at;
  //! The template's own stored images, by the names its <img src> uses; empty = none.
  doc::AssetResolver assets;
  //! x12: the interchange control number (claims/control_numbers.h).
  int64_t control_number = 0;
};

struct Rendered {
  std::string bytes;         //!< only from the collecting render(); empty when streamed
  std::string extension;     //!< ".json", ".pdf", …
  std::string content_type;  //!< "application/json", …
  //! What the document engine ignored (remote images, unsupported schemes); never PHI.
  std::vector<std::string> notes;
};

//! Renders `input.context` as `input.format` into `out`. kUnprocessable when the template
//! fails to render or the format has no renderer; an error from `out` is returned as it is.
//! On error, `out` may have received part of the file.
Result<Rendered> render(const RenderInput& input, const ByteSink& out);

//! The same, collected into `Rendered::bytes` (previews, tests): for outputs that fit in memory.
Result<Rendered> render(const RenderInput& input);

//! Pretty-printed UTF-8 JSON with a trailing newline. Invalid UTF-8 in the record is
//! replaced rather than failing the export.
std::string render_json(const Json& context);

}  // namespace dossier::formats
