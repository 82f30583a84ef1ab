#include "doc/image_source.h"

#include <librsvg/rsvg.h>

#include <cstdint>

#include "core/base64.h"
#include "doc/c_handle.h"
#include "doc/svg_picture.h"
#include "doc/text_util.h"

namespace dossier::doc {
namespace {

uint32_t be32(std::string_view s, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(s[at])) << 24 |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 2])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 3]));
}
uint32_t be16(std::string_view s, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(s[at])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1]));
}

bool png_size(std::string_view s, double& w, double& h) {
  if (s.size() < 24 || s.substr(0, 8) != "\x89PNG\r\n\x1a\n" || s.substr(12, 4) != "IHDR") {
    return false;
  }
  w = be32(s, 16);
  h = be32(s, 20);
  return true;
}

// Walks JPEG markers up to the first start-of-frame.
bool jpeg_size(std::string_view s, double& w, double& h) {
  if (s.size() < 4 || static_cast<unsigned char>(s[0]) != 0xFF ||
      static_cast<unsigned char>(s[1]) != 0xD8) {
    return false;
  }
  size_t i = 2;
  while (i + 9 < s.size()) {
    if (static_cast<unsigned char>(s[i]) != 0xFF) return false;
    const auto marker = static_cast<unsigned char>(s[i + 1]);
    if (marker == 0xFF) {
      ++i;
      continue;
    }
    const uint32_t len = be16(s, i + 2);
    const bool sof =
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      h = be16(s, i + 5);
      w = be16(s, i + 7);
      return true;
    }
    i += 2 + len;
  }
  return false;
}

using RsvgHandlePtr = Handle<RsvgHandle, g_object_unref>;
using GErrorPtr = Handle<GError, g_error_free>;

// Intrinsic size of an SVG in CSS px: width/height attributes, else the viewBox, else 300×150.
bool svg_size(std::string_view s, double& w, double& h) {
  GError* raw_error = nullptr;
  RsvgHandlePtr handle(
      rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(s.data()), s.size(), &raw_error));
  GErrorPtr error(raw_error);
  if (!handle) return false;
  rsvg_handle_set_dpi(handle.get(), 96);
  if (rsvg_handle_get_intrinsic_size_in_pixels(handle.get(), &w, &h) && w > 0 && h > 0) {
    return true;
  }
  gboolean has_w = FALSE, has_h = FALSE, has_vb = FALSE;
  RsvgLength lw, lh;
  RsvgRectangle vb;
  rsvg_handle_get_intrinsic_dimensions(handle.get(), &has_w, &lw, &has_h, &lh, &has_vb, &vb);
  if (has_vb && vb.width > 0 && vb.height > 0) {
    w = vb.width, h = vb.height;
    if (w < 16 || h < 16) {  // a bare viewBox like "0 0 1 1" means "scale me": pick 300 wide
      h = 300 * h / w, w = 300;
    }
  } else {
    w = 300, h = 150;
  }
  return true;
}

bool looks_like_svg(std::string_view s) {
  const std::string_view head = trim(s.substr(0, 512));
  return head.starts_with("<svg") || head.starts_with("<?xml") || head.starts_with("<!--") ||
         head.find("<svg") != std::string_view::npos;
}

}  // namespace

std::shared_ptr<const Image> make_image(std::string bytes, std::vector<std::string>& notes) {
  if (bytes.size() > kMaxImageBytes) {
    notes.emplace_back("ignored image larger than 20 MB");
    return nullptr;
  }
  auto img = std::make_shared<Image>();
  bool ok = false;
  if (png_size(bytes, img->width_px, img->height_px)) {
    img->format = Image::Format::kPng, ok = true;
  } else if (jpeg_size(bytes, img->width_px, img->height_px)) {
    img->format = Image::Format::kJpeg, ok = true;
  } else if (looks_like_svg(bytes)) {
    if (auto picture = parse_svg_picture(bytes)) {
      img->width_px = picture->width_px, img->height_px = picture->height_px;
      img->picture = std::make_shared<const SvgPicture>(std::move(*picture));
      img->format = Image::Format::kSvg, ok = true;
    } else if (svg_size(bytes, img->width_px, img->height_px)) {
      img->format = Image::Format::kSvg, ok = true;
    }
  }
  if (!ok || img->width_px <= 0 || img->height_px <= 0) {
    notes.emplace_back("ignored image in an unsupported format");
    return nullptr;
  }
  if (img->format != Image::Format::kSvg && img->width_px * img->height_px > kMaxImagePixels) {
    notes.emplace_back("ignored image with too many pixels");
    return nullptr;
  }
  img->bytes = std::move(bytes);
  return img;
}

std::string uri_scheme(std::string_view uri) {
  uri = trim(uri);
  for (size_t i = 0; i < uri.size(); ++i) {
    const char c = uri[i];
    if (c == ':') return i == 0 ? std::string() : to_lower(uri.substr(0, i));
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!alpha && !(i > 0 && other)) return std::string();
  }
  return std::string();
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = ascii_lower(c);
  return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> decode_data_uri(std::string_view uri) {
  uri = trim(uri);
  const size_t comma = uri.find(',');
  if (uri_scheme(uri) != "data" || comma == std::string_view::npos) return std::nullopt;
  const std::string meta = to_lower(uri.substr(5, comma - 5));
  const std::string_view payload = uri.substr(comma + 1);
  if (!meta.ends_with(";base64")) return percent_decode(payload);
  std::string compact;
  compact.reserve(payload.size());
  for (char c : percent_decode(payload)) {
    if (!is_css_space(c)) compact += c;
  }
  while (compact.size() % 4 != 0) compact += '=';
  auto bytes = base64_decode(compact);
  if (!bytes) return std::nullopt;
  return std::string(bytes->begin(), bytes->end());
}

std::shared_ptr<const Image> resolve_image_source(std::string_view src, const AssetResolver& assets,
                                                  std::vector<std::string>& notes) {
  src = trim(src);
  if (src.empty()) return nullptr;
  const std::string scheme = uri_scheme(src);
  if (scheme == "data") {
    auto bytes = decode_data_uri(src);
    if (!bytes) {
      notes.emplace_back("ignored malformed data: image source");
      return nullptr;
    }
    return make_image(std::move(*bytes), notes);
  }
  if (!scheme.empty()) {
    notes.push_back("ignored image source with scheme " + scheme);
    return nullptr;
  }
  if (src.starts_with("//")) {
    notes.emplace_back("ignored image source with a network path");
    return nullptr;
  }
  if (!assets) {
    notes.emplace_back("ignored image source: no asset resolver");
    return nullptr;
  }
  auto bytes = assets(src);
  if (!bytes) {
    notes.emplace_back("ignored image source: unknown asset");
    return nullptr;
  }
  return make_image(std::move(*bytes), notes);
}

}  // namespace dossier::doc
