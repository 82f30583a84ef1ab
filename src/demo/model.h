// The demo generator's working model: what one step decides and later steps need (the
// practice's staff, a patient's profile, schedule and plans). Rows go to the database as
// they are made; these structs keep only what the next steps read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "demo/clinical_pools.h"
#include "demo/name_pools.h"
#include "demo/places.h"
#include "demo/rng.h"

namespace dossier::demo::detail {

enum class Trajectory { kImprove, kPlateau, kWorsen };
enum class NoteFormat { kSoap, kDap, kBirp };
enum class VisitStatus { kKept, kNoShow, kCancelled };

struct Staff {
  std::string id;
  std::string given_name;
  std::string family_name;
  std::string credentials;  //!< empty for admin and biller
  NoteFormat note_format = NoteFormat::kSoap;
  std::vector<std::string> patient_ids;
};

struct Practice {
  std::string id;
  const Region* region = nullptr;
  int64_t created_at = 0;  //!< Unix seconds
  Staff admin;
  Staff biller;
  std::vector<Staff> therapists;
};

//! One instrument administered at a visit.
struct Score {
  Instrument instrument = Instrument::kPhq9;
  int total = 0;
  bool item9_positive = false;  //!< PHQ-9 item 9 answered above 0
};

struct Visit {
  std::string id;
  int64_t start = 0;  //!< Unix seconds, UTC
  int duration = 0;   //!< minutes
  std::string_view cpt;
  VisitStatus status = VisitStatus::kKept;
  bool telehealth = false;
  std::string_view place_of_service;
  std::vector<Score> scores;
  int64_t end() const { return start + int64_t{duration} * 60; }
};

struct PlanSpan {
  std::string id;
  int64_t start_day = 0;
  int64_t end_day = 0;  //!< last day the plan covers (inclusive)
  const ModalityDef* modality = nullptr;
};

struct Patient {
  explicit Patient(uint64_t seed) : rng(seed) {}

  int index = 0;
  Rng rng;
  std::string id;
  Staff* therapist = nullptr;
  PersonName name;
  int64_t birth_day = 0;
  int64_t created_at = 0;  //!< Unix seconds: registration, a few days before intake
  std::string state;       //!< where the client lives (telehealth notes name it)

  Trajectory trajectory = Trajectory::kImprove;
  std::vector<const DiagnosisDef*> diagnoses;  //!< the first is primary
  bool substance_use = false;
  std::vector<Instrument> instruments;  //!< administered roughly every four weeks
  std::vector<int> baselines;           //!< intake score per instrument
  std::vector<int> end_scores;          //!< where the trajectory heads, per instrument

  bool insured = false;
  int copay_cents = 0;
  int64_t first_day = 0;  //!< intake
  int64_t last_day = 0;   //!< the schedule's last possible day
  bool discharged = false;
  int64_t biweekly_from =
      0;  //!< the day sessions step down to every two weeks (may be past the end)

  std::vector<Visit> visits;
  std::vector<PlanSpan> plans;

  Focus focus() const { return diagnoses.front()->focus; }
  //! Fraction of the treatment span elapsed on `day`, 0 at intake and 1 at the last day.
  double progress_time(int64_t day) const;
};

}  // namespace dossier::demo::detail
