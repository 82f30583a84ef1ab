// Where images may come from: data: URIs, inline <svg>, or the caller's asset resolver.
// Never the network or the file system: other sources are refused and noted.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doc/tree.h"

namespace dossier::doc {

//! Returns the bytes of a template's stored asset by name, or nullopt if unknown.
using AssetResolver = std::function<std::optional<std::string>(std::string_view name)>;

//! Largest accepted image: encoded bytes and decoded pixel dimensions.
inline constexpr size_t kMaxImageBytes = 20 * 1024 * 1024;
inline constexpr double kMaxImagePixels = 40e6;

//! Sniffs the format (PNG, JPEG, SVG) and reads the intrinsic size. nullptr (with a note) for
//! unsupported or oversized data.
std::shared_ptr<const Image> make_image(std::string bytes, std::vector<std::string>& notes);

//! Resolves an <img src>: data: URIs are decoded, scheme-less names go to `assets` (if any),
//! anything else (http:, https:, file:, //host…) is ignored with a note naming the scheme.
std::shared_ptr<const Image> resolve_image_source(std::string_view src, const AssetResolver& assets,
                                                  std::vector<std::string>& notes);

//! The URI scheme of `uri` in lower case ("https", "data"…), "" when it has none.
std::string uri_scheme(std::string_view uri);

//! Decodes the payload of a data: URI (base64 or percent-encoded); nullopt if malformed.
std::optional<std::string> decode_data_uri(std::string_view uri);

}  // namespace dossier::doc
