#include "demo/note_phrases.h"

#include <array>

namespace dossier::demo::detail {
namespace {

using SV = std::string_view;
template <size_t N>
using Pool = std::array<SV, N>;

constexpr Pool<3> kMoodBetter = {"reports mood has been noticeably better this week",
                                 "describes feeling \"lighter\" and more hopeful",
                                 "reports more good days than bad days since the last session"};
constexpr Pool<3> kMoodSame = {"reports mood has been about the same as last week",
                               "describes a mixed week with ups and downs",
                               "reports ongoing stress without major change"};
constexpr Pool<3> kMoodWorse = {"reports a harder week with more low days",
                                "describes increased irritability and tearfulness",
                                "reports feeling more overwhelmed than at the last session"};

constexpr Pool<5> kSleep = {"Sleep averaging 6-7 hours with fewer night awakenings.",
                            "Sleep remains fragmented, waking around 3 a.m. most nights.",
                            "Reports difficulty falling asleep because of racing thoughts.",
                            "Sleep improved after keeping a consistent wake time.",
                            "Napping in the afternoon and sleeping late on weekends."};

constexpr Pool<2> kStressDepression = {
    "Low energy made it hard to keep up with chores and work tasks.",
    "Withdrew from a planned dinner with friends but went for one walk."};
constexpr Pool<2> kStressAnxiety = {
    "Worry centered on a performance review and a family member's health.",
    "One episode of racing heart and shortness of breath in a grocery store."};
constexpr Pool<2> kStressAdjustment = {
    "Continued adjustment to the recent life change; some days feel more manageable.",
    "Felt isolated on the weekend; unpacked the last boxes and met a neighbor."};
constexpr Pool<2> kStressTrauma = {
    "Two nightmares this week; avoided the route past the accident site.",
    "Startled by a loud noise at work and needed several minutes to settle."};
constexpr Pool<2> kStressRelationship = {
    "One argument with partner about household responsibilities, repaired the next day.",
    "Partner and client tried the scheduled check-in conversation twice."};
constexpr Pool<2> kStressAttention = {
    "Missed one deadline; used the planner on four of five workdays.",
    "Lost track of time on a project and was late to pick up a child."};
constexpr Pool<2> kStressSubstance = {
    "Reports two drinking days this week, down from four; cravings strongest after work.",
    "Attended one support meeting; used urge surfing during a difficult evening."};

// Indexed by Focus.
constexpr Pool<7> kIntakeComplaint = {
    "Reports several months of low mood, poor sleep and loss of interest in usual activities.",
    "Reports constant worry, muscle tension and trouble falling asleep for over a year.",
    "Reports feeling overwhelmed and tearful since a major life change this year.",
    "Reports nightmares, intrusive memories and avoidance of reminders since a frightening "
    "event.",
    "Reports escalating arguments and growing distance in the relationship with partner.",
    "Reports lifelong disorganization and missed deadlines now threatening employment.",
    "Reports drinking most evenings to unwind and failed attempts to cut down."};

constexpr Pool<6> kCoping = {"used diaphragmatic breathing before meetings",
                             "took a daily walk",
                             "practiced the 5-4-3-2-1 grounding exercise",
                             "called a friend when feeling low",
                             "used thought records twice",
                             "kept a consistent wake time"};
constexpr Pool<3> kHomeworkReview = {"Completed the homework on most days.",
                                     "Partially completed homework; time was the main barrier.",
                                     "Did not complete homework; discussed obstacles."};

constexpr Pool<3> kAppearance = {"Arrived on time, casually dressed and well groomed.",
                                 "Alert and oriented x4; speech normal in rate and volume.",
                                 "Good eye contact; engaged throughout the session."};
constexpr Pool<3> kAffect = {"Affect brighter and congruent with content.",
                             "Affect mildly constricted, congruent with reported mood.",
                             "Affect dysphoric and tearful at times."};
constexpr Pool<3> kProgress = {
    "Making progress toward treatment goals; symptoms are decreasing.",
    "Progress is slow; symptoms are stable without meaningful change.",
    "Symptoms have increased; the treatment plan will be reviewed and session frequency "
    "reconsidered."};
constexpr Pool<3> kResponse = {
    "Client engaged well and identified two situations in which to apply the skill.",
    "Client was receptive but unsure the skill will help outside session.",
    "Client had difficulty engaging; agreed to try one small step before next session."};

constexpr SV kRiskLow =
    "Denies suicidal ideation, intent or plan; denies homicidal ideation. Risk assessed as low.";
constexpr SV kRiskPassive =
    "Endorses passive thoughts of death (PHQ-9 item 9) without plan or intent; safety plan "
    "reviewed and updated, crisis line number provided. Risk assessed as low to moderate; "
    "will reassess next session.";

constexpr Pool<7> kHomework = {"Complete a thought record on three days",
                               "Practice diaphragmatic breathing twice daily",
                               "Schedule two pleasant activities",
                               "Keep a sleep log until next session",
                               "Practice the grounding exercise when anxious",
                               "Bring the completed values worksheet",
                               "Write down one situation that went better than expected"};
constexpr Pool<4> kTherapistTasks = {
    "Send release of information to primary care provider", "Update treatment plan at next review",
    "Provide sleep hygiene handout", "Re-administer PHQ-9 and GAD-7 in four weeks"};

constexpr Pool<3> kClientLineBetter = {
    "Honestly it was a better week. I went for walks most days.",
    "I noticed the worry thoughts and didn't follow them as much.",
    "Work was busy but I didn't feel as flattened by it."};
constexpr Pool<3> kClientLineSame = {"About the same. Some days fine, some days not.",
                                     "I tried the breathing but I forget when I'm stressed.",
                                     "Not much changed, I guess. Still tired a lot."};
constexpr Pool<3> kClientLineWorse = {"It was rough. I barely left the apartment on the weekend.",
                                      "Everything felt like too much this week.",
                                      "I slept badly and snapped at people at work."};
constexpr Pool<3> kTherapistLine = {"What do you notice was different on the better days?",
                                    "Let's slow down and look at one of those moments together.",
                                    "That sounds hard. What helped even a little?"};

constexpr Pool<4> kThemes = {"the relationship with a parent", "a recent loss",
                             "feeling judged at work", "early memories of moving often"};
constexpr Pool<4> kHypotheses = {"self-criticism may protect against anticipated rejection",
                                 "withdrawal seems to follow moments of feeling unseen",
                                 "anger may be hard to acknowledge and turns into guilt",
                                 "reassurance seeking keeps the worry cycle going"};
constexpr Pool<3> kCountertransference = {
    "Noticed my own urge to reassure and rescue.",
    "Felt some frustration at the repeated cancellations; will name it gently.",
    "Felt protective; watch for colluding with avoidance."};

SV pick_by_trend(Rng& rng, Trend t, std::span<const SV> better, std::span<const SV> same,
                 std::span<const SV> worse) {
  switch (t) {
    case Trend::kBetter:
      return rng.pick(better);
    case Trend::kWorse:
      return rng.pick(worse);
    default:
      return rng.pick(same);
  }
}

SV stressor(Rng& rng, Focus focus) {
  switch (focus) {
    case Focus::kDepression:
      return rng.pick<SV>(kStressDepression);
    case Focus::kAnxiety:
      return rng.pick<SV>(kStressAnxiety);
    case Focus::kAdjustment:
      return rng.pick<SV>(kStressAdjustment);
    case Focus::kTrauma:
      return rng.pick<SV>(kStressTrauma);
    case Focus::kRelationship:
      return rng.pick<SV>(kStressRelationship);
    case Focus::kAttention:
      return rng.pick<SV>(kStressAttention);
    case Focus::kSubstance:
      return rng.pick<SV>(kStressSubstance);
  }
  return kStressDepression[0];
}

std::string lower_first(SV text) {
  std::string s(text);
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

std::string scores_sentence(const NoteFacts& f) {
  std::string out;
  for (const ScoreText& s : f.scores) {
    std::string band(s.severity);
    for (char& c : band) c = c == '_' ? ' ' : c;
    out += std::string(s.instrument) + " administered: total " + std::to_string(s.total) + " (" +
           band + "). ";
  }
  return out;
}

std::string setting_sentence(const NoteFacts& f) {
  if (f.place_of_service == "10") {
    return "Session by secure video; client at home in " + std::string(f.state) +
           ", identity and location confirmed. ";
  }
  if (f.place_of_service == "02") {
    return "Session by secure video; client at a private location outside the home in " +
           std::string(f.state) + ". ";
  }
  return "";
}

struct Parts {
  std::string subjective, objective, assessment, plan, intervention, response;
};

Parts intake_parts(Rng& rng, const NoteFacts& f) {
  Parts p;
  const SV sleep = rng.pick<SV>(kSleep);
  const bool referred = rng.chance(0.5);
  p.subjective = f.subject + " presents for an initial diagnostic evaluation " +
                 (referred ? "on referral from primary care" : "self-referred") + ". " +
                 std::string(kIntakeComplaint[static_cast<size_t>(f.focus)]) + " " +
                 std::string(sleep) + " Psychosocial, medical and substance-use history obtained.";
  p.objective =
      std::string(rng.pick<SV>(kAppearance)) + " " + setting_sentence(f) + scores_sentence(f);
  p.assessment = "Presentation meets criteria for " + std::string(f.diagnosis_description) + " (" +
                 std::string(f.diagnosis_code) + "). " +
                 std::string(f.passive_si ? kRiskPassive : kRiskLow);
  p.plan = "Recommend weekly individual psychotherapy using " + std::string(f.modality) +
           ". Treatment plan to be developed next session. Discussed informed consent, limits "
           "of confidentiality and the telehealth policy.";
  p.intervention = "Completed the diagnostic interview and standardized measures.";
  p.response = "Client engaged in the evaluation and agreed with the recommended plan. " +
               std::string(f.passive_si ? kRiskPassive : kRiskLow);
  return p;
}

Parts session_parts(Rng& rng, const NoteFacts& f) {
  Parts p;
  const SV mood = pick_by_trend(rng, f.trend, kMoodBetter, kMoodSame, kMoodWorse);
  const SV review = rng.pick<SV>(kHomeworkReview);
  const SV coping = rng.pick<SV>(kCoping);
  const SV stress = stressor(rng, f.focus);
  const SV sleep = rng.pick<SV>(kSleep);
  p.subjective = f.subject + " " + std::string(mood) + ". " + std::string(sleep) + " " +
                 std::string(stress) + " Since last session, " + std::string(coping) + ". " +
                 std::string(review);
  const size_t t = static_cast<size_t>(f.trend);
  p.objective = std::string(rng.pick<SV>(kAppearance)) + " " + std::string(kAffect[t]) + " " +
                setting_sentence(f) + scores_sentence(f);
  p.assessment =
      std::string(kProgress[t]) + " " + std::string(f.passive_si ? kRiskPassive : kRiskLow);
  p.plan = "Continue " + std::string(f.modality) +
           ". Homework: " + lower_first(rng.pick<SV>(kHomework)) + "." +
           (f.trend == Trend::kWorse ? " Consider increasing session frequency; coordinate with "
                                       "primary care regarding a medication evaluation."
                                     : " Next session in one week.");
  p.intervention = "Therapist used " + lower_first(f.intervention) + ".";
  p.response = std::string(kResponse[t]) + " " + p.assessment;
  return p;
}

std::string trim(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

}  // namespace

std::string_view format_name(NoteFormat format) {
  switch (format) {
    case NoteFormat::kDap:
      return "dap";
    case NoteFormat::kBirp:
      return "birp";
    default:
      return "soap";
  }
}

Json compose_sections(Rng& rng, NoteFormat format, const NoteFacts& f) {
  const Parts p = f.intake ? intake_parts(rng, f) : session_parts(rng, f);
  switch (format) {
    case NoteFormat::kDap:
      return {{"data", trim(p.subjective + " " + p.objective)},
              {"assessment", p.assessment},
              {"plan", p.plan}};
    case NoteFormat::kBirp:
      return {{"behavior", trim(p.subjective + " " + p.objective)},
              {"intervention", p.intervention},
              {"response", p.response},
              {"plan", p.plan}};
    default:
      return {{"subjective", p.subjective},
              {"objective", trim(p.objective)},
              {"assessment", p.assessment},
              {"plan", p.plan}};
  }
}

Json compose_action_items(Rng& rng, const NoteFacts& f) {
  Json items = Json::array();
  items.push_back(rng.pick<SV>(kHomework));
  if (rng.chance(0.5)) items.push_back(rng.pick<SV>(kTherapistTasks));
  if (f.passive_si) items.push_back("Review the safety plan at the start of next session");
  if (f.focus == Focus::kSubstance && rng.chance(0.5)) {
    items.push_back("Track drinking days on the calendar");
  }
  return items;
}

std::string compose_transcript(Rng& rng, const NoteFacts& f) {
  const SV client =
      pick_by_trend(rng, f.trend, kClientLineBetter, kClientLineSame, kClientLineWorse);
  const SV coping = rng.pick<SV>(kCoping);
  const SV line = rng.pick<SV>(kTherapistLine);
  return "Therapist: How did this week go?\nClient: " + std::string(client) +
         "\nTherapist: " + std::string(line) + "\nClient: I think it was when I " +
         std::string(coping) + ".\n";
}

std::string compose_process_note(Rng& rng, const NoteFacts& f) {
  const SV countertransference = rng.pick<SV>(kCountertransference);
  const SV hypothesis = rng.pick<SV>(kHypotheses);
  const SV theme = rng.pick<SV>(kThemes);
  return f.subject + "'s account of " + std::string(theme) +
         " carried a lot of feeling today. Working hypothesis: " + std::string(hypothesis) + ". " +
         std::string(countertransference) + " Return to this theme when the timing feels right.";
}

}  // namespace dossier::demo::detail
