#include "formats/tabular/projection.h"

#include "formats/tabular/projection_internal.h"

namespace dossier::formats::tabular {
namespace {

using T = CellType;

// One row per note. Every row repeats its session, its therapist and the record's notices,
// so a row copied out of the file still says where it came from and how it may be used.
std::vector<ColumnSource> note_columns() {
  std::vector<ColumnSource> columns = {
      {"patient_id", T::kText, "/patient/id"},
      {"patient_name", T::kText, "/patient/name"},
      {"mrn", T::kText, "/patient/mrn"},
      {"session_id", T::kText, "/session/id"},
      {"session_date", T::kDate, "/date"},
      {"session_start", T::kDateTime, "/session/start_time"},
      {"session_end", T::kDateTime, "/session/end_time"},
      {"session_status", T::kText, "/session/status"},
      {"cpt_code", T::kText, "/session/cpt_code"},
      {"telehealth", T::kBoolean, "/session/telehealth"},
      {"therapist_name", T::kText, "/therapist/name"},
      {"therapist_credentials", T::kText, "/therapist/credentials"},
      {"note_id", T::kText, "/note/id"},
      {"note_kind", T::kText, "/note/kind"},
      {"note_format", T::kText, "/note/format"}};
  for (const char* section : {"subjective", "objective", "data", "behavior", "intervention",
                              "response", "assessment", "plan", "text"}) {
    columns.push_back({section, T::kText, std::string("/note/sections/") + section});
  }
  const std::vector<ColumnSource> tail = {{"action_items", T::kText, "/note/action_items"},
                                          {"transcript", T::kText, "/note/transcript"},
                                          {"ai_drafted", T::kBoolean, "/note/ai_drafted"},
                                          {"signed", T::kBoolean, "/note/signed"},
                                          {"signed_at", T::kDateTime, "/note/signed_at"},
                                          {"signed_by", T::kText, "/note/signed_by/name"},
                                          {"notices", T::kText, "/notices"}};
  columns.insert(columns.end(), tail.begin(), tail.end());
  return columns;
}

}  // namespace

std::vector<Table> session_notes_tables(const Json& context) {
  ScopeWalk walk = [&context](const ScopeVisitor& visit) -> Status {
    const Json& sessions = value_at(context, "/sessions");
    if (!sessions.is_array()) return {};
    Json scope = {{"patient", value_at(context, "/patient")}, {"notices", notices_text(context)}};
    for (const auto& entry : sessions) {
      scope["session"] = value_at(entry, "/session");
      scope["date"] = value_at(entry, "/date");
      scope["therapist"] = value_at(entry, "/therapist");
      const Json& notes = value_at(entry, "/notes");
      if (!notes.is_array()) continue;
      for (const auto& note : notes) {
        scope["note"] = note;
        DOSSIER_TRY(visit(scope));
      }
    }
    return {};
  };
  std::vector<Table> tables;
  tables.push_back(make_table("session_notes", note_columns(), std::move(walk)));
  return tables;
}

std::vector<Table> insurance_report_tables(const Json& context) {
  std::vector<Table> tables;
  tables.push_back(make_table("claim",
                              {{"provider_name", T::kText, "/provider_name"},
                               {"provider_npi", T::kText, "/provider_npi"},
                               {"billing_name", T::kText, "/billing_name"},
                               {"billing_npi", T::kText, "/billing_npi"},
                               {"billing_tax_id", T::kText, "/billing_tax_id"},
                               {"member_id", T::kText, "/patient_id"},
                               {"diagnosis_codes", T::kText, "/diagnosis_codes"},
                               {"procedure_codes", T::kText, "/procedure_codes"},
                               {"service_dates", T::kText, "/service_dates"},
                               {"total_units", T::kInteger, "/total_units"}},
                              each_at(context, "/claim_info")));
  tables.push_back(make_table("patient",
                              {{"name", T::kText, "/name"},
                               {"birth_date", T::kDate, "/birth_date"},
                               {"sex", T::kText, "/sex"}},
                              each_at(context, "/patient")));
  tables.push_back(make_table("coverage",
                              {{"payer_name", T::kText, "/payer_name"},
                               {"payer_id", T::kText, "/payer_id"},
                               {"plan_name", T::kText, "/plan_name"},
                               {"member_id", T::kText, "/member_id"},
                               {"group_number", T::kText, "/group_number"},
                               {"subscriber_relationship", T::kText, "/subscriber_relationship"},
                               {"start_date", T::kDate, "/start_date"},
                               {"end_date", T::kDate, "/end_date"}},
                              each_at(context, "/coverage")));
  tables.push_back(make_table(
      "diagnoses", {{"code", T::kText, "/code"}, {"description", T::kText, "/description"}},
      each_at(context, "/claim_info/diagnoses")));
  tables.push_back(make_table("service_lines",
                              {{"session_id", T::kText, "/session_id"},
                               {"service_date", T::kDate, "/service_date"},
                               {"procedure_code", T::kText, "/procedure_code"},
                               {"modifiers", T::kText, "/modifiers"},
                               {"place_of_service", T::kText, "/place_of_service"},
                               {"units", T::kInteger, "/units"},
                               {"charge", T::kMoney, "/charge_cents"},
                               {"paid", T::kMoney, "/paid_cents"},
                               {"diagnosis_pointers", T::kText, "/diagnosis_pointers"},
                               {"rendering_provider_npi", T::kText, "/rendering_provider_npi"}},
                              each_at(context, "/service_lines")));
  tables.push_back(make_table("clinical_summary",
                              {{"presenting_problem", T::kText, "/presenting_problem"},
                               {"treatment_provided", T::kText, "/treatment_provided"},
                               {"progress", T::kText, "/progress"},
                               {"medical_necessity", T::kText, "/medical_necessity"}},
                              each_at(context, "/clinical_summary")));
  return tables;
}

std::vector<Table> project(std::string_view export_type, const Json& context) {
  if (export_type == "session_notes") return session_notes_tables(context);
  if (export_type == "progress_report") return progress_report_tables(context);
  if (export_type == "treatment_summary") return treatment_summary_tables(context);
  if (export_type == "full_record") return full_record_tables(context);
  if (export_type == "insurance_report") return insurance_report_tables(context);
  if (export_type == "practice_summary") return practice_summary_tables(context);
  return {};
}

}  // namespace dossier::formats::tabular
