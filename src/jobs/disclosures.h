// The accounting of disclosures (45 CFR 164.528): the exports of a client's record that left
// the practice, each with its date, recipient, a description of what was disclosed and its
// purpose, read back from the export jobs that made them: the client's own, and the batches
// that carried the client's record (job_patients), each as the single export it made of them.
//
// An export is a disclosure when its job completed (a file was made and handed out; deleting
// the job or the file expiring later does not undo that) and it went under a redaction
// profile other than `treatment` or named a recipient. Jobs that failed, are still waiting,
// or were deleted before they completed disclosed nothing.
//
// Dates are calendar dates in the practice's time zone, the zone its documents print in: a
// disclosure belongs to the day it was made on the practice's calendar.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/dates.h"
#include "core/field_checker.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::jobs {

//! The days an accounting covers, both included.
struct DisclosurePeriod {
  Date from;
  Date to;
};

//! Today's date in the practice's time zone (UTC when the practice names none).
Result<Date> practice_today(db::Database& db, TimePoint now);

//! Reads "from" and "to" (YYYY-MM-DD, either may be absent) from `fields`' body. By default
//! the period is the six years up to `today`, the span 164.528(a)(3) gives the client. A
//! member that is not a real date, or a period that ends before it starts, is recorded as a
//! problem of `fields` naming the member, and nullopt is returned.
std::optional<DisclosurePeriod> parse_disclosure_period(FieldChecker& fields, const Date& today);

//! Whether 164.528(a) requires a disclosure under `profile` (a redact/profile.h name) in the
//! client's accounting; `authorized` when it was made under the client's authorization.
bool is_accountable(std::string_view profile, bool authorized);

//! What an export disclosed, in a few plain words: "Progress report (PDF), 2025-01-01 to
//! 2025-06-30: treatment goals, assessments". `parameters` are the job's stored parameters.
std::string describe_export(std::string_view export_type, std::string_view format,
                            const Json& parameters);

//! The disclosures of `patient_id` made from `from` to `to` (both included), newest first:
//! {"patient_id", "from", "to", "entries": [{date, job_id, export_type, format, what, purpose,
//! recipient, redaction_profile, authorization, consent, requested_by {id, name},
//! accountable}]}. Whether the caller may see the patient is for the caller to check.
Result<Json> list_disclosures(db::Database& db, const std::string& patient_id, const Date& from,
                              const Date& to);

}  // namespace dossier::jobs
