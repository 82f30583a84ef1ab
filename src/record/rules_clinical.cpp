// Rules for sessions, assessments, diagnoses and attachments.
#include <chrono>
#include <numeric>

#include "core/base64.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/dates.h"
#include "record/assessment_scoring.h"
#include "record/field_checks.h"
#include "record/rule_helpers.h"
#include "record/rules.h"

namespace dossier::record {
namespace {

constexpr size_t kMaxAttachmentBytes = 10u << 20;  // 10 MiB

// end after start, duration derived or checked, and the CPT code's time rule.
void check_session_times(WriteContext& ctx) {
  const Json* start = ctx.value("start_time");
  const Json* end = ctx.value("end_time");
  if (start == nullptr || end == nullptr) return;
  const auto from = parse_timestamp(start->get<std::string>());
  const auto to = parse_timestamp(end->get<std::string>());
  if (!from || !to || *to <= *from) {
    ctx.problems.add("end_time", "must be after start_time");
    return;
  }
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(*to - *from).count();
  if (minutes > 24 * 60) {
    ctx.problems.add("end_time", "must be at most 24 hours after start_time");
    return;
  }
  const Json* duration = ctx.value("duration_minutes");
  if (duration == nullptr && !ctx.problems.has("duration_minutes")) {
    ctx.object["duration_minutes"] = minutes;
  } else if (duration != nullptr && duration->get<int64_t>() != minutes) {
    ctx.problems.add("duration_minutes", "must equal the minutes from start_time to end_time");
    return;
  }
  const Json* cpt = ctx.value("cpt_code");
  if (cpt == nullptr) return;
  if (auto problem = cpt_duration_problem(cpt->get<std::string>(), static_cast<int>(minutes))) {
    ctx.problems.add("cpt_code", "does not agree with the session duration: " + *problem);
  }
}

// Place of service 02/10 is telehealth and nothing else is; derive the flag when absent.
void check_telehealth(WriteContext& ctx) {
  const Json* pos = ctx.value("place_of_service");
  if (pos == nullptr) return;
  const bool remote = is_telehealth_place(pos->get<std::string>());
  const Json* telehealth = ctx.value("telehealth");
  if (telehealth == nullptr) {
    if (!ctx.problems.has("telehealth")) ctx.object["telehealth"] = remote;
  } else if (telehealth->get<bool>() != remote) {
    ctx.problems.add("telehealth", remote ? "must be true when place_of_service is 02 or 10"
                                          : "must be false unless place_of_service is 02 or 10");
  }
}

void score_assessment(WriteContext& ctx) {
  const Json* instrument = ctx.value("instrument");
  const Json* answers = ctx.value("item_answers");
  if (instrument == nullptr || answers == nullptr) return;
  const std::string name = instrument->get<std::string>();
  const auto items = static_cast<size_t>(assessment_item_count(name));
  if (answers->size() != items) {
    ctx.problems.add("item_answers",
                     "must have exactly " + std::to_string(items) + " answers for this instrument");
    return;
  }
  int sum = 0;
  for (const auto& a : *answers) sum += a.get<int>();
  const Json* total = ctx.value("total_score");
  if (total == nullptr && !ctx.problems.has("total_score")) {
    ctx.object["total_score"] = sum;
  } else if (total != nullptr && total->get<int>() != sum) {
    ctx.problems.add("total_score", "must equal the sum of item_answers");
  }
  ctx.object["severity"] = assessment_severity(name, sum);
}

Error attachment_too_large() {
  Error e = Error::make(ErrorCode::kTooLarge, "the attachment is larger than 10 MiB");
  e.fields.push_back({"content_base64", "must decode to at most 10 MiB"});
  return e;
}

}  // namespace

Status check_session(WriteContext& ctx) {
  DOSSIER_TRY(resolve_clinician(ctx, "therapist_id"));
  check_session_times(ctx);
  check_telehealth(ctx);
  return {};
}

Status check_assessment(WriteContext& ctx) {
  if (ctx.value("session_id") != nullptr) {
    DOSSIER_TRY(derive_patient(ctx, "session_id", "sessions", "session"));
  } else if (ctx.value("patient_id") == nullptr && !ctx.problems.has("patient_id") &&
             !ctx.problems.has("session_id")) {
    ctx.problems.add("patient_id", "is required when session_id is absent");
  }
  score_assessment(ctx);
  return {};
}

Status after_diagnosis(WriteContext& ctx) {
  const Json& d = ctx.object;
  const std::string now = now_timestamp();
  // At most one active primary diagnosis per patient: the one just saved wins, in the same
  // transaction, so claims always have a single diagnosis pointer "A".
  if (d["is_primary"] == true && d["status"] == "active") {
    DOSSIER_TRY(ctx.db.execute(
        "UPDATE diagnoses SET is_primary = ?, updated_at = ? WHERE patient_id = ? AND id <> ? "
        "AND is_primary = ? AND status = 'active'",
        {false, now, d["patient_id"], d["id"], true}));
  }
  // F10–F19 put the record under 42 CFR Part 2: flag the patient so every export carries the
  // notice. The flag is only ever raised here; lowering it is a deliberate human decision.
  if (is_substance_use_code(d["icd10_code"].get<std::string>())) {
    DOSSIER_TRY(ctx.db.execute(
        "UPDATE patients SET substance_use_sensitive = ?, updated_at = ? WHERE id = ? AND "
        "substance_use_sensitive = ?",
        {true, now, d["patient_id"], false}));
  }
  return {};
}

Status check_attachment(WriteContext& ctx) {
  const Json* content = ctx.value("content_base64");
  if (!ctx.creating() || content == nullptr) return {};
  const std::string& text = content->get_ref<const std::string&>();
  if (text.size() > 4 * ((kMaxAttachmentBytes + 2) / 3)) return attachment_too_large();
  auto bytes = base64_decode(text);
  if (!bytes) {
    ctx.problems.add("content_base64", "must be standard base64 with padding");
    return {};
  }
  if (bytes->size() > kMaxAttachmentBytes) return attachment_too_large();
  const std::string_view view(reinterpret_cast<const char*>(bytes->data()), bytes->size());
  ctx.object["size_bytes"] = static_cast<int64_t>(bytes->size());
  ctx.object["sha256"] = crypto::sha256_hex(view);
  ctx.object["content"] = text;
  return {};
}

}  // namespace dossier::record
