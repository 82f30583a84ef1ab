#include "record/assessment_scoring.h"

namespace dossier::record {

int assessment_item_count(std::string_view instrument) {
  if (instrument == "PHQ-9") return 9;
  if (instrument == "GAD-7") return 7;
  return 0;
}

int assessment_max_score(std::string_view instrument) {
  return 3 * assessment_item_count(instrument);
}

std::string assessment_severity(std::string_view instrument, int total) {
  const int max = assessment_max_score(instrument);
  if (max == 0 || total < 0 || total > max) return "";
  if (total <= 4) return "minimal";
  if (total <= 9) return "mild";
  if (total <= 14) return "moderate";
  if (instrument == "PHQ-9" && total <= 19) return "moderately_severe";
  return "severe";
}

}  // namespace dossier::record
