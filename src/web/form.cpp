#include "web/form.h"

#include <cctype>

#include "core/utf8.h"

namespace dossier::web {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    const size_t n = utf8_sequence(s, i, cp);
    if (n == 0 || cp == 0) return false;
    i += n;
  }
  return true;
}

}  // namespace

Result<std::string> form_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] != '%') {
      out.push_back(text[i]);
    } else {
      const int hi = i + 2 < text.size() ? hex_digit(text[i + 1]) : -1;
      const int lo = hi >= 0 ? hex_digit(text[i + 2]) : -1;
      if (lo < 0) return Error::validation("body", "is not a well-formed form submission");
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    }
  }
  if (!valid_utf8(out)) return Error::validation("body", "is not UTF-8");
  return out;
}

Result<FormFields> parse_form(std::string_view body) {
  FormFields fields;
  while (!body.empty()) {
    const size_t amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    DOSSIER_ASSIGN_OR_RETURN(std::string name, form_decode(pair.substr(0, eq)));
    DOSSIER_ASSIGN_OR_RETURN(std::string value, eq == std::string_view::npos
                                                    ? Result<std::string>(std::string())
                                                    : form_decode(pair.substr(eq + 1)));
    fields.emplace(std::move(name), std::move(value));
  }
  return fields;
}

std::string form_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '*' || c == '-' || c == '.' || c == '_') {
      out.push_back(c);
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      out += {'%', kHex[u >> 4], kHex[u & 15]};
    }
  }
  return out;
}

const std::string& form_value(const FormFields& fields, std::string_view name) {
  static const std::string kEmpty;
  auto it = fields.find(name);
  return it == fields.end() ? kEmpty : it->second;
}

}  // namespace dossier::web
