#include "demo/identifiers.h"

namespace dossier::demo::detail {

int npi_check_digit(std::string_view prefix) {
  const std::string payload = "80840" + std::string(prefix);
  int sum = 0;
  bool twice = true;  // the digit left of the check digit is doubled
  for (auto it = payload.rbegin(); it != payload.rend(); ++it) {
    int d = *it - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return (10 - sum % 10) % 10;
}

bool is_valid_npi(std::string_view npi) {
  if (npi.size() != 10) return false;
  for (char c : npi) {
    if (c < '0' || c > '9') return false;
  }
  return npi_check_digit(npi.substr(0, 9)) == npi[9] - '0';
}

std::string digits(Rng& rng, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out.push_back(static_cast<char>('0' + rng.range(0, 9)));
  return out;
}

std::string make_npi(Rng& rng, bool organization) {
  std::string prefix = (organization ? "2" : "1") + digits(rng, 8);
  return prefix + static_cast<char>('0' + npi_check_digit(prefix));
}

std::string make_tax_id(Rng& rng) {
  const std::string rest = digits(rng, 7);
  return std::to_string(rng.range(20, 88)) + rest;
}

std::string fictional_phone(Rng& rng, std::string_view area_code) {
  return std::string(area_code) + "-555-01" + digits(rng, 2);
}

}  // namespace dossier::demo::detail
