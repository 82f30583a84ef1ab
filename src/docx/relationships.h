// OPC relationships of one part (e.g. word/_rels/document.xml.rels).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dossier::docx {

namespace rel {
inline constexpr std::string_view kOfficeDocument =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
inline constexpr std::string_view kCoreProperties =
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
inline constexpr std::string_view kExtendedProperties =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties";
inline constexpr std::string_view kStyles =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
inline constexpr std::string_view kSettings =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings";
inline constexpr std::string_view kNumbering =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering";
inline constexpr std::string_view kHeader =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header";
inline constexpr std::string_view kFooter =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer";
inline constexpr std::string_view kImage =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";
inline constexpr std::string_view kHyperlink =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";
}  // namespace rel

//! `uri` with what a URI may not contain (spaces, non-ASCII bytes, "<>\\^`{|}, controls and
//! a '%' not starting an escape) percent-encoded: Word refuses to open a package whose
//! hyperlink target does not parse as a URI.
std::string encode_uri(std::string_view uri);

//! Assigns ids "rId1", "rId2"… in the order relationships are added; adding the same
//! (type, target, mode) again returns the existing id.
class Relationships {
 public:
  //! `target` is relative to the source part's folder, or an absolute URI when `external`.
  std::string add(std::string_view type, std::string_view target, bool external = false);
  //! The .rels part.
  std::string xml() const;

 private:
  struct Entry {
    std::string id;
    std::string type;
    std::string target;
    bool external = false;
  };
  std::vector<Entry> entries_;
};

}  // namespace dossier::docx
