#include "record/schema.h"

#include <algorithm>

#include "core/base64.h"

namespace dossier::record {
namespace {

using K = ColumnKind;

std::vector<TableSpec> build_tables() {
  const Column created{"created_at", K::kTimestamp};
  const Column updated{"updated_at", K::kTimestamp};
  return {
      {"practice",
       {{"id", K::kText},
        {"name", K::kText},
        {"address_line1", K::kText},
        {"address_line2", K::kText},
        {"city", K::kText},
        {"state", K::kText},
        {"postal_code", K::kText},
        {"phone", K::kText},
        {"tax_id", K::kText},
        {"npi", K::kText},
        {"taxonomy", K::kText},
        created,
        updated,
        {"time_zone", K::kText}},  // added by 0004, so after the stamps
       "",
       "created_at",
       ""},
      {"users",
       {{"id", K::kText},
        {"role", K::kText},
        {"given_name", K::kText},
        {"family_name", K::kText},
        {"credentials", K::kText},
        {"npi", K::kText},
        {"license_number", K::kText},
        {"license_state", K::kText},
        {"taxonomy", K::kText},
        {"email", K::kText},
        {"is_active", K::kBool},
        created,
        updated},
       "",
       "created_at",
       ""},
      {"api_tokens",
       {{"id", K::kText},
        {"user_id", K::kText},
        {"token_hash", K::kText},
        {"label", K::kText},
        created,
        {"revoked_at", K::kTimestamp},
        {"expires_at", K::kTimestamp}},
       "",
       "created_at",
       "credentials of the practice's staff, not part of any client's record"},
      {"patients",
       {{"id", K::kText},
        {"mrn", K::kText},
        {"given_name", K::kText},
        {"middle_name", K::kText},
        {"family_name", K::kText},
        {"preferred_name", K::kText},
        {"birth_date", K::kDate},
        {"sex", K::kText},
        {"gender_identity", K::kText},
        {"pronouns", K::kText},
        {"address_line1", K::kText},
        {"address_line2", K::kText},
        {"city", K::kText},
        {"state", K::kText},
        {"postal_code", K::kText},
        {"phone", K::kText},
        {"email", K::kText},
        {"preferred_language", K::kText},
        {"emergency_contact_name", K::kText},
        {"emergency_contact_relationship", K::kText},
        {"emergency_contact_phone", K::kText},
        {"substance_use_sensitive", K::kBool},
        {"status", K::kText},
        created,
        updated},
       "id",
       "created_at",
       ""},
      {"care_team",
       {{"patient_id", K::kText},
        {"user_id", K::kText},
        {"role", K::kText},
        {"assigned_at", K::kTimestamp}},
       "patient_id",
       "assigned_at",
       ""},
      {"coverage",
       {{"id", K::kText},
        {"patient_id", K::kText},
        {"priority", K::kText},
        {"payer_name", K::kText},
        {"payer_id", K::kText},
        {"plan_name", K::kText},
        {"member_id", K::kText},
        {"group_number", K::kText},
        {"subscriber_relationship", K::kText},
        {"subscriber_given_name", K::kText},
        {"subscriber_family_name", K::kText},
        {"subscriber_birth_date", K::kDate},
        {"subscriber_sex", K::kText},
        {"start_date", K::kDate},
        {"end_date", K::kDate},
        created,
        updated,
        {"telehealth_modifier", K::kText},  // added by 0012, so after the stamps
        {"telehealth_place_of_service", K::kText}},
       "patient_id",
       "created_at",
       ""},
      {"diagnoses",
       {{"id", K::kText},
        {"patient_id", K::kText},
        {"icd10_code", K::kText},
        {"description", K::kText},
        {"onset_date", K::kDate},
        {"status", K::kText},
        {"is_primary", K::kBool},
        created,
        updated},
       "patient_id",
       "created_at",
       ""},
      {"treatment_plans",
       {{"id", K::kText},
        {"patient_id", K::kText},
        {"therapist_id", K::kText},
        {"problem", K::kText},
        {"modality", K::kText},
        {"frequency", K::kText},
        {"interventions", K::kJson},
        {"start_date", K::kDate},
        {"review_date", K::kDate},
        {"next_review_date", K::kDate},
        {"status", K::kText},
        created,
        updated,
        {"modality_rationale", K::kText}},
       "patient_id",
       "start_date",
       ""},
      {"goals",
       {{"id", K::kText},
        {"treatment_plan_id", K::kText},
        {"patient_id", K::kText},
        {"description", K::kText},
        {"measure", K::kText},
        {"baseline_value", K::kReal},
        {"target_value", K::kReal},
        {"due_date", K::kDate},
        {"status", K::kText},
        created,
        updated},
       "patient_id",
       "created_at",
       ""},
      {"goal_measurements",
       {{"id", K::kText},
        {"goal_id", K::kText},
        {"patient_id", K::kText},
        {"measured_on", K::kDate},
        {"value", K::kReal},
        {"note", K::kText},
        created},
       "patient_id",
       "measured_on",
       ""},
      {"sessions",
       {{"id", K::kText},
        {"patient_id", K::kText},
        {"therapist_id", K::kText},
        {"start_time", K::kTimestamp},
        {"end_time", K::kTimestamp},
        {"duration_minutes", K::kInteger},
        {"cpt_code", K::kText},
        {"modifiers", K::kJson},
        {"place_of_service", K::kText},
        {"telehealth", K::kBool},
        {"status", K::kText},
        {"fee_cents", K::kInteger},
        {"amount_paid_cents", K::kInteger},
        created,
        updated},
       "patient_id",
       "start_time",
       ""},
      {"session_notes",
       {{"id", K::kText},
        {"session_id", K::kText},
        {"patient_id", K::kText},
        {"author_id", K::kText},
        {"kind", K::kText},
        {"format", K::kText},
        {"sections", K::kJson},
        {"ai_drafted", K::kBool},
        {"transcript", K::kText},
        {"action_items", K::kJson},
        {"signed_by", K::kText},
        {"signed_at", K::kTimestamp},
        created,
        updated},
       "patient_id",
       "created_at",
       ""},
      {"assessments",
       {{"id", K::kText},
        {"patient_id", K::kText},
        {"session_id", K::kText},
        {"instrument", K::kText},
        {"administered_on", K::kDate},
        {"item_answers", K::kJson},
        {"total_score", K::kInteger},
        {"severity", K::kText},
        created},
       "patient_id",
       "administered_on",
       ""},
      {"attachments",
       {{"id", K::kText},
        {"patient_id", K::kText},
        {"filename", K::kText},
        {"content_type", K::kText},
        {"size_bytes", K::kInteger},
        {"sha256", K::kText},
        {"description", K::kText},
        {"content", K::kBlob},
        created},
       "patient_id",
       "created_at",
       ""},
  };
}

}  // namespace

const Column* TableSpec::column(std::string_view col) const {
  auto it =
      std::find_if(columns.begin(), columns.end(), [&](const Column& c) { return c.name == col; });
  return it == columns.end() ? nullptr : &*it;
}

std::vector<std::string> TableSpec::column_names() const {
  std::vector<std::string> out;
  for (const auto& c : columns) out.push_back(c.name);
  return out;
}

const std::vector<TableSpec>& clinical_tables() {
  static const std::vector<TableSpec> kTables = build_tables();
  return kTables;
}

const TableSpec* find_table(std::string_view name) {
  for (const auto& t : clinical_tables()) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

Json to_object(const TableSpec& table, const db::Row& row) {
  Json out = Json::object();
  for (const auto& c : table.columns) {
    const auto it = row.find(c.name);
    if (it == row.end() || it->is_null()) {
      out[c.name] = nullptr;
      continue;
    }
    switch (c.kind) {
      case K::kBool:
        out[c.name] = it->is_boolean() ? it->get<bool>() : it->get<int64_t>() != 0;
        break;
      case K::kJson:
        out[c.name] = it->is_string() ? Json::parse(it->get<std::string>()) : *it;
        break;
      case K::kBlob:
        out[c.name] = it->is_binary() ? base64_encode(it->get_binary()) : it->get<std::string>();
        break;
      case K::kReal:
        out[c.name] = it->get<double>();
        break;
      default:
        out[c.name] = *it;
    }
  }
  return out;
}

db::Params to_params(const TableSpec& table, const Json& object) {
  db::Params params;
  for (const auto& c : table.columns) {
    const auto it = object.find(c.name);
    if (it == object.end() || it->is_null()) {
      params.emplace_back(nullptr);
    } else if (c.kind == K::kJson) {
      params.emplace_back(it->dump());
    } else if (c.kind == K::kBlob && it->is_string()) {
      auto bytes = base64_decode(it->get<std::string>());
      params.emplace_back(bytes ? Json::binary(std::move(*bytes)) : Json(nullptr));
    } else {
      params.push_back(*it);
    }
  }
  return params;
}

std::string insert_sql(const TableSpec& table) {
  std::string cols, marks;
  for (const auto& c : table.columns) {
    if (!cols.empty()) {
      cols += ", ";
      marks += ", ";
    }
    cols += c.name;
    marks += "?";
  }
  return "INSERT INTO " + table.name + " (" + cols + ") VALUES (" + marks + ")";
}

}  // namespace dossier::record
