// The `content` property, as ::before / ::after and @page margin boxes use it: a sequence of
// strings, attr(), target-counter(…, page) and counter(page | pages).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "doc/css_values.h"

namespace dossier::doc::css {

struct ContentItem {
  enum class Kind : uint8_t {
    kString,      //!< `text`, as written
    kAttr,        //!< attr(name): the element's attribute named `text` ("" when absent)
    kTargetPage,  //!< target-counter(target, page): the page its target element starts on
    kPageNumber,  //!< counter(page): the current page (margin boxes)
    kPageCount,   //!< counter(pages): the number of pages (margin boxes)
  };
  Kind kind = Kind::kString;
  //! kString: the text. kAttr: the attribute name (lower-case). kTargetPage: the target's URL
  //! ("#id") of target-counter(url(#id), page), or with `target_from_attribute` the name of
  //! the attribute holding it: target-counter(attr(href), page).
  std::string text;
  bool target_from_attribute = false;
};

//! The items of a `content` value (declaration tokens, whitespace removed). `none`, `normal`
//! and values with nothing supported give no items; unsupported parts (other counters,
//! quotes, images) are left out, counter styles are ignored (numbers are decimal). Never fails.
std::vector<ContentItem> parse_content(Tokens value);

}  // namespace dossier::doc::css
