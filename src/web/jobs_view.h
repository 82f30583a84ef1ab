// The Jobs pages' rows, made from jobs as the API gives them (JobStore::list/get, with links
// signed by http::sign_download_links), so that the page, its live-status JSON and the API
// say the same thing about a job.
#pragma once

#include <string_view>

#include "core/json.h"

namespace dossier::web {

//! One job (API form) as the pages show it: {"id", "href" (/jobs/{id}), "type_label",
//! "format", "patient_name" (null for practice-wide and batch jobs), "status", "status_label",
//! "finished" (no further change will come), "progress_text" ("3 of 10 clients") | null,
//! "progress_percent" | null, "created_text", "expires_text" (local "YYYY-MM-DD HH:MM" in
//! `time_zone`, the practice's) | null, "download_url" (signed) | null, "error_message" | null,
//! "delete_href"}.
Json job_row(const Json& job, std::string_view time_zone);

//! job_row() of each job of a JobStore::list() answer: {"jobs": [...]}.
Json job_rows(const Json& list, std::string_view time_zone);

}  // namespace dossier::web
