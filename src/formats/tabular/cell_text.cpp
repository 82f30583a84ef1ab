#include "formats/tabular/cell_text.h"

#include <cstdlib>

#include "formats/tabular/cell_safety.h"

namespace dossier::formats::tabular {
namespace {

bool all_strings(const Json& array) {
  for (const auto& v : array) {
    if (!v.is_string()) return false;
  }
  return true;
}

std::string compact(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

std::string money_text(int64_t cents) {
  const uint64_t magnitude = cents < 0 ? 0 - static_cast<uint64_t>(cents) : cents;
  std::string fraction = std::to_string(magnitude % 100);
  if (fraction.size() < 2) fraction.insert(0, "0");
  return (cents < 0 ? "-" : "") + std::to_string(magnitude / 100) + "." + fraction;
}

std::string plain_text(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array() && all_strings(value)) {
    std::string out;
    for (const auto& v : value) {
      if (!out.empty()) out += "; ";
      out += v.get<std::string>();
    }
    return out;
  }
  return compact(value);
}

std::string cell_text(const Json& value, CellType type) {
  if (value.is_null()) return "";
  if (value.is_string()) return neutralized(value.get<std::string>());
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (type == CellType::kMoney && value.is_number_integer()) {
    return money_text(value.get<int64_t>());
  }
  if (value.is_number()) return compact(value);
  return neutralized(plain_text(value));
}

}  // namespace dossier::formats::tabular
