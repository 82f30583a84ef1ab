// Escaping text for XML 1.0 (DOCX parts, SVG): the output is always well-formed UTF-8 that
// an XML parser accepts, whatever bytes came in.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dossier {

//! What becomes of control characters.
enum class XmlControls : uint8_t {
  //! Those XML 1.0 forbids (C0 other than tab, LF, CR; U+FFFE, U+FFFF) are dropped; tab, LF
  //! and CR are kept. For document text.
  kDropForbidden,
  //! Every control character (C0 including tab and newlines, DEL, C1) and U+FFFE/U+FFFF
  //! becomes a space. For one-line labels.
  kSpaceAll,
};

//! Appends `text` escaped for character data and attribute values (& < > " ' as entities).
//! Malformed UTF-8 becomes U+FFFD (one per byte that starts no well-formed sequence).
void append_xml_escaped(std::string& out, std::string_view text,
                        XmlControls controls = XmlControls::kDropForbidden);

//! append_xml_escaped() into a new string.
std::string xml_escaped(std::string_view text, XmlControls controls = XmlControls::kDropForbidden);

}  // namespace dossier
