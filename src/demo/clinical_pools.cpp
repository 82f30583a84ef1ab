#include "demo/clinical_pools.h"

namespace dossier::demo::detail {
namespace {

using SV = std::string_view;
using F = Focus;

constexpr std::array<DiagnosisDef, 19> kMentalHealth = {{
    {"F41.1", "Generalized anxiety disorder", F::kAnxiety, 14},
    {"F43.23", "Adjustment disorder with mixed anxiety and depressed mood", F::kAdjustment, 10},
    {"F33.1", "Major depressive disorder, recurrent, moderate", F::kDepression, 12},
    {"F43.22", "Adjustment disorder with anxiety", F::kAdjustment, 5},
    {"F43.20", "Adjustment disorder, unspecified", F::kAdjustment, 3},
    {"F41.9", "Anxiety disorder, unspecified", F::kAnxiety, 5},
    {"F43.10", "Post-traumatic stress disorder, unspecified", F::kTrauma, 5},
    {"F43.21", "Adjustment disorder with depressed mood", F::kAdjustment, 5},
    {"F43.12", "Post-traumatic stress disorder, chronic", F::kTrauma, 4},
    {"Z63.0", "Problems in relationship between spouse or partner", F::kRelationship, 4},
    {"F33.0", "Major depressive disorder, recurrent, mild", F::kDepression, 6},
    {"F90.2", "Attention-deficit hyperactivity disorder, combined type", F::kAttention, 3},
    {"F32.0", "Major depressive disorder, single episode, mild", F::kDepression, 4},
    {"F32.1", "Major depressive disorder, single episode, moderate", F::kDepression, 6},
    {"F32.2", "Major depressive disorder, single episode, severe without psychotic features",
     F::kDepression, 2},
    {"F32.4", "Major depressive disorder, single episode, in partial remission", F::kDepression, 2},
    {"F32.5", "Major depressive disorder, single episode, in full remission", F::kDepression, 1},
    {"F32.9", "Major depressive disorder, single episode, unspecified", F::kDepression, 2},
    {"F32.A", "Depression, unspecified", F::kDepression, 3},
}};

constexpr std::array<DiagnosisDef, 5> kSubstance = {{
    {"F10.20", "Alcohol dependence, uncomplicated", F::kSubstance, 6},
    {"F10.10", "Alcohol abuse, uncomplicated", F::kSubstance, 3},
    {"F12.20", "Cannabis dependence, uncomplicated", F::kSubstance, 2},
    {"F11.20", "Opioid dependence, uncomplicated", F::kSubstance, 1},
    {"F10.21", "Alcohol dependence, in remission", F::kSubstance, 1},
}};

constexpr ModalityDef kCbt = {
    "CBT",
    "Chosen because negative automatic thoughts and withdrawal maintain the client's symptoms; CBT "
    "targets both and is a first-line treatment for depression and anxiety.",
    {"Cognitive restructuring with thought records",
     "Behavioral activation and activity scheduling", "Psychoeducation on the cognitive model",
     "Problem-solving skills training", "Relapse prevention planning"}};
constexpr ModalityDef kAct = {
    "ACT",
    "Chosen because avoidance of distressing thoughts narrows the client's life; ACT builds "
    "willingness and values-based action rather than symptom control alone.",
    {"Values clarification", "Cognitive defusion exercises",
     "Mindfulness and present-moment awareness practice", "Committed action planning",
     "Acceptance and willingness exercises"}};
constexpr ModalityDef kDbt = {
    "DBT",
    "Chosen for intense emotions and impulsive coping; DBT skills training teaches distress "
    "tolerance and emotion regulation in a structured way.",
    {"Distress tolerance skills (TIPP, self-soothing)", "Emotion regulation skills",
     "Diary card review", "Interpersonal effectiveness (DEAR MAN)", "Chain analysis"}};
constexpr ModalityDef kExposure = {
    "Exposure therapy",
    "Chosen because avoidance keeps the client's fear in place; graded exposure with response "
    "prevention is the treatment of choice for this pattern.",
    {"Fear hierarchy construction", "Graded in-vivo exposure", "Interoceptive exposure",
     "Response prevention", "Diaphragmatic breathing training"}};
constexpr ModalityDef kCpt = {
    "Cognitive Processing Therapy",
    "Chosen because trauma-related beliefs (self-blame, loss of safety) drive the client's "
    "symptoms; CPT is a trauma-focused, evidence-based treatment for PTSD.",
    {"Impact statement", "Identifying stuck points", "Challenging questions worksheet",
     "Trauma psychoeducation", "Safety, trust and intimacy modules"}};
constexpr ModalityDef kEmdr = {
    "EMDR",
    "Chosen for trauma memories that remain vivid and distressing; EMDR is a trauma-focused "
    "treatment the client preferred over written exposure work.",
    {"Resource development and installation", "Bilateral stimulation processing",
     "Safe place exercise", "Target memory identification", "Grounding techniques"}};
constexpr ModalityDef kIpt = {
    "Interpersonal therapy",
    "Chosen because the symptoms began with a role transition and conflict in close relationships, "
    "which interpersonal therapy addresses directly.",
    {"Interpersonal inventory", "Role transition work", "Communication analysis",
     "Grief and loss processing", "Role-play of difficult conversations"}};
constexpr ModalityDef kSolution = {
    "Solution-focused brief therapy",
    "Chosen for a time-limited adjustment problem in a client with good prior coping; a brief, "
    "strengths-based approach fits the goals.",
    {"Miracle question", "Scaling questions", "Identifying exceptions", "Strengths inventory",
     "Small-step goal setting"}};
constexpr ModalityDef kCouples = {
    "Emotionally focused therapy",
    "Chosen because the presenting problem is a recurring conflict cycle between partners; "
    "emotionally focused therapy works on that cycle and attachment needs.",
    {"Mapping the negative interaction cycle", "Identifying attachment needs",
     "Softening exercises", "Communication skills (speaker-listener)",
     "Repair conversation practice"}};
constexpr ModalityDef kAdhd = {
    "CBT for adult ADHD",
    "Chosen because executive-function difficulties cause most of the impairment; CBT for adult "
    "ADHD builds organisation and planning skills.",
    {"Planner and calendar system setup", "Task breakdown practice", "Procrastination analysis",
     "Environmental modification", "Psychoeducation on executive function"}};
constexpr ModalityDef kMi = {
    "Motivational interviewing",
    "Chosen because the client is ambivalent about changing substance use; motivational "
    "interviewing strengthens the client's own reasons for change.",
    {"Decisional balance exercise", "Change talk elicitation", "Relapse prevention planning",
     "Trigger identification", "Coping skills for cravings (urge surfing)"}};

constexpr std::array<const ModalityDef*, 4> kDepressionModalities = {&kCbt, &kAct, &kIpt, &kDbt};
constexpr std::array<const ModalityDef*, 3> kAnxietyModalities = {&kCbt, &kAct, &kExposure};
constexpr std::array<const ModalityDef*, 3> kAdjustmentModalities = {&kSolution, &kCbt, &kAct};
constexpr std::array<const ModalityDef*, 3> kTraumaModalities = {&kCpt, &kEmdr, &kCbt};
constexpr std::array<const ModalityDef*, 2> kRelationshipModalities = {&kCouples, &kIpt};
constexpr std::array<const ModalityDef*, 2> kAttentionModalities = {&kAdhd, &kCbt};
constexpr std::array<const ModalityDef*, 2> kSubstanceModalities = {&kMi, &kCbt};

constexpr std::array<SV, 3> kDepressionProblems = {
    "Persistent low mood, loss of interest in usual activities and withdrawal from friends, "
    "with missed work days.",
    "Depressed mood with fatigue, poor concentration and feelings of worthlessness that "
    "interfere with work and parenting.",
    "Low mood and hopelessness following a job loss; sleeping 10+ hours and skipping meals."};
constexpr std::array<SV, 3> kAnxietyProblems = {
    "Excessive worry about work and health most days, with muscle tension, irritability and "
    "difficulty falling asleep.",
    "Recurrent panic episodes with avoidance of driving on highways and crowded stores.",
    "Chronic worry and reassurance seeking that strain relationships and slow work output."};
constexpr std::array<SV, 3> kAdjustmentProblems = {
    "Distress and tearfulness since a divorce, with trouble keeping up with daily routines.",
    "Anxiety and low mood after relocating for a new job; isolated, with poor sleep.",
    "Difficulty coping with a parent's serious illness; overwhelmed and withdrawing."};
constexpr std::array<SV, 2> kTraumaProblems = {
    "Intrusive memories, nightmares and hypervigilance after a motor vehicle accident; "
    "avoids driving.",
    "Nightmares, startle response and emotional numbing related to past trauma; avoids "
    "reminders and crowds."};
constexpr std::array<SV, 2> kRelationshipProblems = {
    "Frequent escalating conflict with partner and a breakdown in communication.",
    "Emotional distance and recurring arguments with spouse about finances and parenting."};
constexpr std::array<SV, 2> kAttentionProblems = {
    "Disorganization, missed deadlines and forgetfulness causing problems at work.",
    "Difficulty sustaining attention and completing tasks; chronic lateness and unpaid bills."};
constexpr std::array<SV, 2> kSubstanceProblems = {
    "Daily alcohol use to manage stress, with morning shakiness and conflict at home about "
    "drinking.",
    "Escalating substance use after work, unsuccessful attempts to cut down and missed "
    "obligations."};

constexpr std::array<GoalDef, 2> kInstrumentGoals = {{
    {"Reduce depressive symptoms to the minimal range (PHQ-9 below 5)", "PHQ-9 total",
     Instrument::kPhq9, 0, 0, 4, 1, true},
    {"Reduce anxiety symptoms to the minimal range (GAD-7 below 5)", "GAD-7 total",
     Instrument::kGad7, 0, 0, 4, 1, true},
}};

constexpr std::array<GoalDef, 4> kGeneralGoals = {{
    {"Establish a regular exercise routine", "days of exercise per week", Instrument::kNone, 0, 1,
     4, 1, false},
    {"Restore restful sleep", "hours of sleep per night", Instrument::kNone, 4, 5, 7, 0.5, false},
    {"Increase social contact", "social activities per week", Instrument::kNone, 0, 1, 3, 1, false},
    {"Return to full attendance at work or school", "days missed per month", Instrument::kNone, 3,
     6, 0, 1, true},
}};

constexpr std::array<GoalDef, 2> kDepressionGoals = {{
    {"Increase pleasant activities", "pleasant activities per week", Instrument::kNone, 0, 1, 4, 1,
     false},
    {"Complete daily self-care routine", "days with morning routine per week", Instrument::kNone, 1,
     3, 6, 1, false},
}};
constexpr std::array<GoalDef, 2> kAnxietyGoals = {{
    {"Reduce panic episodes", "panic episodes per week", Instrument::kNone, 3, 6, 0, 1, true},
    {"Practice relaxation skills daily", "days of relaxation practice per week", Instrument::kNone,
     0, 1, 6, 1, false},
}};
constexpr std::array<GoalDef, 2> kTraumaGoals = {{
    {"Reduce trauma-related nightmares", "nightmares per week", Instrument::kNone, 3, 6, 1, 1,
     true},
    {"Resume avoided activities", "avoided activities attempted per week", Instrument::kNone, 0, 0,
     3, 1, false},
}};
constexpr std::array<GoalDef, 1> kRelationshipGoals = {{
    {"Reduce escalating conflicts with partner", "conflict episodes per week", Instrument::kNone, 3,
     5, 1, 1, true},
}};
constexpr std::array<GoalDef, 1> kAttentionGoals = {{
    {"Meet work deadlines using a planning system", "missed deadlines per month", Instrument::kNone,
     4, 7, 1, 1, true},
}};
constexpr std::array<GoalDef, 2> kSubstanceGoals = {{
    {"Reduce alcohol use toward abstinence", "drinking days per week", Instrument::kNone, 4, 7, 0,
     1, true},
    {"Use coping skills when cravings occur", "cravings managed without use per week",
     Instrument::kNone, 0, 1, 5, 1, false},
}};

}  // namespace

std::span<const DiagnosisDef> mental_health_diagnoses() {
  return kMentalHealth;
}
std::span<const DiagnosisDef> substance_use_diagnoses() {
  return kSubstance;
}

const DiagnosisDef& pick_diagnosis(Rng& rng, std::span<const DiagnosisDef> pool) {
  int total = 0;
  for (const auto& d : pool) total += d.weight;
  int x = rng.range(0, total - 1);
  for (const auto& d : pool) {
    if (x < d.weight) return d;
    x -= d.weight;
  }
  return pool.back();
}

const ModalityDef& pick_modality(Rng& rng, Focus focus) {
  switch (focus) {
    case F::kDepression:
      return *rng.pick<const ModalityDef*>(kDepressionModalities);
    case F::kAnxiety:
      return *rng.pick<const ModalityDef*>(kAnxietyModalities);
    case F::kAdjustment:
      return *rng.pick<const ModalityDef*>(kAdjustmentModalities);
    case F::kTrauma:
      return *rng.pick<const ModalityDef*>(kTraumaModalities);
    case F::kRelationship:
      return *rng.pick<const ModalityDef*>(kRelationshipModalities);
    case F::kAttention:
      return *rng.pick<const ModalityDef*>(kAttentionModalities);
    case F::kSubstance:
      return *rng.pick<const ModalityDef*>(kSubstanceModalities);
  }
  return kCbt;
}

std::string_view pick_problem(Rng& rng, Focus focus) {
  switch (focus) {
    case F::kDepression:
      return rng.pick<SV>(kDepressionProblems);
    case F::kAnxiety:
      return rng.pick<SV>(kAnxietyProblems);
    case F::kAdjustment:
      return rng.pick<SV>(kAdjustmentProblems);
    case F::kTrauma:
      return rng.pick<SV>(kTraumaProblems);
    case F::kRelationship:
      return rng.pick<SV>(kRelationshipProblems);
    case F::kAttention:
      return rng.pick<SV>(kAttentionProblems);
    case F::kSubstance:
      return rng.pick<SV>(kSubstanceProblems);
  }
  return kDepressionProblems[0];
}

std::span<const GoalDef> focus_goals(Focus focus) {
  switch (focus) {
    case F::kDepression:
      return kDepressionGoals;
    case F::kAnxiety:
      return kAnxietyGoals;
    case F::kAdjustment:
      return kDepressionGoals;
    case F::kTrauma:
      return kTraumaGoals;
    case F::kRelationship:
      return kRelationshipGoals;
    case F::kAttention:
      return kAttentionGoals;
    case F::kSubstance:
      return kSubstanceGoals;
  }
  return kGeneralGoals;
}

std::span<const GoalDef> general_goals() {
  return kGeneralGoals;
}

const GoalDef& instrument_goal(Instrument instrument) {
  return instrument == Instrument::kGad7 ? kInstrumentGoals[1] : kInstrumentGoals[0];
}

}  // namespace dossier::demo::detail
