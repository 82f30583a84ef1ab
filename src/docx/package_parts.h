// The package-level parts of a DOCX: [Content_Types].xml, _rels/.rels, docProps/core.xml,
// docProps/app.xml and word/settings.xml.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "doc/tree.h"

namespace dossier::docx {

namespace content_type {
inline constexpr std::string_view kDocument =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
inline constexpr std::string_view kStyles =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";
inline constexpr std::string_view kSettings =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml";
inline constexpr std::string_view kNumbering =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml";
inline constexpr std::string_view kHeader =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml";
inline constexpr std::string_view kFooter =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml";
inline constexpr std::string_view kCore =
    "application/vnd.openxmlformats-package.core-properties+xml";
inline constexpr std::string_view kApp =
    "application/vnd.openxmlformats-officedocument.extended-properties+xml";
}  // namespace content_type

//! [Content_Types].xml: defaults by extension (rels, xml, png, jpeg) and one override per part.
class ContentTypes {
 public:
  //! `part` is absolute within the package, e.g. "/word/document.xml".
  void add_override(std::string_view part, std::string_view type);
  std::string xml() const;

 private:
  std::vector<std::pair<std::string, std::string>> overrides_;
};

//! _rels/.rels: the main document and the two property parts.
std::string package_relationships_xml();

//! docProps/core.xml (title, subject, creator, keywords, language, created/modified).
//! `timestamp` is W3CDTF, e.g. "2024-03-10T14:02:00Z".
std::string core_properties_xml(const doc::Metadata& metadata, std::string_view timestamp);

//! docProps/app.xml.
std::string app_properties_xml(std::string_view application);

//! word/settings.xml: Word 2013+ compatibility mode, default tab stop, no proofing marks.
//! `update_fields`: Word offers to compute the fields when it opens the document (for page
//! references, which it would otherwise show uncomputed until F9).
std::string settings_xml(bool update_fields);

//! `created` ("YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)") as W3CDTF in UTC, to the second; the
//! current time when empty. kValidation ("created") when it does not parse.
Result<std::string> w3cdtf_timestamp(std::string_view created);

}  // namespace dossier::docx
