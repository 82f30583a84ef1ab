// Rules for session notes: the sections each format has, authorship, signing and the lock
// on signed notes, and who may read psychotherapy notes (45 CFR 164.501).
#include <algorithm>

#include "core/clock.h"
#include "record/field_checks.h"
#include "record/rule_helpers.h"
#include "record/rules.h"

namespace dossier::record {
namespace {

constexpr size_t kMaxSectionLength = 100'000;

std::vector<std::string> sections_of(const std::string& format) {
  if (format == "soap") return {"subjective", "objective", "assessment", "plan"};
  if (format == "dap") return {"data", "assessment", "plan"};
  if (format == "birp") return {"behavior", "intervention", "response", "plan"};
  return {"text"};
}

void check_section_text(WriteContext& ctx, const std::string& path, const Json& value) {
  if (!value.is_string()) {
    ctx.problems.add(path, "must be a string");
    return;
  }
  const std::string& s = value.get_ref<const std::string&>();
  if (!is_valid_utf8(s)) {
    ctx.problems.add(path, "must be valid UTF-8");
  } else if (has_control_characters(s, true)) {
    ctx.problems.add(path, "must not contain control characters");
  } else if (utf8_length(s) > kMaxSectionLength) {
    ctx.problems.add(path, "must be at most " + std::to_string(kMaxSectionLength) + " characters");
  }
}

// Every section of the format is present and nothing else; a format change without new
// sections is caught here too, because the stored sections are checked against it.
void check_sections(WriteContext& ctx) {
  const Json* format = ctx.value("format");
  const Json* sections = ctx.value("sections");
  if (format == nullptr || sections == nullptr) return;
  const auto expected = sections_of(format->get<std::string>());
  for (const auto& [key, value] : sections->items()) {
    if (std::find(expected.begin(), expected.end(), key) == expected.end()) {
      ctx.problems.add("sections." + key, "is not a section of this format");
    } else {
      check_section_text(ctx, "sections." + key, value);
    }
  }
  for (const auto& key : expected) {
    if (!sections->contains(key)) ctx.problems.add("sections." + key, "is required");
  }
}

Status resolve_author(WriteContext& ctx) {
  if (!ctx.creating()) return {};
  const Json* author = ctx.value("author_id");
  if (author == nullptr) {
    if (!ctx.problems.has("author_id")) ctx.object["author_id"] = ctx.caller.user_id;
    return {};
  }
  // Admins may record a note for a clinician (imports, corrections); others write their own.
  if (!ctx.caller.is_admin() && *author != ctx.caller.user_id) {
    ctx.problems.add("author_id", "may only name the caller");
    return {};
  }
  return require_clinician(ctx, "author_id");
}

Status apply_signature(WriteContext& ctx) {
  const Json* sign = ctx.value("signed");
  if (sign == nullptr) return {};
  if (!sign->get<bool>()) {
    ctx.problems.add("signed", "can only be set to true");
    return {};
  }
  const Json* author = ctx.value("author_id");
  if (!ctx.caller.is_admin() && (author == nullptr || *author != ctx.caller.user_id)) {
    return Error::make(ErrorCode::kForbidden, "only the author of a note may sign it");
  }
  ctx.object["signed_by"] = ctx.caller.user_id;
  ctx.object["signed_at"] = now_timestamp();
  return {};
}

}  // namespace

Status check_note(WriteContext& ctx) {
  DOSSIER_TRY(derive_patient(ctx, "session_id", "sessions", "session"));
  DOSSIER_TRY(resolve_author(ctx));
  check_sections(ctx);
  return apply_signature(ctx);
}

std::string note_read_condition(const auth::Caller& caller, db::Params& params) {
  if (caller.is_admin()) return "1 = 1";
  params.push_back(caller.user_id);
  return "(kind <> 'psychotherapy_note' OR author_id = ?)";
}

Status note_may_update(const auth::Caller& caller, const Json& existing) {
  if (!existing.value("signed_at", Json()).is_null()) {
    return Error::make(ErrorCode::kConflict, "a signed note cannot be changed");
  }
  // A note is its author's clinical statement: colleagues on the care team read it but do
  // not rewrite it.
  if (!caller.is_admin() && existing.value("author_id", Json()) != caller.user_id) {
    return Error::make(ErrorCode::kForbidden, "only the author of a note may change it");
  }
  return {};
}

}  // namespace dossier::record
