// Claims travel to payers whose systems (and the OCR that reads paper CMS-1500 forms) take
// the Latin alphabet only: names and addresses in other scripts are transliterated
// ("Мария" → "Mariya", "José" → "Jose") rather than dropped, which would leave a blank.
#pragma once

#include <string>

namespace dossier::claims {

//! `utf8` transliterated to printable ASCII (ICU "Any-Latin; Latin-ASCII"), case kept;
//! anything that still has no ASCII spelling is left out. Thread-safe.
std::string latin_ascii(const std::string& utf8);

}  // namespace dossier::claims
