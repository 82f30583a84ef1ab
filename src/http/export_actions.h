// What the export API does, as functions of the App and the caller, so that the web pages
// (web/export_pages.cpp) go through exactly the same checks, audit rows and links as
// /api/v1/export/… (export_handlers.cpp, which calls these).
#pragma once

#include <string>
#include <vector>

#include "auth/caller.h"
#include "core/json.h"
#include "core/result.h"
#include "http/app.h"
#include "jobs/export_types.h"

namespace dossier::http {

//! Queues an export of `type` from `body` (the JSON body of POST /api/v1/export/…):
//! jobs::parse_export_request, authorize_export_request (a 403/404 refusal is audited),
//! the claim pre-check, JobStore::create, then wakes the workers. Returns the API's 202 body
//! {job_id, status, estimated_completion}; kValidation errors name the body's fields.
Result<Json> create_export_job(App& app, const auth::Caller& caller, jobs::ExportType type,
                               const Json& body);

//! Replaces the download_url of each completed job (API form) with a link signed for
//! `caller`, valid for the app's link lifetime but never past the file's expiry, and records
//! the links as 'shared' (audit::record_shared_links). When that record cannot be written,
//! no link is handed out (the error is returned).
Status sign_download_links(App& app, const auth::Caller& caller, const std::vector<Json*>& jobs);

//! Deletes a visible job and its file: {"id", "deleted": true}. A job the caller may not
//! see is kNotFound, and the refusal is audited as 'delete_job'.
Result<Json> delete_export_job(App& app, const auth::Caller& caller, const std::string& job_id);

}  // namespace dossier::http
