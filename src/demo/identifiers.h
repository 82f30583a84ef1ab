// Synthetic identifiers that pass the checks real systems apply to them.
#pragma once

#include <string>
#include <string_view>

#include "demo/rng.h"

namespace dossier::demo::detail {

//! The NPI check digit for a 9-digit prefix: Luhn over "80840" + prefix.
//! REQUIRES: `prefix` is 9 ASCII digits.
int npi_check_digit(std::string_view prefix);
//! True when `npi` is 10 digits whose last is the Luhn check digit of the first 9.
bool is_valid_npi(std::string_view npi);
//! A random valid NPI beginning with 1 (individuals) or 2 (organizations).
std::string make_npi(Rng& rng, bool organization);
//! A 9-digit employer identification number without the dash (as X12 REF*EI wants it).
std::string make_tax_id(Rng& rng);
//! `n` random decimal digits.
std::string digits(Rng& rng, int n);
//! A phone number in the fictional 555-0100…555-0199 block.
std::string fictional_phone(Rng& rng, std::string_view area_code);

}  // namespace dossier::demo::detail
