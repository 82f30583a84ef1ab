// Embedded pictures: image parts under word/media and the inline DrawingML that shows them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "doc/tree.h"
#include "docx/relationships.h"

namespace dossier::docx {

struct ImageSize {
  double width = 0;  //!< points
  double height = 0;
};

//! The display size of a kImage node: CSS width/height (one given → aspect ratio kept), else
//! the intrinsic size (1px = 0.75pt); then scaled down to fit `max_width` × `max_height`.
ImageSize image_size(const doc::Node& image, double max_width, double max_height);

struct MediaPart {
  std::string name;  //!< relative to word/, e.g. "media/image1.png"
  std::string bytes;
};

//! The images of one document. PNG and JPEG are embedded as they are; SVG is rasterized to
//! PNG at twice its display size (capped at 4096 px a side). The same image shown at the same
//! size is stored once.
class Media {
 public:
  //! The relationship id (in `rels`) of `image` shown at `size`; nullopt if the image cannot
  //! be used (an SVG that does not render).
  std::optional<std::string> add(const doc::Image& image, ImageSize size, Relationships& rels);
  const std::vector<MediaPart>& parts() const { return parts_; }

 private:
  std::map<std::tuple<const doc::Image*, int, int>, std::string> ids_;
  std::vector<MediaPart> parts_;
};

//! A run holding an inline picture: <w:r><w:drawing><wp:inline>…</wp:inline></w:drawing></w:r>.
//! `id` must be unique in the document (wp:docPr ids); `alt` becomes the description.
std::string picture_run_xml(const std::string& rel_id, ImageSize size, int id,
                            const std::string& alt);

}  // namespace dossier::docx
