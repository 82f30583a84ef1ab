// What a scheduled report is, as its owner asks for it (POST and PATCH
// /api/v1/export/scheduled), checked against the record and the owner:
//
//   {"template_id": uuid?, "export_type": "progress_report"?, "format": "pdf"?,
//    "patient_id": uuid (null for a practice-wide report: practice_summary),
//    "schedule_type": "monthly", "schedule_config": {"time": "08:00", "day_of_month": 1},
//    "parameters": {members of the export's own request: include_sections, options,
//                   redaction, purpose, recipient, …},
//    "delivery_method": "storage" | "email",
//    "delivery": {"copy_to_directory": bool, "attachment_password": string | null},
//    "missed_runs": "catch_up" | "skip", "is_active": bool}
//
// The export type and format come from the body or, when left out, from the template. Each
// run covers the period before it (period.h), so the parameters carry no dates or sessions.
// Email goes to the owner's address on file, because the link it carries acts for the owner.
// It carries the file itself only when the owner set an attachment password (12 to 128
// characters) on an email schedule of a PDF: then the PDF, encrypted with it, is attached.
// The password is write-only: kept sealed (storage/sealed_secret.h), never shown; null
// removes it, and leaving it out of a change keeps it.
#pragma once

#include <optional>
#include <string>

#include "auth/caller.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"
#include "jobs/export_types.h"
#include "schedule/recurrence.h"

namespace dossier::schedule {

//! delivery.attachment_password as a body gave it.
struct PasswordChange {
  bool given = false;                //!< the body named it
  std::optional<std::string> value;  //!< the new password; nullopt with `given` removes it
};

struct ScheduleSpec {
  std::optional<std::string> template_id;
  jobs::ExportType export_type = jobs::ExportType::kProgressReport;
  std::string format;
  std::optional<std::string> patient_id;
  Recurrence recurrence;
  Json parameters = Json::object();
  std::string delivery_method = "storage";
  Json delivery = Json::object();      //!< {"copy_to_directory": bool}
  PasswordChange attachment_password;  //!< kept apart from `delivery`, which is stored as is
  std::string missed_runs = "catch_up";
  bool is_active = true;
};

//! The body checked in full: every shape problem at once as kValidation naming the member
//! ("schedule_config.time", "parameters.include_sections.goals"), then the record and the
//! owner (a patient `owner` may not see is kNotFound, a role that may not make the export is
//! kForbidden, an email schedule of an owner without an address is kValidation).
//! `practice_zone` is the zone of a config that names none.
Result<ScheduleSpec> parse_schedule(db::Database& db, const auth::Caller& owner, const Json& body,
                                    std::string_view practice_zone);

//! Whether runs of `spec` may carry an attachment: email delivery of a PDF.
bool may_attach(const ScheduleSpec& spec);

//! The body form of `spec`: what a PATCH body is laid over before it is checked again.
Json to_body(const ScheduleSpec& spec);

//! The export request body of one run: the parameters with the patient, format, template and
//! the given period filled in. `session_ids` for session notes, else empty.
Json run_body(const ScheduleSpec& spec, const std::string& start_date, const std::string& end_date,
              const Json& session_ids);

}  // namespace dossier::schedule
