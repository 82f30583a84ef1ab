// Rules for the demographic and practice-wide resources: patients, their care team and
// coverage, and the practice itself.
#include <algorithm>
#include <cctype>

#include "core/clock.h"
#include "core/ids.h"
#include "record/rule_helpers.h"
#include "record/rules.h"

namespace dossier::record {
namespace {

// "MRN-" and ten upper-case hex digits from the random part of a UUIDv7: 40 random bits,
// retried on the (unlikely) collision.
Result<std::string> generate_mrn(db::Database& db) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    std::string random = new_uuid().substr(26);
    std::transform(random.begin(), random.end(), random.begin(), [](char c) {
      return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    });
    const std::string mrn = "MRN-" + random;
    DOSSIER_ASSIGN_OR_RETURN(Json row,
                             db.query_one("SELECT 1 AS taken FROM patients WHERE mrn = ?", {mrn}));
    if (row.is_null()) return mrn;
  }
  return Error::internal("could not generate a unique mrn");
}

}  // namespace

Status check_patient(WriteContext& ctx) {
  const Json* mrn = ctx.value("mrn");
  if (mrn == nullptr) {
    if (ctx.problems.has("mrn")) return {};
    // Other systems (claims, transfers) carry the MRN: it is assigned once, never cleared.
    if (!ctx.creating()) {
      ctx.problems.add("mrn", "cannot be cleared");
      return {};
    }
    DOSSIER_ASSIGN_OR_RETURN(ctx.object["mrn"], generate_mrn(ctx.db));
    return {};
  }
  if (!ctx.given("mrn") || !ctx.problems.empty()) return {};
  // Only admins, who see every patient, choose MRNs: to anyone else "already in use" would
  // say that a patient they may not see has it.
  const bool unchanged = !ctx.creating() && ctx.existing && (*ctx.existing)["mrn"] == *mrn;
  if (!ctx.caller.is_admin() && !unchanged) {
    ctx.problems.add("mrn", "is assigned by Dossier; only admins set it");
    return {};
  }
  DOSSIER_ASSIGN_OR_RETURN(
      Json taken, ctx.db.query_one("SELECT 1 AS taken FROM patients WHERE mrn = ? AND id <> ?",
                                   {*mrn, ctx.object["id"]}));
  if (taken.is_null()) return {};
  Error conflict = Error::make(ErrorCode::kConflict, "the mrn is already in use");
  conflict.fields.push_back({"mrn", "is already in use"});
  return conflict;
}

Status after_patient(WriteContext& ctx) {
  // A therapist who registers a client is treating them: put them on the care team, or they
  // could not see the patient they just created.
  if (!ctx.creating() || ctx.caller.role != auth::Role::kTherapist) return {};
  DOSSIER_TRY(ctx.db.execute(
      "INSERT INTO care_team (patient_id, user_id, role, assigned_at) VALUES (?, ?, 'primary', ?)",
      {ctx.object["id"], ctx.caller.user_id, now_timestamp()}));
  return {};
}

Status check_care_team(WriteContext& ctx) {
  return require_clinician(ctx, "user_id");
}

Status check_coverage(WriteContext& ctx) {
  check_date_order(ctx, "start_date", "end_date");
  // Claims name the subscriber (X12 2010BA, CMS-1500 item 4) when it is not the patient.
  const Json* relationship = ctx.value("subscriber_relationship");
  if (relationship == nullptr || *relationship == "self") return {};
  for (const char* name : {"subscriber_given_name", "subscriber_family_name"}) {
    if (ctx.value(name) == nullptr && !ctx.problems.has(name)) {
      ctx.problems.add(name, "is required when the subscriber is not the patient");
    }
  }
  return {};
}

Status check_practice(WriteContext& ctx) {
  // The record describes one practice; a second row would make exports pick one at random.
  if (!ctx.creating()) return {};
  DOSSIER_ASSIGN_OR_RETURN(Json row, ctx.db.query_one("SELECT id FROM practice"));
  if (!row.is_null()) {
    return Error::make(ErrorCode::kConflict, "the practice already exists; update it instead");
  }
  return {};
}

}  // namespace dossier::record
