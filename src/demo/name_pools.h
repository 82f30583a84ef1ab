// Given and family name pools, grouped by language so that generated names are coherent
// (a Japanese given name with a Japanese family name). Names are common ones recombined at
// random: any resemblance of a full name to a real person is coincidence, not a record.
#pragma once

#include <span>
#include <string_view>

#include "demo/rng.h"

namespace dossier::demo::detail {

struct FamilyName {
  std::string_view male;
  std::string_view female;  //!< empty when the language does not inflect family names
};

struct Culture {
  std::string_view language;  //!< BCP 47 tag, e.g. "ja"
  bool non_latin;             //!< written in a non-Latin script
  std::span<const std::string_view> female;
  std::span<const std::string_view> male;
  std::span<const FamilyName> family;
  int weight;  //!< relative share of patients
};

struct PersonName {
  std::string given;
  std::string middle;  //!< empty when none
  std::string family;
  const Culture* culture;
};

std::span<const Culture> cultures();

//! A culture by weight; only non-Latin scripts when `non_latin_only`.
const Culture& pick_culture(Rng& rng, bool non_latin_only = false);

//! A name from `culture`; `feminine` chooses given-name pool and family-name form.
PersonName make_name(Rng& rng, const Culture& culture, bool feminine, bool with_middle);

}  // namespace dossier::demo::detail
