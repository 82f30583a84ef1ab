// What a CMS-1500 (02/12) says, item by item, from an insurance_report context: one page per
// six service lines. Items follow the NUCC 1500 instructions: dates as MM DD YY(YY), ICD-10
// codes without their decimal point (ICD indicator 0), "SIGNATURE ON FILE" in 12 and 13, the
// total (28) on the last page and "CONTINUED" on the pages before it.
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "core/json.h"

namespace dossier::claims::cms1500 {

struct FormLine {
  std::array<std::string, 10> cells;  //!< 24A … 24J, in the unshaded half
};

struct FormPage {
  std::map<std::string, std::string> items;  //!< by Box::item; '\n' separates lines
  std::vector<FormLine> lines;               //!< at most kLinesPerPage
  std::string page_label;                    //!< "PAGE 1 OF 2"
};

//! REQUIRES: check_complete(context, ClaimKind::kPayerClaim) holds. `signed_on` is the date
//! (YYYY-MM-DD) items 12 and 31 are signed on. At least one page.
std::vector<FormPage> form_pages(const Json& context, const std::string& signed_on);

}  // namespace dossier::claims::cms1500
