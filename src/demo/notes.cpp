// Progress notes for kept sessions, in the therapist's format; some AI-drafted, most
// signed, the latest still open; psychotherapy notes on about one session in ten.
#include "demo/calendar.h"
#include "demo/generators.h"
#include "demo/instruments.h"
#include "demo/note_phrases.h"

namespace dossier::demo::detail {
namespace {

const PlanSpan& plan_for(const Patient& p, int64_t day) {
  for (const PlanSpan& plan : p.plans) {
    if (day <= plan.end_day) return plan;
  }
  return p.plans.back();
}

Trend trend_of(int baseline, int latest) {
  if (latest <= baseline - 3) return Trend::kBetter;
  if (latest >= baseline + 3) return Trend::kWorse;
  return Trend::kSame;
}

NoteFacts facts_for(Patient& p, const Visit& v, bool intake, int latest) {
  Rng& rng = p.rng;
  const PlanSpan& plan = plan_for(p, day_of(v.start));
  NoteFacts f;
  f.focus = p.focus();
  f.trend = trend_of(p.baselines.front(), latest);
  f.intake = intake;
  f.place_of_service = v.place_of_service;
  f.state = p.state;
  f.modality = plan.modality->name;
  f.intervention = rng.pick<std::string_view>(plan.modality->interventions);
  f.diagnosis_code = p.diagnoses.front()->code;
  f.diagnosis_description = p.diagnoses.front()->description;
  for (const Score& s : v.scores) {
    f.scores.push_back({instrument_name(s.instrument), s.total, severity(s.instrument, s.total)});
    f.passive_si = f.passive_si || s.item9_positive;
  }
  f.subject = rng.chance(0.15) ? p.name.given : "Client";
  return f;
}

struct Signature {
  Json by;
  Json at;
  int64_t updated;
};

// Clinicians sign the evening of the session, once the note is written: a signature at
// 2 AM, or one older than its note, would look wrong on every document.
Signature sign(Rng& rng, const Patient& p, int64_t created, bool open) {
  if (open) return {Json(), Json(), created};
  const int64_t signed_at = created + int64_t{rng.range(5, 60)} * 60 + rng.range(0, 59);
  return {p.therapist->id, timestamp_text(signed_at), signed_at};
}

void write_note(Writer& w, Patient& p, const Visit& v, const NoteFacts& f, bool open) {
  Rng& rng = p.rng;
  const bool ai = rng.chance(0.25);
  const int64_t created = v.end() + int64_t{ai ? rng.range(1, 10) : rng.range(10, 120)} * 60;
  const Signature s = sign(rng, p, created, open);
  Json sections = compose_sections(rng, p.therapist->note_format, f);
  Json actions = compose_action_items(rng, f);
  w.insert("session_notes",
           {{"id", rng.uuid(created * 1000)},
            {"session_id", v.id},
            {"patient_id", p.id},
            {"author_id", p.therapist->id},
            {"kind", "progress_note"},
            {"format", format_name(p.therapist->note_format)},
            {"sections", std::move(sections)},
            {"ai_drafted", ai},
            {"transcript", ai && rng.chance(0.5) ? Json(compose_transcript(rng, f)) : Json()},
            {"action_items", std::move(actions)},
            {"signed_by", s.by},
            {"signed_at", s.at},
            {"created_at", timestamp_text(created)},
            {"updated_at", timestamp_text(s.updated)}});
}

void write_process_note(Writer& w, Patient& p, const Visit& v, const NoteFacts& f, bool open) {
  Rng& rng = p.rng;
  const int64_t created = v.end() + int64_t{rng.range(15, 120)} * 60;
  const Signature s = sign(rng, p, created, open);
  w.insert("session_notes", {{"id", rng.uuid(created * 1000)},
                             {"session_id", v.id},
                             {"patient_id", p.id},
                             {"author_id", p.therapist->id},
                             {"kind", "psychotherapy_note"},
                             {"format", "free"},
                             {"sections", {{"text", compose_process_note(rng, f)}}},
                             {"ai_drafted", false},
                             {"transcript", nullptr},
                             {"action_items", Json::array()},
                             {"signed_by", s.by},
                             {"signed_at", s.at},
                             {"created_at", timestamp_text(created)},
                             {"updated_at", timestamp_text(s.updated)}});
}

}  // namespace

void write_notes(Writer& w, Patient& p) {
  Rng& rng = p.rng;
  size_t kept = 0;
  for (const Visit& v : p.visits) kept += v.status == VisitStatus::kKept ? 1 : 0;
  // Therapists sign within a day or two; only the newest notes of current clients are open.
  const size_t open_from = p.discharged ? kept : kept - std::min<size_t>(kept, rng.range(1, 2));
  int latest = p.baselines.front();
  size_t n = 0;
  for (const Visit& v : p.visits) {
    if (v.status != VisitStatus::kKept) continue;
    for (const Score& s : v.scores) {
      if (s.instrument == p.instruments.front()) latest = s.total;
    }
    const bool open = n >= open_from;
    const NoteFacts facts = facts_for(p, v, n == 0, latest);
    write_note(w, p, v, facts, open);
    if (n > 0 && rng.chance(0.1)) write_process_note(w, p, v, facts, open);
    ++n;
  }
}

}  // namespace dossier::demo::detail
