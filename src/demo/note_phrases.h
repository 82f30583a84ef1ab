// Clinical note text composed from phrase pools. Everything is invented; notes refer to
// "Client" or, in some notes, to the client's given name (as real notes do, which gives
// the free-text scrubbers something to find).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "demo/clinical_pools.h"
#include "demo/model.h"
#include "demo/rng.h"

namespace dossier::demo::detail {

enum class Trend { kBetter, kSame, kWorse };

struct ScoreText {
  std::string_view instrument;  //!< "PHQ-9" or "GAD-7"
  int total;
  std::string_view severity;
};

//! What a note says, decided by notes.cpp from the record.
struct NoteFacts {
  Focus focus = Focus::kDepression;
  Trend trend = Trend::kSame;
  bool intake = false;
  std::string_view place_of_service;  //!< "10"/"02" telehealth, "11" office
  std::string_view state;             //!< where the client is (telehealth notes)
  std::string_view modality;
  std::string_view intervention;
  std::string_view diagnosis_code;
  std::string_view diagnosis_description;
  std::vector<ScoreText> scores;
  bool passive_si = false;  //!< PHQ-9 item 9 above 0 today
  std::string subject;      //!< "Client" or the client's given name
};

//! Sections JSON for `format`: soap {subjective, objective, assessment, plan}; dap {data,
//! assessment, plan}; birp {behavior, intervention, response, plan}.
Json compose_sections(Rng& rng, NoteFormat format, const NoteFacts& facts);
//! 1–3 short to-dos for client and therapist.
Json compose_action_items(Rng& rng, const NoteFacts& facts);
//! A short synthetic dialogue, as an AI scribe would have transcribed it.
std::string compose_transcript(Rng& rng, const NoteFacts& facts);
//! The therapist's private process note (a psychotherapy note, 45 CFR 164.501).
std::string compose_process_note(Rng& rng, const NoteFacts& facts);

//! The format's name as stored: "soap", "dap", "birp".
std::string_view format_name(NoteFormat format);

}  // namespace dossier::demo::detail
