#include "web/jobs_view.h"

#include <cstdio>
#include <string>

#include "core/dates.h"
#include "core/time_zone.h"

namespace dossier::web {
namespace {

std::string type_label(const std::string& type) {
  if (type == "session_notes") return "Session notes";
  if (type == "progress_report") return "Progress report";
  if (type == "treatment_summary") return "Treatment summary";
  if (type == "full_record") return "Full record";
  if (type == "insurance_report") return "Insurance report";
  if (type == "practice_summary") return "Practice summary";
  if (type == "batch") return "Batch";
  return type;
}

std::string status_label(const std::string& status) {
  if (status == "pending") return "Waiting";
  if (status == "processing") return "In progress";
  if (status == "completed") return "Ready";
  if (status == "failed") return "Failed";
  if (status == "expired") return "Expired";
  return status;
}

Json or_null(const Json& job, const char* key) {
  auto it = job.find(key);
  return it == job.end() ? Json() : *it;
}

// "2026-12-07 09:30" in the practice's zone (as the templates' date filter prints it), or null.
Json local_text(const Json& timestamp, std::string_view time_zone) {
  if (!timestamp.is_string()) return nullptr;
  auto t = parse_timestamp(timestamp.get<std::string>());
  if (!t) return nullptr;
  auto local = to_local_time(*t, time_zone);
  if (!local.ok()) return nullptr;
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02d:%02d", local->hour, local->minute);
  return local->date.str() + " " + hm;
}

}  // namespace

Json job_row(const Json& job, std::string_view time_zone) {
  const std::string id = job["id"];
  const std::string status = job["status"];
  Json row = {{"id", id},
              {"href", "/jobs/" + id},
              {"delete_href", "/jobs/" + id + "/delete"},
              {"type_label", type_label(job["export_type"])},
              {"format", job["format"]},
              {"patient_name", or_null(job, "patient_name")},
              {"status", status},
              {"status_label", status_label(status)},
              {"finished", status == "completed" || status == "failed" || status == "expired"},
              {"progress_text", nullptr},
              {"progress_percent", nullptr},
              {"created_text", local_text(job["created_at"], time_zone)},
              {"expires_text", local_text(job["expires_at"], time_zone)},
              {"download_url", or_null(job, "download_url")},
              {"error_message", or_null(job, "error_message")}};
  const Json progress = or_null(job, "progress");
  if (progress.is_object() && progress["total"].is_number_integer()) {
    const int64_t total = progress["total"];
    const int64_t done = progress.value("done", int64_t{0});
    row["progress_text"] = std::to_string(done) + " of " + std::to_string(total) + " clients";
    row["progress_percent"] = total > 0 ? done * 100 / total : 100;
  }
  return row;
}

Json job_rows(const Json& list, std::string_view time_zone) {
  Json rows = Json::array();
  for (const Json& job : list["jobs"]) rows.push_back(job_row(job, time_zone));
  return {{"jobs", rows}};
}

}  // namespace dossier::web
