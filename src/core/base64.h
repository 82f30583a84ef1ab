// Standard base64 (RFC 4648 §4, with padding) for attachments in JSON documents.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dossier {

std::string base64_encode(const std::vector<uint8_t>& bytes);
std::string base64_encode(std::string_view bytes);
//! nullopt when `text` is not valid padded base64.
std::optional<std::vector<uint8_t>> base64_decode(std::string_view text);

}  // namespace dossier
