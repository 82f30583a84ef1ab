// Mappers of session notes: a structured SOAP note becomes a Composition (LOINC 34904-3,
// one section per part: 61150-9 subjective, 61149-1 objective, 51848-0 assessment,
// 18776-5 plan); every other note a DocumentReference (category clinical-note) whose
// attachment is the note's text. Psychotherapy notes carry the PSYTHPN security label.
#pragma once

#include <string>
#include <vector>

#include "core/json.h"
#include "fhir/codes.h"

namespace dossier::fhir {

//! What a note points at. Rows of `session_notes` name them; a report's note leaves some
//! out, and the report supplies them (its session, its therapist).
struct NoteLinks {
  std::string patient_id;
  std::string session_id;  //!< the Encounter, linked when it resolves
  std::string author_id;   //!< the Practitioner who wrote it
  //! The Organization that authors a note whose Practitioner the Bundle does not carry.
  std::string practice_id;
  //! When the note was written, for notes that carry neither signed_at nor created_at.
  std::string fallback_date;
};

//! A part of a note's format: its key in `sections`, the title it is written under, and
//! its LOINC section code ("" when the part has none: only SOAP parts have one).
struct NotePart {
  const char* key;
  const char* title;
  const char* loinc;
};

//! The parts of notes of `format` (soap, dap, birp; any other is free text, one "text").
const std::vector<NotePart>& note_parts(const std::string& format);

//! NoteLinks from a `session_notes` row, with `fallback` for what the row leaves out.
NoteLinks note_links(const Json& note, NoteLinks fallback);

//! A `session_notes` row (or a report's note) as a Composition or a DocumentReference.
Json map_note(const Json& note, const NoteLinks& links, const Resolves& resolves = resolves_all());

//! The note's sections as plain text, one "Title: text" paragraph each, in the order of its
//! format, followed by action items and the transcript when the note carries them.
std::string note_text(const Json& note);

}  // namespace dossier::fhir
