// The members any export request may carry about where the export goes and on what terms:
//   purpose        why it is disclosed (free text; the treatment summary's own purpose
//                  member, one of insurance/transfer/records, serves as it)
//   recipient      {name, organization, address}: who receives it
//   redaction      {profile, terms}: what to remove (redact/profile.h), custom terms
//   authorization  {reference, date, scope}: the client's authorization, needed for
//                  psychotherapy notes (45 CFR 164.508(a)(2)); printed in the document
//   consent        {reference, date, description}: the consent a 42 CFR Part 2 record
//                  needs to leave under any profile but treatment
// They are kept in the job's parameters under the same names, recorded in its audit row,
// and handed to templates as the context's "disclosure".
#pragma once

#include <string_view>
#include <vector>

#include "core/field_checker.h"
#include "db/database.h"
#include "jobs/export_request.h"

namespace dossier::jobs {

//! The member names above, for a request's list of known members.
const std::vector<std::string_view>& disclosure_members();

//! Step 1: reads the members' shapes into request.parameters.
void parse_disclosure(FieldChecker& fields, ExportRequest& request);

//! Step 2: settles the redaction profile (the request's, else the template's default, else
//! the export type's; `template_profile` is null when the template names none) and checks
//! the request against it: psychotherapy notes only under a profile that allows them, and a
//! consent for a Part 2 record.
Status authorize_disclosure(db::Database& db, const Json& template_profile, ExportRequest& request);

//! The audit metadata and the context's "disclosure" member for a job's parameters.
Json disclosure_of(const Json& parameters);

}  // namespace dossier::jobs
