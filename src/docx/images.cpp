#include "docx/images.h"

#include <algorithm>
#include <cmath>

#include "docx/svg_raster.h"
#include "docx/units.h"
#include "docx/xml_text.h"

namespace dossier::docx {
namespace {

constexpr double kMaxRasterSide = 4096;

// Pixel size for rasterizing an SVG shown at `size`: 2 px per CSS px, capped.
std::pair<int, int> raster_pixels(ImageSize size) {
  double w = std::max(1.0, size.width / doc::kPxToPt * 2);
  double h = std::max(1.0, size.height / doc::kPxToPt * 2);
  const double scale = std::min(1.0, kMaxRasterSide / std::max(w, h));
  return {std::max(1, static_cast<int>(std::lround(w * scale))),
          std::max(1, static_cast<int>(std::lround(h * scale)))};
}

}  // namespace

ImageSize image_size(const doc::Node& node, double max_width, double max_height) {
  const doc::Image* image = node.image.get();
  const double iw = image != nullptr ? image->width_px * doc::kPxToPt : 0;
  const double ih = image != nullptr ? image->height_px * doc::kPxToPt : 0;
  const doc::Length& cw = node.style.width;
  const doc::Length& ch = node.style.height;
  double w = cw.is_auto() ? 0 : cw.resolve(max_width, iw);
  double h = ch.unit == doc::Length::Unit::kPt ? ch.value : 0;
  if (w > 0 && h <= 0) h = iw > 0 ? w * ih / iw : w;
  if (h > 0 && w <= 0) w = ih > 0 ? h * iw / ih : h;
  if (w <= 0 || h <= 0) w = iw, h = ih;
  if (w <= 0 || h <= 0) return {};
  const double scale =
      std::min({1.0, max_width > 0 ? max_width / w : 1.0, max_height > 0 ? max_height / h : 1.0});
  return {w * scale, h * scale};
}

std::optional<std::string> Media::add(const doc::Image& image, ImageSize size,
                                      Relationships& rels) {
  const bool svg = image.format == doc::Image::Format::kSvg;
  const auto [px_w, px_h] = svg ? raster_pixels(size) : std::pair<int, int>{0, 0};
  const auto key = std::make_tuple(&image, px_w, px_h);
  if (const auto it = ids_.find(key); it != ids_.end()) return it->second;

  std::string bytes = image.bytes;
  if (svg) {
    Result<std::string> png = rasterize_svg(image, px_w, px_h);
    if (!png.ok()) return std::nullopt;
    bytes = std::move(png).value();
  }
  const char* extension = image.format == doc::Image::Format::kJpeg ? "jpeg" : "png";
  std::string name = "media/image" + std::to_string(parts_.size() + 1) + "." + extension;
  std::string id = rels.add(rel::kImage, name);
  parts_.push_back({std::move(name), std::move(bytes)});
  ids_.emplace(key, id);
  return id;
}

std::string picture_run_xml(const std::string& rel_id, ImageSize size, int id,
                            const std::string& alt) {
  const int64_t cx = std::max<int64_t>(1, emu(size.width));
  const int64_t cy = std::max<int64_t>(1, emu(size.height));
  const std::string name = "Picture " + std::to_string(id);
  std::string out = "<w:r><w:drawing>";
  out += "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">";
  out += element("wp:extent", {{"cx", cx}, {"cy", cy}});
  out += "<wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>";
  out += element("wp:docPr", {{"id", id}, {"name", name}, {"descr", alt}});
  out +=
      "<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
      "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
      "<pic:pic><pic:nvPicPr>";
  out += element("pic:cNvPr", {{"id", id}, {"name", name}, {"descr", alt}});
  out += "<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>";
  out += element("a:blip", {{"r:embed", rel_id}});
  out += "<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>";
  out += "<a:off x=\"0\" y=\"0\"/>" + element("a:ext", {{"cx", cx}, {"cy", cy}});
  out += "</a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>";
  out += "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>";
  return out;
}

}  // namespace dossier::docx
