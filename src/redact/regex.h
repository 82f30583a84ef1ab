// A compiled PCRE2 pattern (UTF, Unicode properties, JIT when available) that lists where it
// matches. Patterns are written by Dossier, never taken from requests, so a pattern that does
// not compile is a bug.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::redact {

struct Span {
  size_t begin = 0;
  size_t end = 0;
  int group = 0;  //!< the lowest-numbered capture group that took part, 0 when none
};

class Regex {
 public:
  //! Throws std::logic_error when `pattern` does not compile.
  explicit Regex(const std::string& pattern);
  ~Regex();
  Regex(Regex&&) noexcept;
  Regex& operator=(Regex&&) noexcept;

  //! Every non-overlapping match in `subject` (valid UTF-8), left to right.
  std::vector<Span> find_all(std::string_view subject) const;

 private:
  struct Code;
  std::unique_ptr<Code> code_;
};

//! `text` with every character that has a meaning in a pattern escaped.
std::string regex_escape(std::string_view text);

}  // namespace dossier::redact
