// A patient's clinical profile: trajectory, diagnoses, instruments and treatment span.
#include <algorithm>

#include "core/dates.h"
#include "demo/calendar.h"
#include "demo/generators.h"
#include "demo/instruments.h"

namespace dossier::demo::detail {
namespace {

// The patient given a substance-use diagnosis whatever the seed, so every demo practice
// (of three or more patients) has a 42 CFR Part 2 record to exercise.
constexpr int kSubstanceUsePatient = 2;
// The patient whose name is always in a non-Latin script.
constexpr int kNonLatinPatient = 1;

Trajectory pick_trajectory(Patient& p, uint64_t seed) {
  if (p.index < 3) return static_cast<Trajectory>((static_cast<uint64_t>(p.index) + seed) % 3);
  switch (p.rng.weighted({55, 30, 15})) {
    case 0:
      return Trajectory::kImprove;
    case 1:
      return Trajectory::kPlateau;
    default:
      return Trajectory::kWorsen;
  }
}

// One code per focus ("single episode" and "recurrent" exclude each other), and no
// adjustment disorder next to a depressive one: it is diagnosed only when no other
// disorder explains the symptoms.
bool compatible(const Patient& p, const DiagnosisDef& d) {
  const auto excludes = [](Focus a, Focus b) {
    return a == b || (a == Focus::kAdjustment && b == Focus::kDepression) ||
           (a == Focus::kDepression && b == Focus::kAdjustment);
  };
  return std::none_of(p.diagnoses.begin(), p.diagnoses.end(),
                      [&](const DiagnosisDef* x) { return excludes(x->focus, d.focus); });
}

void pick_diagnoses(Patient& p) {
  Rng& rng = p.rng;
  const auto mental = mental_health_diagnoses();
  const auto substance = substance_use_diagnoses();
  p.substance_use = p.index == kSubstanceUsePatient || rng.chance(0.05);
  if (p.index == kSubstanceUsePatient) {
    p.diagnoses.push_back(&substance[0]);  // F10.20 Alcohol dependence, uncomplicated
  } else {
    p.diagnoses.push_back(&pick_diagnosis(rng, mental));
    if (p.substance_use) p.diagnoses.push_back(&pick_diagnosis(rng, substance));
  }
  const size_t wanted = 1 + rng.weighted({50, 35, 15});
  for (int tries = 0; p.diagnoses.size() < wanted && tries < 12; ++tries) {
    const DiagnosisDef& d = pick_diagnosis(rng, mental);
    if (!compatible(p, d)) continue;
    p.diagnoses.push_back(&d);
  }
}

void pick_instruments(Patient& p) {
  Rng& rng = p.rng;
  switch (p.focus()) {
    case Focus::kDepression:
    case Focus::kRelationship:
    case Focus::kAttention:
      p.instruments.push_back(Instrument::kPhq9);
      if (rng.chance(0.35)) p.instruments.push_back(Instrument::kGad7);
      break;
    case Focus::kAnxiety:
      p.instruments.push_back(Instrument::kGad7);
      if (rng.chance(0.4)) p.instruments.push_back(Instrument::kPhq9);
      break;
    default:
      p.instruments = {Instrument::kPhq9, Instrument::kGad7};
  }
  for (Instrument ins : p.instruments) {
    const bool phq = ins == Instrument::kPhq9;
    int base = 0, end = 0;
    // Far enough apart that the trend survives the ±2 noise of each administration.
    switch (p.trajectory) {
      case Trajectory::kImprove:
        base = phq ? rng.range(13, 22) : rng.range(12, 17);
        end = rng.range(1, 4);
        break;
      case Trajectory::kPlateau:
        base = phq ? rng.range(10, 17) : rng.range(8, 14);
        end = base - rng.range(0, 2);
        break;
      case Trajectory::kWorsen:
        base = phq ? rng.range(7, 12) : rng.range(6, 10);
        end = std::min(base + rng.range(7, 10), max_total(ins));
        break;
    }
    p.baselines.push_back(base);
    p.end_scores.push_back(end);
  }
}

void pick_span(Patient& p, int64_t today) {
  Rng& rng = p.rng;
  p.discharged = p.index >= 3 && rng.chance(0.06);
  p.last_day = today - (p.discharged ? rng.range(30, 120) : rng.range(1, 6));
  p.first_day = p.last_day - rng.range(183, 548);
  const long earliest = days_from_civil(Date{1950, 1, 1});
  const long latest = days_from_civil(Date{2008, 12, 31});
  p.birth_day = earliest + rng.range(0, static_cast<int>(latest - earliest));
  const int minute = rng.range(14 * 60, 22 * 60);
  p.created_at = at(p.first_day - rng.range(2, 14), minute);
}

}  // namespace

double Patient::progress_time(int64_t day) const {
  if (last_day <= first_day) return 1.0;
  const double u = static_cast<double>(day - first_day) / static_cast<double>(last_day - first_day);
  return std::clamp(u, 0.0, 1.0);
}

void choose_profile(Patient& p, uint64_t seed, int64_t today) {
  p.name.culture = &pick_culture(p.rng, p.index == kNonLatinPatient);
  p.trajectory = pick_trajectory(p, seed);
  pick_diagnoses(p);
  pick_instruments(p);
  pick_span(p, today);
  p.id = p.rng.uuid(p.created_at * 1000);
}

}  // namespace dossier::demo::detail
