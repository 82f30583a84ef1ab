// A 20-patient demo practice and the Context a worker would gather for each export type:
// shared by the tests that render the system templates.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/json.h"
#include "db/database.h"
#include "jobs/export_types.h"

namespace dossier::catalog::test_support {

//! The generated_at stamped into every test context.
inline constexpr const char* kGeneratedAt = "2026-11-01T15:30:00.000Z";

struct PatientRef {
  std::string patient_id;
  std::string therapist_id;
};

//! The demo's database (built once per process).
db::Database& database();
//! Every demo patient with their therapist.
std::vector<PatientRef> all_patients();
//! Sessions with a note of each format and kind, in date order.
Json sessions_with_each_note_format(const std::string& patient_id);
//! The Context for `type` from a request `body` (the patient is added); records a test
//! failure and returns null when the request or gathering fails.
Json context_for(jobs::ExportType type, const PatientRef& who, Json body = Json::object());

//! The spec's "Progress Report Template (PDF)", as written (tests/templates).
std::string spec_template_source();

//! `s` with every run of white space (spaces, tabs, newlines, form feeds) turned into one
//! space and none at either end: text from pdftotext, compared with the context's.
std::string collapse_whitespace(const std::string& s);

}  // namespace dossier::catalog::test_support
