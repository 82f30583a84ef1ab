#include "formats/renderer.h"

namespace dossier::formats {

std::string render_json(const Json& context) {
  return context.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Result<Rendered> render(std::string_view format, const Json& context) {
  if (format == "json") return Rendered{render_json(context), ".json", "application/json"};
  return Error::make(ErrorCode::kUnprocessable, "no renderer for this format");
}

}  // namespace dossier::formats
