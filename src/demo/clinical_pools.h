// Clinical vocabulary for the demo record: ICD-10-CM codes with their official
// descriptions (DOMAIN.md's list), problem statements, modalities with their
// interventions, and measurable goals.
#pragma once

#include <array>
#include <span>
#include <string_view>

#include "demo/rng.h"

namespace dossier::demo::detail {

//! What a diagnosis is mostly about; drives instruments, modality, goals and note text.
enum class Focus {
  kDepression,
  kAnxiety,
  kAdjustment,
  kTrauma,
  kRelationship,
  kAttention,
  kSubstance
};

enum class Instrument { kNone, kPhq9, kGad7 };

struct DiagnosisDef {
  std::string_view code;
  std::string_view description;
  Focus focus;
  int weight;  //!< relative frequency as a primary diagnosis
};

struct ModalityDef {
  std::string_view name;
  std::string_view rationale;  //!< why a clinician chose it, as a plan would record
  std::array<std::string_view, 5> interventions;
};

struct GoalDef {
  std::string_view description;
  std::string_view measure;
  Instrument instrument;  //!< kNone for counts the client reports
  int baseline_lo;
  int baseline_hi;
  double target;
  double step;  //!< measurement resolution (1 or 0.5)
  bool lower_is_better;
};

//! Non-substance diagnoses, for primary and secondary use.
std::span<const DiagnosisDef> mental_health_diagnoses();
//! F10–F19: records under 42 CFR Part 2.
std::span<const DiagnosisDef> substance_use_diagnoses();
const DiagnosisDef& pick_diagnosis(Rng& rng, std::span<const DiagnosisDef> pool);

const ModalityDef& pick_modality(Rng& rng, Focus focus);
std::string_view pick_problem(Rng& rng, Focus focus);
//! Goals that fit `focus`, not counting the instrument goals.
std::span<const GoalDef> focus_goals(Focus focus);
//! Goals that fit anyone (sleep, exercise, social contact).
std::span<const GoalDef> general_goals();
const GoalDef& instrument_goal(Instrument instrument);

}  // namespace dossier::demo::detail
