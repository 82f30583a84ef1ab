#include "record/field_checks.h"

#include <algorithm>
#include <array>

#include "core/utf8.h"

namespace dossier::record {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_upper_alnum(char c) {
  return is_digit(c) || is_upper(c);
}

bool all_of(std::string_view s, bool (*pred)(char)) {
  return std::all_of(s.begin(), s.end(), pred);
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t i = 0; i < s.size();) {
    if (p[i] < 0x80) {  // ASCII: the common case, kept cheap
      ++i;
      continue;
    }
    char32_t cp = 0;
    const size_t n = utf8_sequence(s, i, cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

size_t utf8_length(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool has_control_characters(std::string_view s, bool allow_newlines) {
  // Raw pointer loop: this runs over whole uploads and note texts.
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  for (size_t i = 0; i < n; ++i) {
    const unsigned char c = p[i];
    if (c >= 0x20 && c != 0x7F && c != 0xC2) continue;
    if (allow_newlines && (c == '\t' || c == '\n' || c == '\r')) continue;
    if (c != 0xC2) return true;
    // C1 controls U+0080–U+009F are encoded as C2 80 – C2 9F.
    if (i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F) return true;
  }
  return false;
}

bool is_icd10_code(std::string_view s) {
  if (s.size() < 3 || !is_upper(s[0]) || !is_digit(s[1]) || !is_upper_alnum(s[2])) return false;
  if (s.size() == 3) return true;
  const std::string_view rest = s.substr(4);
  return s[3] == '.' && !rest.empty() && rest.size() <= 4 && all_of(rest, is_upper_alnum);
}

bool is_substance_use_code(std::string_view icd10) {
  return icd10.size() >= 3 && icd10[0] == 'F' && icd10[1] == '1' && is_digit(icd10[2]);
}

bool is_cpt_code(std::string_view s) {
  return s.size() == 5 && all_of(s.substr(0, 4), is_digit) && is_upper_alnum(s[4]);
}

std::optional<std::string> cpt_duration_problem(std::string_view cpt, int minutes) {
  struct Rule {
    std::string_view code;
    int min;
    int max;  // 0: no upper bound
  };
  // Intake (90791/90792) has no time in its descriptor; 16 minutes is the floor CMS applies
  // to every timed psychotherapy service, so shorter visits cannot be billed as one.
  static constexpr std::array<Rule, 9> kRules = {{{"90791", 16, 0},
                                                  {"90792", 16, 0},
                                                  {"90832", 16, 37},
                                                  {"90834", 38, 52},
                                                  {"90837", 53, 0},
                                                  {"90839", 30, 74},
                                                  {"90846", 26, 0},
                                                  {"90847", 26, 0},
                                                  {"90853", 1, 0}}};
  for (const Rule& r : kRules) {
    if (r.code != cpt) continue;
    if (minutes >= r.min && (r.max == 0 || minutes <= r.max)) return std::nullopt;
    if (r.max == 0) return "requires at least " + std::to_string(r.min) + " minutes";
    return "requires " + std::to_string(r.min) + " to " + std::to_string(r.max) + " minutes";
  }
  return std::nullopt;
}

bool is_modifier(std::string_view s) {
  return s.size() == 2 && all_of(s, is_upper_alnum);
}

bool is_place_of_service(std::string_view s) {
  return s.size() == 2 && all_of(s, is_digit);
}

bool is_telehealth_place(std::string_view pos) {
  return pos == "02" || pos == "10";
}

bool is_npi(std::string_view s) {
  if (s.size() != 10 || !all_of(s, is_digit)) return false;
  // Luhn over "80840" + the first nine digits; doubling starts at the rightmost of them.
  const std::string payload = "80840" + std::string(s.substr(0, 9));
  int sum = 0;
  bool twice = true;
  for (auto it = payload.rbegin(); it != payload.rend(); ++it, twice = !twice) {
    int d = *it - '0';
    if (twice && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return (10 - sum % 10) % 10 == s[9] - '0';
}

bool is_tax_id(std::string_view s) {
  if (s.size() == 9) return all_of(s, is_digit);
  return s.size() == 10 && s[2] == '-' && all_of(s.substr(0, 2), is_digit) &&
         all_of(s.substr(3), is_digit);
}

bool is_us_state(std::string_view s) {
  static constexpr std::array<std::string_view, 62> kStates = {
      "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL",
      "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT",
      "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI",
      "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "PR",
      "VI", "GU", "AS", "MP", "AA", "AE", "AP", "FM", "MH", "PW"};
  return std::find(kStates.begin(), kStates.end(), s) != kStates.end();
}

bool is_postal_code(std::string_view s) {
  if (s.size() == 5) return all_of(s, is_digit);
  return s.size() == 10 && s[5] == '-' && all_of(s.substr(0, 5), is_digit) &&
         all_of(s.substr(6), is_digit);
}

bool is_email(std::string_view s) {
  const size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = s.substr(at + 1);
  const size_t dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  return std::none_of(s.begin(), s.end(), [](char c) {
    return c == ' ' || static_cast<unsigned char>(c) < 0x21 || c == 0x7F;
  });
}

bool is_phone(std::string_view s) {
  int digits = 0;
  for (char c : s) {
    if (is_digit(c)) {
      ++digits;
    } else if (c != '+' && c != '-' && c != '.' && c != ' ' && c != '(' && c != ')') {
      return false;
    }
  }
  return digits >= 7 && digits <= 15;
}

bool is_taxonomy_code(std::string_view s) {
  return s.size() == 10 && all_of(s.substr(0, 9), is_upper_alnum) && s[9] == 'X';
}

bool is_mrn(std::string_view s) {
  return !s.empty() && s.size() <= 32 && all_of(s, [](char c) {
    return is_digit(c) || is_upper(c) || (c >= 'a' && c <= 'z') || c == '-' || c == '.' ||
           c == '/' || c == '_';
  });
}

bool is_content_type(std::string_view s) {
  const std::string_view main = s.substr(0, s.find(';'));
  const size_t slash = main.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == main.size()) return false;
  const auto token_char = [](char c) {
    return is_digit(c) || is_upper(c) || (c >= 'a' && c <= 'z') ||
           std::string_view("!#$&-^_.+").find(c) != std::string_view::npos;
  };
  const std::string_view type = main.substr(0, slash), subtype = main.substr(slash + 1);
  if (!all_of(type, token_char) || !all_of(subtype, token_char)) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

bool is_plain_filename(std::string_view s) {
  if (s.empty() || s == "." || s == "..") return false;
  if (s.find('/') != std::string_view::npos || s.find('\\') != std::string_view::npos) {
    return false;
  }
  return is_valid_utf8(s) && !has_control_characters(s, false);
}

bool is_base64(std::string_view s) {
  if (s.size() % 4 != 0) return false;
  size_t pad = 0;
  if (!s.empty() && s.back() == '=') ++pad;
  if (s.size() > 1 && s[s.size() - 2] == '=') ++pad;
  static const std::array<bool, 256> kAlphabet = [] {
    std::array<bool, 256> table{};
    for (char c :
         std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")) {
      table[static_cast<unsigned char>(c)] = true;
    }
    return table;
  }();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t i = 0, n = s.size() - pad; i < n; ++i) {
    if (!kAlphabet[p[i]]) return false;
  }
  return true;
}

}  // namespace dossier::record
