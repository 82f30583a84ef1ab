// The tables of the progress report and the treatment summary.
#include "formats/tabular/projection_internal.h"

namespace dossier::formats::tabular {
namespace {

using T = CellType;

const std::vector<ColumnSource>& report_diagnosis_columns() {
  static const std::vector<ColumnSource> kColumns = {{"code", T::kText, "/code"},
                                                     {"description", T::kText, "/description"},
                                                     {"status", T::kText, "/status"},
                                                     {"is_primary", T::kBoolean, "/is_primary"},
                                                     {"onset_date", T::kDate, "/onset_date"}};
  return kColumns;
}

// The PHQ-9 item 9 screen (gather/measures.h risk_screen) under `at`.
std::vector<ColumnSource> risk_columns(const std::string& at) {
  return {{"risk_screen_administrations", T::kInteger, at + "/administrations"},
          {"risk_screen_positive_dates", T::kText, at + "/positive_dates"},
          {"risk_screen_latest_date", T::kDate, at + "/latest_date"},
          {"risk_screen_latest_answer", T::kInteger, at + "/latest_answer"},
          {"risk_screen_latest_label", T::kText, at + "/latest_label"}};
}

Table goal_measurements(const Json& context, const std::string& goals_at) {
  return make_table("goal_measurements",
                    {{"goal_id", T::kText, "/parent/id"},
                     {"measured_on", T::kDate, "/item/date"},
                     {"value", T::kNumber, "/item/value"}},
                    nested_at(context, goals_at, "/measurements"));
}

}  // namespace

std::vector<ColumnSource> with(std::vector<ColumnSource> columns,
                               const std::vector<ColumnSource>& more) {
  columns.insert(columns.end(), more.begin(), more.end());
  return columns;
}

const std::vector<ColumnSource>& patient_columns() {
  static const std::vector<ColumnSource> kColumns = {
      {"id", T::kText, "/id"},
      {"mrn", T::kText, "/mrn"},
      {"name", T::kText, "/name"},
      {"given_name", T::kText, "/given_name"},
      {"family_name", T::kText, "/family_name"},
      {"preferred_name", T::kText, "/preferred_name"},
      {"birth_date", T::kDate, "/birth_date"},
      {"age", T::kInteger, "/age"},
      {"sex", T::kText, "/sex"},
      {"gender_identity", T::kText, "/gender_identity"},
      {"pronouns", T::kText, "/pronouns"},
      {"address_line1", T::kText, "/address_line1"},
      {"address_line2", T::kText, "/address_line2"},
      {"city", T::kText, "/city"},
      {"state", T::kText, "/state"},
      {"postal_code", T::kText, "/postal_code"},
      {"phone", T::kText, "/phone"},
      {"email", T::kText, "/email"},
      {"preferred_language", T::kText, "/preferred_language"}};
  return kColumns;
}

const std::vector<ColumnSource>& goal_columns() {
  static const std::vector<ColumnSource> kColumns = {
      {"id", T::kText, "/id"},
      {"treatment_plan_id", T::kText, "/treatment_plan_id"},
      {"description", T::kText, "/description"},
      {"measure", T::kText, "/measure"},
      {"baseline", T::kNumber, "/baseline"},
      {"target", T::kNumber, "/target"},
      {"current", T::kNumber, "/current"},
      {"progress_percentage", T::kInteger, "/progress_percentage"},
      {"status", T::kText, "/status"},
      {"due_date", T::kDate, "/due_date"}};
  return kColumns;
}

const std::vector<ColumnSource>& assessment_summary_columns() {
  static const std::vector<ColumnSource> kColumns = {
      {"instrument", T::kText, "/instrument"},
      {"count", T::kInteger, "/count"},
      {"first_date", T::kDate, "/first_date"},
      {"first_score", T::kInteger, "/first_score"},
      {"first_severity", T::kText, "/first_severity"},
      {"last_date", T::kDate, "/last_date"},
      {"last_score", T::kInteger, "/last_score"},
      {"last_severity", T::kText, "/last_severity"},
      {"change", T::kInteger, "/change"},
      {"trend", T::kText, "/trend"}};
  return kColumns;
}

const std::vector<ColumnSource>& session_summary_columns() {
  static const std::vector<ColumnSource> kColumns = {
      {"scheduled", T::kInteger, "/scheduled"},
      {"kept", T::kInteger, "/kept"},
      {"no_show", T::kInteger, "/no_show"},
      {"cancelled", T::kInteger, "/cancelled"},
      {"telehealth", T::kInteger, "/telehealth"},
      {"total_minutes", T::kInteger, "/total_minutes"},
      {"first_session", T::kDate, "/first_session"},
      {"last_session", T::kDate, "/last_session"}};
  return kColumns;
}

std::vector<Table> progress_report_tables(const Json& context) {
  std::vector<Table> tables;
  tables.push_back(make_table("patient", patient_columns(), each_at(context, "/patient")));
  tables.push_back(
      make_table("diagnoses", report_diagnosis_columns(), each_at(context, "/diagnoses")));
  tables.push_back(make_table("goals", goal_columns(), each_at(context, "/goals")));
  tables.push_back(goal_measurements(context, "/goals"));
  tables.push_back(make_table("assessments",
                              {{"id", T::kText, "/id"},
                               {"instrument", T::kText, "/instrument"},
                               {"administered_on", T::kDate, "/administered_on"},
                               {"total_score", T::kInteger, "/total_score"},
                               {"severity", T::kText, "/severity"}},
                              each_at(context, "/assessments")));
  tables.push_back(make_table("assessment_summary", assessment_summary_columns(),
                              each_at(context, "/assessment_summary")));
  tables.push_back(make_table("session_summary", session_summary_columns(),
                              each_at(context, "/session_summary")));
  tables.push_back(make_table("sessions_by_cpt",
                              {{"cpt_code", T::kText, "/cpt_code"}, {"kept", T::kInteger, "/kept"}},
                              members_at(context, "/session_summary/by_cpt", "cpt_code", "kept")));
  tables.push_back(make_table(
      "clinical_observations",
      {{"note_id", T::kText, "/note_id"}, {"date", T::kDate, "/date"}, {"text", T::kText, "/text"}},
      each_at(context, "/clinical_observations")));
  tables.push_back(make_table("recommendations",
                              {{"source", T::kText, "/source"}, {"text", T::kText, "/text"}},
                              each_at(context, "/recommendations")));
  tables.push_back(make_table("medical_necessity",
                              with({{"primary_diagnosis", T::kText, "/primary_diagnosis/code"},
                                    {"measurable_goals", T::kInteger, "/measurable_goals"},
                                    {"modality", T::kText, "/modality"},
                                    {"modality_rationale", T::kText, "/modality_rationale"},
                                    {"frequency", T::kText, "/frequency"},
                                    {"planned_through", T::kDate, "/planned_through"}},
                                   risk_columns("/risk_assessment")),
                              each_at(context, "/medical_necessity")));
  return tables;
}

std::vector<Table> treatment_summary_tables(const Json& context) {
  std::vector<Table> tables;
  tables.push_back(make_table("patient", patient_columns(), each_at(context, "/patient")));
  tables.push_back(make_table("diagnoses",
                              {{"code", T::kText, "/icd10_code"},
                               {"description", T::kText, "/description"},
                               {"status", T::kText, "/status"},
                               {"is_primary", T::kBoolean, "/is_primary"},
                               {"onset_date", T::kDate, "/onset_date"}},
                              each_at(context, "/diagnoses")));
  tables.push_back(make_table("treatment_plan",
                              {{"id", T::kText, "/id"},
                               {"problem", T::kText, "/problem"},
                               {"modality", T::kText, "/modality"},
                               {"modality_rationale", T::kText, "/modality_rationale"},
                               {"frequency", T::kText, "/frequency"},
                               {"interventions", T::kText, "/interventions"},
                               {"start_date", T::kDate, "/start_date"},
                               {"review_date", T::kDate, "/review_date"},
                               {"next_review_date", T::kDate, "/next_review_date"},
                               {"status", T::kText, "/status"}},
                              each_at(context, "/treatment_plan")));
  tables.push_back(make_table("goals", goal_columns(), each_at(context, "/goals")));
  tables.push_back(goal_measurements(context, "/goals"));
  tables.push_back(make_table(
      "services_by_cpt", {{"cpt_code", T::kText, "/cpt_code"}, {"kept", T::kInteger, "/kept"}},
      members_at(context, "/interventions_used/services_by_cpt", "cpt_code", "kept")));
  tables.push_back(make_table("session_summary", session_summary_columns(),
                              each_at(context, "/progress_summary/sessions")));
  tables.push_back(make_table("assessment_summary", assessment_summary_columns(),
                              each_at(context, "/progress_summary/assessments")));
  tables.push_back(make_table("prognosis",
                              {{"rating", T::kText, "/rating"}, {"basis", T::kText, "/basis"}},
                              each_at(context, "/prognosis")));
  tables.push_back(make_table("medical_necessity",
                              with({{"target_symptoms", T::kText, "/target_symptoms"},
                                    {"modality", T::kText, "/modality"},
                                    {"modality_rationale", T::kText, "/modality_rationale"},
                                    {"frequency", T::kText, "/frequency"},
                                    {"plan_start", T::kDate, "/planned_duration/start"},
                                    {"next_review", T::kDate, "/planned_duration/next_review"},
                                    {"clinician", T::kText, "/clinician/name"}},
                                   risk_columns("/risk_assessment")),
                              each_at(context, "/medical_necessity")));
  return tables;
}

}  // namespace dossier::formats::tabular
