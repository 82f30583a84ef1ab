// PHQ-9 and GAD-7 as the demo generator needs them: scoring bands (DOMAIN.md) and
// item answers that add up to a chosen total.
#pragma once

#include <string_view>
#include <vector>

#include "demo/clinical_pools.h"
#include "demo/rng.h"

namespace dossier::demo::detail {

//! "PHQ-9" or "GAD-7". REQUIRES: instrument != kNone.
std::string_view instrument_name(Instrument instrument);
int item_count(Instrument instrument);
//! The highest total the generator produces (PHQ-9 item 9 stays at 0 or 1, so 25).
int max_total(Instrument instrument);

//! Lower-case severity band of `total`: minimal, mild, moderate, moderately_severe, severe
//! (GAD-7 has no moderately_severe band).
std::string_view severity(Instrument instrument, int total);

//! Answers 0–3 per item summing to `total`. PHQ-9 item 9 (thoughts of death or self-harm)
//! is 1 only for some totals of 15 and above, else 0, as in an outpatient population.
//! REQUIRES: 0 <= total <= max_total(instrument).
std::vector<int> split_items(Rng& rng, Instrument instrument, int total);

}  // namespace dossier::demo::detail
