// The weekly schedule: sessions with codes, places of service, fees, and the PHQ-9 /
// GAD-7 given roughly every four weeks.
#include <algorithm>
#include <cmath>

#include "demo/calendar.h"
#include "demo/generators.h"
#include "demo/instruments.h"

namespace dossier::demo::detail {
namespace {

constexpr int kAssessmentIntervalDays = 28;

struct CptDef {
  std::string_view code;
  int min_minutes;  //!< inside the code's time rule (DOMAIN.md), kept away from the edges
  int max_minutes;
  int fee_cents;
};

constexpr CptDef kIntake = {"90791", 60, 60, 22000};
constexpr std::array<CptDef, 3> kPsychotherapy = {{
    {"90837", 55, 60, 18000},
    {"90834", 43, 50, 14000},
    {"90832", 27, 33, 9000},
}};

int fee_for(std::string_view cpt) {
  if (cpt == kIntake.code) return kIntake.fee_cents;
  for (const auto& c : kPsychotherapy) {
    if (c.code == cpt) return c.fee_cents;
  }
  return 0;
}

int trajectory_score(Patient& p, size_t k, int64_t day) {
  const double u = p.progress_time(day);
  double g = u;
  if (p.trajectory == Trajectory::kImprove) g = u * (2.0 - u);
  if (p.trajectory == Trajectory::kPlateau) g = std::min(1.0, 3.0 * u);
  const int base = p.baselines[k];
  const int noise = day == p.first_day ? 0 : p.rng.range(-2, 2);
  const auto value = base + static_cast<int>(std::lround((p.end_scores[k] - base) * g)) + noise;
  return std::clamp(value, 0, max_total(p.instruments[k]));
}

struct Slot {
  int weekday;           //!< 1 = Monday … 5 = Friday
  int utc_minute;        //!< start, minutes after midnight UTC
  double telehealth;     //!< probability a session is by video
  size_t preferred_cpt;  //!< index into kPsychotherapy
};

// Local office hours, kept early enough that a session never crosses midnight UTC, so a
// session's UTC date is also its date of service.
Slot pick_slot(Rng& rng, const Region& region) {
  Slot s;
  s.weekday = rng.range(1, 5);
  const int last_hour = std::min(17, (1380 + region.utc_offset_hours * 60) / 60 - 2);
  const int hour = rng.range(8, last_hour);
  const int local = hour * 60 + (rng.chance(0.3) ? 30 : 0);
  s.utc_minute = local - region.utc_offset_hours * 60;
  static constexpr std::array<double, 3> kTelehealth = {0.05, 0.2, 0.8};
  s.telehealth = kTelehealth[rng.weighted({60, 28, 12})];
  s.preferred_cpt = rng.weighted({50, 38, 12});
  return s;
}

Visit make_visit(Patient& p, const Slot& slot, int64_t day, bool intake) {
  Rng& rng = p.rng;
  Visit v;
  v.start = at(day, slot.utc_minute);
  v.id = rng.uuid((v.start - 6 * kSecondsPerDay) * 1000);
  const CptDef* cpt = &kIntake;
  if (!intake) {
    cpt = &kPsychotherapy[rng.chance(0.85) ? slot.preferred_cpt : rng.index(3)];
  }
  v.cpt = cpt->code;
  v.duration = rng.range(cpt->min_minutes, cpt->max_minutes);
  v.telehealth = rng.chance(slot.telehealth);
  v.place_of_service = v.telehealth ? (rng.chance(0.75) ? "10" : "02") : "11";
  if (!intake) {
    const size_t status = rng.weighted({88, 7, 5});
    v.status = status == 0 ? VisitStatus::kKept
                           : (status == 1 ? VisitStatus::kNoShow : VisitStatus::kCancelled);
  }
  return v;
}

void add_scores(Patient& p, Visit& v, int64_t& last_assessed) {
  const int64_t day = day_of(v.start);
  if (v.status != VisitStatus::kKept) return;
  if (!p.visits.empty() && day - last_assessed < kAssessmentIntervalDays) return;
  last_assessed = day;
  for (size_t k = 0; k < p.instruments.size(); ++k) {
    v.scores.push_back(Score{p.instruments[k], trajectory_score(p, k, day), false});
  }
}

}  // namespace

void plan_visits(Patient& p, const Practice& practice, int64_t today) {
  Rng& rng = p.rng;
  const Slot slot = pick_slot(rng, *practice.region);
  int64_t day = p.first_day;
  while (weekday(day) != slot.weekday) ++day;
  p.biweekly_from = rng.chance(0.2) ? day + rng.range(90, 180) : p.last_day + 1;
  int64_t last_assessed = day;
  for (; day <= p.last_day; day += day >= p.biweekly_from ? 14 : 7) {
    const bool intake = p.visits.empty();
    if (!intake && rng.chance(0.05)) continue;  // holidays, vacations
    int64_t date = day;
    if (!intake && rng.chance(0.06) && weekday(day) >= 2 && weekday(day) <= 4) {
      date += rng.chance(0.5) ? -1 : 1;  // rescheduled within the week
    }
    if (date >= today) date = day;
    Visit v = make_visit(p, slot, date, intake);
    add_scores(p, v, last_assessed);
    p.visits.push_back(std::move(v));
  }
}

void write_visits(Writer& w, Patient& p) {
  Rng& rng = p.rng;
  const int64_t recent = p.last_day - 14;
  for (Visit& v : p.visits) {
    const bool kept = v.status == VisitStatus::kKept;
    int fee = kept ? fee_for(v.cpt) : 0;
    if (v.status == VisitStatus::kNoShow && rng.chance(0.5)) fee = 5000;  // no-show fee
    int paid = 0;
    if (fee > 0 && (day_of(v.start) < recent || rng.chance(0.5))) {
      paid = !kept ? fee : (p.insured ? std::min(fee, p.copay_cents) : fee);
    }
    static constexpr std::array<std::string_view, 3> kStatus = {"kept", "no_show", "cancelled"};
    w.insert("sessions", {{"id", v.id},
                          {"patient_id", p.id},
                          {"therapist_id", p.therapist->id},
                          {"start_time", timestamp_text(v.start)},
                          {"end_time", timestamp_text(v.end())},
                          {"duration_minutes", v.duration},
                          {"cpt_code", v.cpt},
                          {"modifiers", v.telehealth ? Json::array({"95"}) : Json::array()},
                          {"place_of_service", v.place_of_service},
                          {"telehealth", v.telehealth},
                          {"status", kStatus[static_cast<size_t>(v.status)]},
                          {"fee_cents", fee},
                          {"amount_paid_cents", paid},
                          {"created_at", timestamp_text(v.start - 6 * kSecondsPerDay)},
                          {"updated_at", timestamp_text(v.end() + 3600)}});
    for (Score& s : v.scores) {
      const std::vector<int> items = split_items(rng, s.instrument, s.total);
      s.item9_positive = s.instrument == Instrument::kPhq9 && items[8] > 0;
      w.insert("assessments", {{"id", rng.uuid(v.end() * 1000)},
                               {"patient_id", p.id},
                               {"session_id", v.id},
                               {"instrument", instrument_name(s.instrument)},
                               {"administered_on", date_text(day_of(v.start))},
                               {"item_answers", items},
                               {"total_score", s.total},
                               {"severity", severity(s.instrument, s.total)},
                               {"created_at", timestamp_text(v.end())}});
    }
  }
}

}  // namespace dossier::demo::detail
