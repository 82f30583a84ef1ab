// The demo generator's steps, in the order demo.cpp runs them for each patient. Each step
// draws from the patient's own Rng, so a patient's rows depend only on the seed and the
// patient's index.
#pragma once

#include <cstdint>
#include <string>

#include "demo/model.h"
#include "demo/writer.h"

namespace dossier::demo::detail {

//! The practice row and its staff (therapists, one admin, one biller).
Practice make_practice(Writer& writer, uint64_t seed, int therapists, int64_t today);

//! Decides who the patient is clinically: trajectory, diagnoses, instruments and the span
//! of treatment, which ends before `today`. `seed` fixes which trajectory the first three
//! patients get (all three kinds appear whenever there are three patients).
void choose_profile(Patient& patient, uint64_t seed, int64_t today);

//! Demographics, care team and coverage rows.
void write_patient(Writer& writer, const Practice& practice, Patient& patient);

//! The weekly schedule with statuses, codes and the scores of instruments given.
void plan_visits(Patient& patient, const Practice& practice, int64_t today);

//! Sessions and assessments rows for the planned visits.
void write_visits(Writer& writer, Patient& patient);

//! Diagnoses, treatment plans, goals and goal measurements.
void write_care_plan(Writer& writer, Patient& patient);

//! Progress notes (and some psychotherapy notes) for kept sessions.
void write_notes(Writer& writer, Patient& patient);

//! A few small documents for some patients.
void write_attachments(Writer& writer, Patient& patient);

//! Lower-case ASCII letters and digits of `text`; empty when it has non-ASCII letters.
std::string ascii_slug(std::string_view text);

}  // namespace dossier::demo::detail
