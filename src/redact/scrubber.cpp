#include "redact/scrubber.h"

#include <algorithm>
#include <set>

#include "redact/text_fold.h"

namespace dossier::redact {
namespace {

// Text is folded before matching (lower case, no accents), so patterns are written in lower
// case. Lookarounds stand in for \b where an identifier may start or end with punctuation.
const char* pattern_source(Pattern p) {
  switch (p) {
    case Pattern::kSsn:
      return R"((?<![\d-])\d{3}[- ]\d{2}[- ]\d{4}(?![\d-]))";
    case Pattern::kPhone:
      return R"((?<![\w+])(?:\+?1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?!\d))";
    case Pattern::kEmail:
      return R"([\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,})";
    case Pattern::kUrl:
      return R"((?:\b(?:https?|ftp)://|\bwww\.)[^\s<>"']*[^\s<>"'.,;:!?)\]])";
    case Pattern::kIp:
      return R"((?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3})"
             R"((?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\.?\d))";
    case Pattern::kDate:
      // ISO dates and timestamps; 3/14/2025 and 14.03.25; "March 14, 2025", "Mar 14th",
      // "14 March 2025", "March 2025". A year alone is left: Safe Harbor keeps years.
      return R"((?<!\d)\d{4}-\d{2}-\d{2}(?:t\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?(?!\d))"
             R"(|(?<!\d)\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?!\d))"
             R"(|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?)"
             R"(|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?)"
             R"((?: \d{1,2}(?:st|nd|rd|th)?\b(?:,? \d{4}\b)?| \d{4}\b))"
             R"(|\b\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?)"
             R"(|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b)"
             R"(\.?(?:,? \d{4}\b)?)";
  }
  return "";
}

struct Found {
  size_t begin;
  size_t end;
  std::string_view kind;
};

}  // namespace

std::string_view pattern_kind(Pattern p) {
  switch (p) {
    case Pattern::kSsn:
      return "ssn";
    case Pattern::kPhone:
      return "phone";
    case Pattern::kEmail:
      return "email";
    case Pattern::kUrl:
      return "url";
    case Pattern::kIp:
      return "ip_address";
    case Pattern::kDate:
      return "date";
  }
  return "";
}

std::string redacted(std::string_view kind) {
  return "[REDACTED:" + std::string(kind) + "]";
}

Scrubber::Scrubber(const std::vector<Term>& terms, const std::vector<Pattern>& patterns) {
  // Longest terms first within each kind, so "Mary Ann" wins over "Mary".
  std::map<std::string, std::set<std::string>> by_kind;
  for (const auto& t : terms) {
    std::string folded = fold_term(t.text);
    while (!folded.empty() && folded.back() == ' ') folded.pop_back();
    while (!folded.empty() && folded.front() == ' ') folded.erase(0, 1);
    if (folded.size() >= 2) by_kind[t.kind].insert(std::move(folded));
  }
  std::string source;
  for (const auto& [kind, set] : by_kind) {
    std::vector<std::string> list(set.begin(), set.end());
    std::stable_sort(list.begin(), list.end(),
                     [](const auto& a, const auto& b) { return a.size() > b.size(); });
    std::string group;
    for (const auto& t : list) group += (group.empty() ? "" : "|") + regex_escape(t);
    source += (source.empty() ? "" : "|") + std::string("(") + group + ")";
    term_kinds_.push_back(kind);
  }
  if (!source.empty()) terms_.emplace("(?<![\\p{L}\\p{N}])(?:" + source + ")(?![\\p{L}\\p{N}])");
  for (Pattern p : patterns) patterns_.emplace_back(Regex(pattern_source(p)), pattern_kind(p));
}

std::vector<Match> Scrubber::find(std::string_view text) const {
  if (empty() || text.empty()) return {};
  const FoldedText folded = fold(text);
  std::vector<Found> found;
  if (terms_) {
    for (const Span& s : terms_->find_all(folded.text))
      found.push_back({s.begin, s.end, term_kinds_[static_cast<size_t>(s.group - 1)]});
  }
  for (const auto& [regex, kind] : patterns_) {
    for (const Span& s : regex.find_all(folded.text)) found.push_back({s.begin, s.end, kind});
  }
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::vector<Match> matches;
  for (size_t i = 0; i < found.size();) {
    size_t end = found[i].end;
    size_t j = i + 1;
    while (j < found.size() && found[j].begin < end) end = std::max(end, found[j++].end);
    matches.push_back(
        {folded.origin[found[i].begin], folded.origin[end], std::string(found[i].kind)});
    i = j;
  }
  return matches;
}

std::string Scrubber::scrub(std::string_view text, Counts& counts) const {
  const std::vector<Match> matches = find(text);
  if (matches.empty()) return std::string(text);
  std::string out;
  size_t copied = 0;
  for (const Match& m : matches) {
    out.append(text.substr(copied, m.begin - copied));
    out += redacted(m.kind);
    ++counts[m.kind];
    copied = m.end;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace dossier::redact
