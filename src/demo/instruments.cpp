#include "demo/instruments.h"

namespace dossier::demo::detail {

std::string_view instrument_name(Instrument instrument) {
  return instrument == Instrument::kGad7 ? "GAD-7" : "PHQ-9";
}

int item_count(Instrument instrument) {
  return instrument == Instrument::kGad7 ? 7 : 9;
}

int max_total(Instrument instrument) {
  return instrument == Instrument::kGad7 ? 21 : 25;
}

std::string_view severity(Instrument instrument, int total) {
  if (total <= 4) return "minimal";
  if (total <= 9) return "mild";
  if (total <= 14) return "moderate";
  if (instrument == Instrument::kGad7) return "severe";
  if (total <= 19) return "moderately_severe";
  return "severe";
}

std::vector<int> split_items(Rng& rng, Instrument instrument, int total) {
  const int n = item_count(instrument);
  std::vector<int> items(static_cast<size_t>(n), 0);
  int remaining = total;
  int free_items = n;
  if (instrument == Instrument::kPhq9) {
    free_items = 8;  // item 9 is set apart
    if (total >= 15 && (total > 24 || rng.chance(0.35))) {
      items[8] = 1;
      --remaining;
    }
  }
  while (remaining > 0) {
    auto& item = items[rng.index(static_cast<size_t>(free_items))];
    if (item < 3) {
      ++item;
      --remaining;
    }
  }
  return items;
}

}  // namespace dossier::demo::detail
