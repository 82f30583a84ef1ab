// Many documents into one streamed ZIP: rendered on a few threads, written in order by the
// calling thread, followed by manifest.json. The engine of batch exports (batch_export.h)
// and of session-note ZIP bundles (session_bundle.h).
//
// Each unit (a patient, a session) is rendered by `render`, which may run on any of the
// threads at once and must not throw. Its document is written as "<unit><extension>" — units
// are ids, so no entry name carries PHI — and described in the manifest's "files"; a unit
// whose render fails is listed in "failures" with its reason and does not stop the rest. A
// failing sink stops everything. At most a few finished documents wait for the writer, so
// memory does not grow with the number of units.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/byte_sink.h"
#include "core/json.h"
#include "core/result.h"

namespace dossier::pipeline {

struct UnitDocument {
  std::string bytes;
  std::string extension;  //!< ".pdf", …
  Json redaction;         //!< the redaction report, as the manifest repeats it
  //! The single export the document is, {export_type, format, parameters}, when the caller
  //! keeps a record of it (a batch's job_patients); null otherwise.
  Json request = nullptr;
};

struct UnitFailure {
  std::string unit;
  std::string reason;  //!< "not found", "forbidden" or the error's detail: never PHI
};

struct ZipSummary {
  int64_t total = 0;
  int64_t done = 0;
  std::vector<UnitFailure> failures;
  //! Each unit whose document is in the ZIP, with that document's request.
  std::vector<std::pair<std::string, Json>> written;
  int64_t bytes = 0;  //!< of the whole ZIP
};

struct OrderedZipOptions {
  int threads = 2;
  //! The manifest's member naming a unit: "patient_id", "session_id".
  std::string unit_key = "id";
  //! Members the manifest starts with (what was exported, and how).
  Json manifest_head = Json::object();
  //! Called from the writing thread after each unit, written or failed.
  std::function<void(int64_t done, int64_t total)> progress;
  //! Asked after each unit; once true the ZIP stops with kConflict.
  std::function<bool()> cancelled;
};

using RenderUnit = std::function<Result<UnitDocument>(const std::string& unit)>;

//! Writes the documents of `units`, in order, and manifest.json into `out`:
//! {…manifest_head, "generated_at", "total", "done", "failed",
//!  "files": [{"name", <unit_key>, "size", "sha256", "redaction"}],
//!  "failures": [{<unit_key>, "reason"}]}.
Result<ZipSummary> write_ordered_zip(const std::vector<std::string>& units,
                                     const RenderUnit& render, const ByteSink& out,
                                     const OrderedZipOptions& options);

//! The reason a failure is listed with: kNotFound → "not found" (missing and invisible read
//! alike), kForbidden → "forbidden", else the error's summary (which never carries PHI).
std::string failure_reason(const Error& error);

}  // namespace dossier::pipeline
