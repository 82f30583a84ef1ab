// The resource table: one ResourceSpec per resource of the clinical record. Adding a column
// to a table means adding its FieldSpec here (resources_test checks that none is missing).
#include <cstdint>

#include "core/time_zone.h"
#include "record/field_checks.h"
#include "record/resource_spec.h"
#include "record/resources.h"
#include "record/rules.h"

namespace dossier::record {
namespace {

using T = FieldType;

FieldSpec make(std::string name, T type, size_t max = 200) {
  FieldSpec f;
  f.name = std::move(name);
  f.type = type;
  f.max_length = max;
  return f;
}

FieldSpec text(std::string name, size_t max = 200) {
  return make(std::move(name), T::kText, max);
}

FieldSpec memo(std::string name, size_t max) {
  FieldSpec f = make(std::move(name), T::kText, max);
  f.multiline = true;
  return f;
}

FieldSpec one_of(std::string name, std::vector<std::string> values) {
  FieldSpec f = make(std::move(name), T::kEnum);
  f.values = std::move(values);
  return f;
}

FieldSpec list_of(std::string name, T type, size_t max_items, size_t item_max) {
  FieldSpec f = make(std::move(name), type, max_items);
  f.item_max_length = item_max;
  return f;
}

FieldSpec cents(std::string name) {
  return make(std::move(name), T::kInteger).range(0, 1e12).with_default(0);
}

FieldSpec boolean(std::string name, bool value) {
  return make(std::move(name), T::kBool).with_default(value);
}

FieldSpec id() {
  return make("id", T::kUuid).fixed();
}
FieldSpec created() {
  return make("created_at", T::kTimestamp).server();
}
FieldSpec updated() {
  return make("updated_at", T::kTimestamp).server();
}
FieldSpec patient() {
  return make("patient_id", T::kUuid).required().fixed();
}
FieldSpec derived_patient() {
  return make("patient_id", T::kUuid).derived().fixed();
}
FieldSpec sex(std::string name) {
  return one_of(std::move(name), {"female", "male", "unknown"});
}

FieldSpec state(std::string name) {
  return text(std::move(name), 2).checked(is_us_state, "must be a two-letter US state code");
}
// Documents print the practice's times in it; UTC, as before zones existed, until set.
FieldSpec time_zone() {
  return text("time_zone", 64)
      .checked(is_time_zone, "must be an IANA time zone name such as America/New_York")
      .with_default("UTC")
      .required();
}
FieldSpec postal_code() {
  return text("postal_code", 10).checked(is_postal_code, "must be a ZIP code 12345 or 12345-6789");
}
FieldSpec phone(std::string name) {
  return text(std::move(name), 32)
      .checked(is_phone, "must be a phone number of 7-15 digits with + - . ( ) or spaces");
}
FieldSpec email() {
  return text("email", 254).checked(is_email, "must be an e-mail address");
}
FieldSpec npi() {
  return text("npi", 10).checked(is_npi, "must be a 10-digit NPI with a valid check digit");
}
FieldSpec taxonomy() {
  return text("taxonomy", 10).checked(is_taxonomy_code, "must be a 10-character taxonomy code");
}

constexpr Access kClinical{true, true, false, false};      // billers never see it
constexpr Access kBillable{true, true, true, false};       // billers read it for claims
constexpr Access kCoverage{true, true, true, true};        // billers maintain it
constexpr Access kAdministered{true, false, true, false};  // only admins write it

ResourceSpec spec(std::string name, std::string noun, std::string_view table, Access access,
                  std::vector<FieldSpec> fields) {
  ResourceSpec s;
  s.name = std::move(name);
  s.noun = std::move(noun);
  s.table = find_table(table);
  s.access = access;
  s.fields = std::move(fields);
  return s;
}

ResourceSpec patients() {
  ResourceSpec s =
      spec("patients", "patient", "patients", kBillable,
           {id(),
            text("mrn", 32).checked(is_mrn, "must be 1-32 letters, digits or - . / _").derived(),
            text("given_name", 100).required(),
            text("middle_name", 100),
            text("family_name", 100).required(),
            text("preferred_name", 100),
            make("birth_date", T::kDate).required().past(),
            sex("sex").required(),
            text("gender_identity", 100),
            text("pronouns", 50),
            text("address_line1"),
            text("address_line2"),
            text("city", 100),
            state("state"),
            postal_code(),
            phone("phone"),
            email(),
            text("preferred_language", 50),
            text("emergency_contact_name"),
            text("emergency_contact_relationship", 100),
            phone("emergency_contact_phone"),
            boolean("substance_use_sensitive", false),
            one_of("status", {"active", "inactive", "discharged"}).with_default("active"),
            created(),
            updated()});
  s.check = check_patient;
  s.after_write = after_patient;
  return s;
}

ResourceSpec sessions() {
  ResourceSpec s = spec(
      "sessions", "session", "sessions", kBillable,
      {id(), patient(), make("therapist_id", T::kUuid).derived(),
       make("start_time", T::kTimestamp).required(), make("end_time", T::kTimestamp).required(),
       make("duration_minutes", T::kInteger).range(1, 1440).derived({"start_time", "end_time"}),
       text("cpt_code", 5).required().checked(is_cpt_code, "must be a 5-character CPT code"),
       list_of("modifiers", T::kStringArray, 4, 2)
           .checked(is_modifier, "must be a 2-character modifier")
           .with_default(Json::array()),
       text("place_of_service", 2)
           .required()
           .checked(is_place_of_service, "must be a 2-digit place-of-service code"),
       make("telehealth", T::kBool).derived({"place_of_service"}),
       one_of("status", {"kept", "no_show", "cancelled"}).required(), cents("fee_cents"),
       cents("amount_paid_cents"), created(), updated()});
  s.check = check_session;
  return s;
}

ResourceSpec notes() {
  ResourceSpec s =
      spec("notes", "note", "session_notes", kClinical,
           {id(), make("session_id", T::kUuid).required().fixed(), derived_patient(),
            make("author_id", T::kUuid).derived().fixed(),
            one_of("kind", {"progress_note", "psychotherapy_note"}).required(),
            one_of("format", {"soap", "dap", "birp", "free"}).required(),
            make("sections", T::kObject).required(), boolean("ai_drafted", false),
            memo("transcript", 1'000'000),
            list_of("action_items", T::kStringArray, 100, 1000).with_default(Json::array()),
            make("signed_by", T::kUuid).server(), make("signed_at", T::kTimestamp).server(),
            created(), updated(), make("signed", T::kBool).input_only()});
  s.check = check_note;
  s.read_condition = note_read_condition;
  s.may_update = note_may_update;
  return s;
}

ResourceSpec treatment_plans() {
  ResourceSpec s = spec(
      "treatment-plans", "treatment plan", "treatment_plans", kClinical,
      {id(), patient(), make("therapist_id", T::kUuid).derived(), memo("problem", 4000).required(),
       text("modality"), memo("modality_rationale", 2000), text("frequency"),
       list_of("interventions", T::kStringArray, 50, 500).with_default(Json::array()),
       make("start_date", T::kDate).required(), make("review_date", T::kDate),
       make("next_review_date", T::kDate),
       one_of("status", {"draft", "active", "completed", "revoked"}).with_default("active"),
       created(), updated()});
  s.check = check_treatment_plan;
  return s;
}

ResourceSpec goals() {
  ResourceSpec s =
      spec("goals", "goal", "goals", kClinical,
           {id(), make("treatment_plan_id", T::kUuid).required().fixed(), derived_patient(),
            memo("description", 2000).required(), text("measure").required(),
            make("baseline_value", T::kNumber).required(),
            make("target_value", T::kNumber).required(), make("due_date", T::kDate),
            one_of("status", {"proposed", "in_progress", "achieved", "not_achieved", "cancelled"})
                .with_default("in_progress"),
            created(), updated()});
  s.check = check_goal;
  return s;
}

ResourceSpec goal_measurements() {
  ResourceSpec s = spec("goal-measurements", "goal measurement", "goal_measurements", kClinical,
                        {id(), make("goal_id", T::kUuid).required().fixed(), derived_patient(),
                         make("measured_on", T::kDate).required().past(),
                         make("value", T::kNumber).required(), memo("note", 2000), created()});
  s.check = check_goal_measurement;
  return s;
}

ResourceSpec assessments() {
  ResourceSpec s =
      spec("assessments", "assessment", "assessments", kClinical,
           {id(), derived_patient(), make("session_id", T::kUuid),
            one_of("instrument", {"PHQ-9", "GAD-7"}).required(),
            make("administered_on", T::kDate).required().past(),
            list_of("item_answers", T::kIntArray, 50, 0).range(0, 3).required(),
            make("total_score", T::kInteger).range(0, 27).derived({"item_answers", "instrument"}),
            text("severity").server(), created()});
  s.check = check_assessment;
  return s;
}

ResourceSpec diagnoses() {
  ResourceSpec s =
      spec("diagnoses", "diagnosis", "diagnoses", kBillable,
           {id(), patient(),
            text("icd10_code", 8).required().checked(is_icd10_code, "must be an ICD-10-CM code"),
            text("description", 500).required(), make("onset_date", T::kDate).past(),
            one_of("status", {"active", "resolved", "inactive"}).with_default("active"),
            boolean("is_primary", false), created(), updated()});
  s.after_write = after_diagnosis;
  return s;
}

ResourceSpec coverage() {
  ResourceSpec s =
      spec("coverage", "coverage", "coverage", kCoverage,
           {id(), patient(),
            one_of("priority", {"primary", "secondary", "tertiary"}).with_default("primary"),
            text("payer_name").required(), text("payer_id", 80).required(), text("plan_name"),
            text("member_id", 80).required(), text("group_number", 80),
            one_of("subscriber_relationship", {"self", "spouse", "child", "other"}).required(),
            text("subscriber_given_name", 100), text("subscriber_family_name", 100),
            make("subscriber_birth_date", T::kDate).past(), sex("subscriber_sex"),
            make("start_date", T::kDate), make("end_date", T::kDate), created(), updated(),
            one_of("telehealth_modifier", {"95", "GT"}),
            one_of("telehealth_place_of_service", {"02", "10", "11"})});
  s.check = check_coverage;
  return s;
}

ResourceSpec care_team() {
  ResourceSpec s = spec("care-team", "care team member", "care_team", kAdministered,
                        {patient(), make("user_id", T::kUuid).required().fixed(),
                         one_of("role", {"primary", "secondary"}).with_default("primary"),
                         make("assigned_at", T::kTimestamp).server()});
  s.key_columns = {"patient_id", "user_id"};
  s.check = check_care_team;
  return s;
}

ResourceSpec attachments() {
  // base64 of 10 MiB; the decoded size is checked exactly by check_attachment.
  constexpr size_t kMaxEncoded = 4 * (((10u << 20) + 2) / 3);
  ResourceSpec s =
      spec("attachments", "attachment", "attachments", kClinical,
           {id(), patient(),
            text("filename", 255).required().checked(is_plain_filename, "must be a file name"),
            text("content_type", 255).required().checked(is_content_type, "must be a MIME type"),
            make("size_bytes", T::kInteger).server(), text("sha256").server(),
            memo("description", 2000), make("content", T::kText).server(), created(),
            text("content_base64", kMaxEncoded)
                .required()
                .fixed()
                .input_only()
                .checked(is_base64, "must be standard base64 with padding")
                .capped(kMaxEncoded, "must decode to at most 10 MiB")});
  s.hidden_columns = {"content"};
  s.check = check_attachment;
  return s;
}

ResourceSpec users() {
  ResourceSpec s =
      spec("users", "user", "users", kAdministered,
           {id(), one_of("role", {"therapist", "admin", "biller"}).required(),
            text("given_name", 100).required(), text("family_name", 100).required(),
            text("credentials", 100), npi(), text("license_number", 50), state("license_state"),
            taxonomy(), email(), boolean("is_active", true), created(), updated()});
  return s;
}

ResourceSpec practice() {
  ResourceSpec s =
      spec("practice", "practice", "practice", kAdministered,
           {id(), text("name").required(), text("address_line1"), text("address_line2"),
            text("city", 100), state("state"), postal_code(), phone("phone"),
            text("tax_id", 10).checked(is_tax_id, "must be 9 digits, optionally as 12-3456789"),
            npi(), taxonomy(), time_zone(), created(), updated()});
  s.check = check_practice;
  return s;
}

}  // namespace

const std::vector<ResourceSpec>& resource_specs() {
  static const std::vector<ResourceSpec> kSpecs = {
      patients(),          sessions(),    notes(),     treatment_plans(), goals(),
      goal_measurements(), assessments(), diagnoses(), coverage(),        care_team(),
      attachments(),       users(),       practice()};
  return kSpecs;
}

const std::vector<std::string>& resource_names() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const auto& s : resource_specs()) names.push_back(s.name);
    return names;
  }();
  return kNames;
}

}  // namespace dossier::record
