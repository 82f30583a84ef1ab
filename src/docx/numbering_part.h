// word/numbering.xml: real Word lists. One abstract definition per list style type (every
// level formatted alike, so a list at nesting depth d uses level d), and one w:num per list
// instance with a start override, so every ul/ol restarts its numbering.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doc/tree.h"

namespace dossier::docx {

class Numbering {
 public:
  //! Registers a list of `type` whose items sit at `level` (0–8) and are numbered from
  //! `start` (≥ 0); returns its numId (≥ 1). REQUIRES: type != kNone.
  int add_list(doc::ListStyleType type, int level, int start);
  bool empty() const { return instances_.empty(); }
  //! The numbering part.
  std::string xml() const;

 private:
  struct Instance {
    int abstract_id;
    int level;
    int start;
  };
  std::vector<doc::ListStyleType> abstracts_;  // abstractNumId = index
  std::vector<Instance> instances_;            // numId = index + 1
};

//! The number a marker stands for ("3." → 3, "c." → 3, "iv." → 4 for the matching type);
//! nullopt when it does not parse as that type (bullets never do).
std::optional<int> marker_number(std::string_view marker, doc::ListStyleType type);

}  // namespace dossier::docx
