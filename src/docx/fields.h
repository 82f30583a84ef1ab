// Word complex fields: PAGE and NUMPAGES in running footers, PAGEREF for page references.
#pragma once

#include <string>
#include <string_view>

namespace dossier::docx {

//! The runs of a complex field (fldChar begin, instrText, separate, the cached result, end),
//! each formatted by `rpr` (a <w:rPr> element, or ""). Word and LibreOffice show `result`
//! until they compute the field (LibreOffice on loading, Word for PAGE/NUMPAGES at once and for
//! other fields on F9 or printing).
std::string field_runs_xml(std::string_view instruction, std::string_view result,
                           std::string_view rpr);

//! What a PAGEREF field shows before it is computed: the DOCX writer does not paginate.
inline constexpr std::string_view kPageReferenceFallback = "#";

//! The instruction of a page reference to bookmark `name`, hyperlinked to it (\h).
std::string page_reference_instruction(std::string_view bookmark_name);

}  // namespace dossier::docx
