// Diagnoses, treatment plans with measurable goals, and the goals' measurements.
#include <algorithm>
#include <cmath>
#include <map>

#include "demo/calendar.h"
#include "demo/generators.h"
#include "demo/instruments.h"

namespace dossier::demo::detail {
namespace {

constexpr int kReviewIntervalDays = 90;

void write_diagnoses(Writer& w, Patient& p) {
  Rng& rng = p.rng;
  const int64_t diagnosed = p.visits.front().end();
  for (size_t i = 0; i < p.diagnoses.size(); ++i) {
    const DiagnosisDef& d = *p.diagnoses[i];
    // A secondary adjustment disorder often resolves while the primary problem is treated.
    const bool resolved = i > 0 && d.focus == Focus::kAdjustment && rng.chance(0.4);
    const int64_t updated = resolved ? at(p.last_day - rng.range(0, 60), 23 * 60) : diagnosed;
    w.insert("diagnoses", {{"id", rng.uuid(diagnosed * 1000)},
                           {"patient_id", p.id},
                           {"icd10_code", d.code},
                           {"description", d.description},
                           {"onset_date", date_text(p.first_day - rng.range(30, 900))},
                           {"status", resolved ? "resolved" : "active"},
                           {"is_primary", i == 0},
                           {"created_at", timestamp_text(diagnosed)},
                           {"updated_at", timestamp_text(std::max(updated, diagnosed))}});
  }
}

// How far a goal has moved from baseline toward target at plan time `u` (0…1); negative
// when the client is getting worse.
double goal_progress(Trajectory t, double u, double reach) {
  switch (t) {
    case Trajectory::kImprove:
      return u * (2.0 - u) * reach;
    case Trajectory::kPlateau:
      return std::min(1.0, 3.0 * u) * 0.35;
    case Trajectory::kWorsen:
      return -0.3 * u;
  }
  return 0;
}

struct Measurement {
  int64_t day;
  double value;
};

bool reached(const GoalDef& g, double value) {
  return g.lower_is_better ? value <= g.target : value >= g.target;
}

std::vector<Measurement> instrument_measurements(const Patient& p, const PlanSpan& plan,
                                                 Instrument instrument) {
  std::vector<Measurement> out;
  for (const Visit& v : p.visits) {
    const int64_t day = day_of(v.start);
    if (day < plan.start_day || day > plan.end_day) continue;
    for (const Score& s : v.scores) {
      if (s.instrument == instrument) out.push_back({day, static_cast<double>(s.total)});
    }
  }
  return out;
}

std::vector<Measurement> reported_measurements(Rng& rng, Trajectory t, const PlanSpan& plan,
                                               const GoalDef& g, double baseline) {
  std::vector<Measurement> out;
  const double reach = 0.8 + 0.1 * rng.range(0, 4);
  const auto span = static_cast<double>(std::max<int64_t>(plan.end_day - plan.start_day, 1));
  for (int64_t day = plan.start_day + 3; day <= plan.end_day; day += rng.range(26, 34)) {
    const double u = static_cast<double>(day - plan.start_day) / span;
    double value = baseline + (g.target - baseline) * goal_progress(t, u, reach);
    value += g.step * (rng.chance(0.4) ? rng.range(-1, 1) : 0);
    value = std::max(0.0, std::round(value / g.step) * g.step);
    out.push_back({day, value});
  }
  return out;
}

void write_goal(Writer& w, Patient& p, const PlanSpan& plan, bool completed, const GoalDef& g,
                std::map<std::string_view, double>& last_values) {
  Rng& rng = p.rng;
  double baseline = rng.range(g.baseline_lo, g.baseline_hi);
  if (auto it = last_values.find(g.measure); it != last_values.end()) baseline = it->second;
  std::vector<Measurement> values =
      g.instrument != Instrument::kNone
          ? instrument_measurements(p, plan, g.instrument)
          : reported_measurements(rng, p.trajectory, plan, g, baseline);
  if (g.instrument != Instrument::kNone && !values.empty()) baseline = values.front().value;
  const bool done = !values.empty() && reached(g, values.back().value);
  const char* status = done ? "achieved" : (completed ? "not_achieved" : "in_progress");
  const int64_t created = at(plan.start_day, 23 * 60);
  const std::string id = rng.uuid(created * 1000);
  // Target dates of open goals are moved out at each review, so none is overdue today.
  int64_t due = plan.start_day + rng.range(5, 12) * 30;
  if (!completed) due = std::max(due, plan.end_day + rng.range(30, 120));
  const int64_t updated = values.empty() ? created : at(values.back().day, 23 * 60 + 30);
  w.insert("goals", {{"id", id},
                     {"treatment_plan_id", plan.id},
                     {"patient_id", p.id},
                     {"description", g.description},
                     {"measure", g.measure},
                     {"baseline_value", baseline},
                     {"target_value", g.target},
                     {"due_date", date_text(due)},
                     {"status", status},
                     {"created_at", timestamp_text(created)},
                     {"updated_at", timestamp_text(updated)}});
  for (const Measurement& m : values) {
    const int64_t when = at(m.day, 23 * 60 + 30);
    const bool scored = g.instrument != Instrument::kNone;
    w.insert("goal_measurements",
             {{"id", rng.uuid(when * 1000)},
              {"goal_id", id},
              {"patient_id", p.id},
              {"measured_on", date_text(m.day)},
              {"value", m.value},
              {"note", scored ? Json(std::string(instrument_name(g.instrument)) +
                                     " administered in session")
                              : (rng.chance(0.3) ? Json("Client self-report") : Json())},
              {"created_at", timestamp_text(when)}});
  }
  if (!values.empty()) last_values[g.measure] = values.back().value;
}

std::vector<const GoalDef*> pick_goals(Patient& p) {
  std::vector<const GoalDef*> goals;
  for (Instrument ins : p.instruments) goals.push_back(&instrument_goal(ins));
  std::vector<const GoalDef*> pool;
  for (const GoalDef& g : focus_goals(p.focus())) pool.push_back(&g);
  for (const GoalDef& g : general_goals()) pool.push_back(&g);
  const size_t wanted = std::max<size_t>(goals.size(), static_cast<size_t>(p.rng.range(2, 5)));
  while (goals.size() < wanted && !pool.empty()) {
    const size_t i = p.rng.index(pool.size());
    goals.push_back(pool[i]);
    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(i));
  }
  return goals;
}

void write_plan(Writer& w, Patient& p, const PlanSpan& plan, bool completed,
                std::map<std::string_view, double>& last_values) {
  Rng& rng = p.rng;
  Json interventions = Json::array();
  const size_t n = static_cast<size_t>(rng.range(3, 5));
  for (size_t i = 0; i < n; ++i) interventions.push_back(plan.modality->interventions[i]);
  int64_t review = plan.start_day;
  while (review + kReviewIntervalDays <= plan.end_day) review += kReviewIntervalDays;
  const int64_t created = at(plan.start_day, 22 * 60);
  const char* frequency = "Weekly individual psychotherapy";
  if (plan.start_day >= p.biweekly_from) {
    frequency = "Individual psychotherapy every two weeks";
  } else if (plan.end_day >= p.biweekly_from) {
    frequency = "Weekly individual psychotherapy, stepping down to every two weeks";
  }
  w.insert(
      "treatment_plans",
      {{"id", plan.id},
       {"patient_id", p.id},
       {"therapist_id", p.therapist->id},
       {"problem", pick_problem(rng, p.focus())},
       {"modality", plan.modality->name},
       {"modality_rationale", plan.modality->rationale},
       {"frequency", frequency},
       {"interventions", interventions},
       {"start_date", date_text(plan.start_day)},
       {"review_date", completed ? Json(date_text(plan.end_day))
                                 : (review > plan.start_day ? Json(date_text(review)) : Json())},
       {"next_review_date", completed ? Json() : Json(date_text(review + kReviewIntervalDays))},
       {"status", completed ? "completed" : "active"},
       {"created_at", timestamp_text(created)},
       {"updated_at", timestamp_text(completed ? at(plan.end_day, 22 * 60) : created)}});
  for (const GoalDef* g : pick_goals(p)) write_goal(w, p, plan, completed, *g, last_values);
}

}  // namespace

void write_care_plan(Writer& w, Patient& p) {
  write_diagnoses(w, p);
  Rng& rng = p.rng;
  const int64_t start = p.first_day + 7;  // written after the intake evaluation
  if (p.last_day - start >= 270 && rng.chance(0.3)) {
    const int64_t end = start + rng.range(150, 200);
    p.plans.push_back(
        {rng.uuid(at(start, 22 * 60) * 1000), start, end, &pick_modality(rng, p.focus())});
    p.plans.push_back({rng.uuid(at(end + 1, 22 * 60) * 1000), end + 1, p.last_day,
                       &pick_modality(rng, p.focus())});
  } else {
    p.plans.push_back(
        {rng.uuid(at(start, 22 * 60) * 1000), start, p.last_day, &pick_modality(rng, p.focus())});
  }
  std::map<std::string_view, double> last_values;
  for (size_t i = 0; i < p.plans.size(); ++i) {
    const bool completed = i + 1 < p.plans.size() || p.discharged;
    write_plan(w, p, p.plans[i], completed, last_values);
  }
}

}  // namespace dossier::demo::detail
