#include "gather/gather.h"

#include "gather/full_record.h"
#include "gather/reports.h"

namespace dossier::gather {

Result<Json> gather(db::Database& db, const Json& row, const std::string& generated_at) {
  DOSSIER_ASSIGN_OR_RETURN(Job job, load_job(db, row, generated_at));
  // A full record without its notes (a biller's Patient/$everything) carries no notes.
  const bool carries_notes =
      job.export_type != "insurance_report" && job.export_type != "practice_summary" &&
      (job.export_type != "full_record" ||
       job.parameters.value("include_sections", Json::object()).value("notes", true));
  if (carries_notes && !job.creator.may_read_notes()) {
    return Error::make(ErrorCode::kForbidden,
                       "this export is not available to the requester's role");
  }
  if (job.export_type == "session_notes") return gather_session_notes(db, job);
  if (job.export_type == "progress_report") return gather_progress_report(db, job);
  if (job.export_type == "treatment_summary") return gather_treatment_summary(db, job);
  if (job.export_type == "full_record") return gather_full_record(db, job);
  if (job.export_type == "insurance_report") return gather_insurance_report(db, job);
  if (job.export_type == "practice_summary") return gather_practice_summary(db, job);
  return Error::internal("unknown export type");
}

}  // namespace dossier::gather
