// Scoring of the standardized outcome measures the record stores (PHQ-9, GAD-7), per the
// published scoring rules (see DOMAIN.md). Shared by the resource API, importers and the
// progress-report gatherer so a score is banded the same way everywhere.
#pragma once

#include <string>
#include <string_view>

namespace dossier::record {

//! Number of items of `instrument` ("PHQ-9" → 9, "GAD-7" → 7); 0 for an unknown instrument.
int assessment_item_count(std::string_view instrument);

//! Highest possible total of `instrument` (each item scores 0–3); 0 when unknown.
int assessment_max_score(std::string_view instrument);

//! The severity band of a total score:
//!   PHQ-9: minimal 0–4, mild 5–9, moderate 10–14, moderately_severe 15–19, severe 20–27;
//!   GAD-7: minimal 0–4, mild 5–9, moderate 10–14, severe 15–21.
//! Empty when the instrument is unknown or `total` is outside 0..max.
std::string assessment_severity(std::string_view instrument, int total);

}  // namespace dossier::record
