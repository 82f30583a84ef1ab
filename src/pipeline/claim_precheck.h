// Claims are checked when they are asked for: the export runs later, in the background, and
// a biller must learn at once — not from a failed job — that the record cannot make a
// complete claim (claims/claim_check.h).
#pragma once

#include "auth/caller.h"
#include "db/database.h"
#include "jobs/export_request.h"

namespace dossier::pipeline {

//! For an insurance_report in a claim format (x12, cms1500, superbill): a redaction profile
//! other than insurance (or client_access for a superbill) is kValidation on
//! "redaction.profile"; else gathers and redacts the record as the job will, and answers
//! kUnprocessable naming every item a complete claim lacks. Other requests pass untouched.
//! REQUIRES: authorize_export_request(db, caller, request) succeeded.
Status check_claim_request(db::Database& db, const auth::Caller& caller,
                           const jobs::ExportRequest& request);

}  // namespace dossier::pipeline
