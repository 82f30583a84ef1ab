#include "docx/fields.h"

#include "core/xml_text.h"

namespace dossier::docx {

std::string field_runs_xml(std::string_view instruction, std::string_view result,
                           std::string_view rpr) {
  std::string out;
  auto run = [&](std::string_view inner) {
    out.append("<w:r>").append(rpr).append(inner).append("</w:r>");
  };
  run("<w:fldChar w:fldCharType=\"begin\"/>");
  run("<w:instrText xml:space=\"preserve\"> " + xml_escaped(instruction) + " </w:instrText>");
  run("<w:fldChar w:fldCharType=\"separate\"/>");
  run("<w:t xml:space=\"preserve\">" + xml_escaped(result) + "</w:t>");
  run("<w:fldChar w:fldCharType=\"end\"/>");
  return out;
}

std::string page_reference_instruction(std::string_view bookmark_name) {
  return "PAGEREF " + std::string(bookmark_name) + " \\h";
}

}  // namespace dossier::docx
