// Word bookmarks for the tree's anchors (element ids), the targets of "#id" hyperlinks.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "doc/tree.h"

namespace dossier::docx {

//! Word bookmark names must start with a letter, hold only letters, digits and '_', and
//! be at most 40 characters; anchors are mapped onto such names once, up front, so links
//! that precede their target resolve too. Distinct anchors keep distinct names.
class Bookmarks {
 public:
  //! Collects every anchor under `root`.
  explicit Bookmarks(const doc::Node& root);

  //! The bookmark name a "#anchor" link points to (a sanitized name for unknown anchors).
  std::string link_target(std::string_view anchor) const;

  //! The name for a bookmark at `anchor`, the first time it is placed; nullopt afterwards
  //! (duplicate ids in the HTML) or for "".
  std::optional<std::string> claim(std::string_view anchor);

  //! A fresh w:id for a bookmarkStart/bookmarkEnd pair.
  int next_id() { return next_id_++; }

 private:
  void collect(const doc::Node& node);

  std::map<std::string, std::string, std::less<>> names_;
  std::set<std::string, std::less<>> used_names_;
  std::set<std::string, std::less<>> placed_;
  int next_id_ = 0;
};

//! `anchor` reduced to Word's bookmark alphabet (no uniqueness).
std::string sanitize_bookmark_name(std::string_view anchor);

}  // namespace dossier::docx
