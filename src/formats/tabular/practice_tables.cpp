// The tables of the practice summary (gather/practice_summary.cpp): one per part of the
// report, so a spreadsheet of the month is the report's own figures.
#include "formats/tabular/projection_internal.h"

namespace dossier::formats::tabular {
namespace {

using T = CellType;

// Sessions of a therapist or of the practice, the object at `at` in the row's scope.
std::vector<ColumnSource> attendance_columns(const std::string& at) {
  return {{"sessions", T::kInteger, at + "/sessions"},
          {"kept", T::kInteger, at + "/kept"},
          {"no_show", T::kInteger, at + "/no_show"},
          {"cancelled", T::kInteger, at + "/cancelled"},
          {"clients_seen", T::kInteger, at + "/clients_seen"},
          {"no_show_rate_percent", T::kNumber, at + "/no_show_rate"}};
}

}  // namespace

std::vector<Table> practice_summary_tables(const Json& context) {
  std::vector<Table> tables;
  tables.push_back(make_table(
      "summary",
      with({{"period_start", T::kDate, "/period/start"}, {"period_end", T::kDate, "/period/end"}},
           attendance_columns("/totals")),
      each_at(context, "")));
  tables.push_back(make_table("sessions_by_therapist",
                              with({{"therapist_id", T::kText, "/id"},
                                    {"therapist", T::kText, "/name"},
                                    {"credentials", T::kText, "/credentials"}},
                                   attendance_columns("")),
                              each_at(context, "/therapists")));
  tables.push_back(make_table("cpt_mix",
                              {{"cpt_code", T::kText, "/code"},
                               {"kept_sessions", T::kInteger, "/count"},
                               {"share_percent", T::kNumber, "/share"}},
                              each_at(context, "/cpt_mix")));
  tables.push_back(make_table("outcome_measures",
                              {{"mrn", T::kText, "/mrn"},
                               {"therapist", T::kText, "/therapist"},
                               {"instrument", T::kText, "/instrument"},
                               {"baseline_date", T::kDate, "/baseline_date"},
                               {"baseline_score", T::kInteger, "/baseline_score"},
                               {"latest_date", T::kDate, "/latest_date"},
                               {"latest_score", T::kInteger, "/latest_score"},
                               {"latest_severity", T::kText, "/latest_severity"},
                               {"change", T::kInteger, "/change"},
                               {"direction", T::kText, "/direction"}},
                              each_at(context, "/measures")));
  tables.push_back(make_table("outcome_summary",
                              {{"instrument", T::kText, "/instrument"},
                               {"clients", T::kInteger, "/clients"},
                               {"improved", T::kInteger, "/improved"},
                               {"no_reliable_change", T::kInteger, "/no_reliable_change"},
                               {"worsened", T::kInteger, "/worsened"},
                               {"baseline_only", T::kInteger, "/baseline_only"},
                               {"mean_change", T::kNumber, "/mean_change"}},
                              each_at(context, "/measure_summary")));
  tables.push_back(make_table("billing",
                              {{"billable_sessions", T::kInteger, "/billable_sessions"},
                               {"billed", T::kMoney, "/billed_cents"},
                               {"paid", T::kMoney, "/paid_cents"},
                               {"outstanding", T::kMoney, "/outstanding_cents"}},
                              each_at(context, "/billing")));
  tables.push_back(make_table("claim_files",
                              {{"format", T::kText, "/format"}, {"files", T::kInteger, "/count"}},
                              each_at(context, "/billing/claim_files")));
  return tables;
}

}  // namespace dossier::formats::tabular
