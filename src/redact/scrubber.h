// Free-text scrubbing: every occurrence of the record's own identifiers (terms) and of
// identifier-shaped text (patterns) is replaced by "[REDACTED:kind]". Terms match whole
// words, accent- and case-insensitively (redact/text_fold.h); patterns are the shapes in
// docs/redaction.md.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redact/regex.h"

namespace dossier::redact {

//! Identifier shapes found without knowing the record.
enum class Pattern { kSsn, kPhone, kEmail, kUrl, kIp, kDate };

//! The kind a pattern's matches are reported as ("ssn", "phone", …).
std::string_view pattern_kind(Pattern p);

struct Term {
  std::string text;
  std::string kind;  //!< "name", "birth_date", "custom", …
};

//! How many replacements of each kind.
using Counts = std::map<std::string, int>;

//! One stretch of text to replace: bytes [begin, end) of the original.
struct Match {
  size_t begin = 0;
  size_t end = 0;
  std::string kind;
};

class Scrubber {
 public:
  //! Terms shorter than two characters once folded are ignored: they would match everywhere.
  Scrubber(const std::vector<Term>& terms, const std::vector<Pattern>& patterns);

  //! What scrub() replaces in `text`, left to right; overlapping matches are merged into
  //! one, reported as the kind that starts first (the longer one on a tie).
  std::vector<Match> find(std::string_view text) const;

  //! `text` with every match replaced; adds what it replaced to `counts`.
  std::string scrub(std::string_view text, Counts& counts) const;

  bool empty() const { return !terms_ && patterns_.empty(); }

 private:
  std::optional<Regex> terms_;           //!< one alternation, one capture group per kind
  std::vector<std::string> term_kinds_;  //!< the kind of each capture group, from group 1
  std::vector<std::pair<Regex, std::string>> patterns_;
};

//! The replacement text for an identifier of `kind`.
std::string redacted(std::string_view kind);

}  // namespace dossier::redact
