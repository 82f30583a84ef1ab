#include "redact/regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <cctype>
#include <stdexcept>

namespace dossier::redact {

struct Regex::Code {
  pcre2_code* code = nullptr;
  int groups = 0;
  ~Code() { pcre2_code_free(code); }
};

Regex::Regex(const std::string& pattern) : code_(std::make_unique<Code>()) {
  int error = 0;
  PCRE2_SIZE offset = 0;
  code_->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                              PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &error, &offset, nullptr);
  if (!code_->code) throw std::logic_error("redaction pattern does not compile");
  // JIT is an optimisation: where the platform has none, the interpreter answers the same.
  pcre2_jit_compile(code_->code, PCRE2_JIT_COMPLETE);
  uint32_t count = 0;
  pcre2_pattern_info(code_->code, PCRE2_INFO_CAPTURECOUNT, &count);
  code_->groups = static_cast<int>(count);
}

Regex::~Regex() = default;
Regex::Regex(Regex&&) noexcept = default;
Regex& Regex::operator=(Regex&&) noexcept = default;

std::vector<Span> Regex::find_all(std::string_view subject) const {
  std::unique_ptr<pcre2_match_data, decltype(&pcre2_match_data_free)> data(
      pcre2_match_data_create_from_pattern(code_->code, nullptr), &pcre2_match_data_free);
  std::vector<Span> spans;
  const auto* text = reinterpret_cast<PCRE2_SPTR>(subject.data());
  size_t start = 0;
  while (start <= subject.size()) {
    const int rc = pcre2_match(code_->code, text, subject.size(), start, PCRE2_NO_UTF_CHECK,
                               data.get(), nullptr);
    if (rc < 0) break;
    const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(data.get());
    Span span{ov[0], ov[1], 0};
    for (int g = 1; g <= code_->groups && g < rc; ++g) {
      if (ov[2 * g] != PCRE2_UNSET) {
        span.group = g;
        break;
      }
    }
    if (span.end > span.begin) spans.push_back(span);
    // An empty match would find itself forever: step over one whole character.
    start = span.end > span.begin ? span.end : span.end + 1;
    while (start < subject.size() && (static_cast<unsigned char>(subject[start]) & 0xC0) == 0x80)
      ++start;
  }
  return spans;
}

std::string regex_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && !std::isalnum(u) && c != ' ') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace dossier::redact
