#include "demo/demo.h"

#include <chrono>

#include "auth/tokens.h"
#include "core/dates.h"
#include "core/log.h"
#include "demo/generators.h"

namespace dossier::demo {
namespace {

constexpr int kMaxPatients = 100000;
constexpr int kMaxTherapists = 50;

Result<int64_t> validate(const DemoOptions& o) {
  if (o.patients < 0 || o.patients > kMaxPatients) {
    return Error::validation("patients", "must be between 0 and 100000");
  }
  if (o.therapists < 1 || o.therapists > kMaxTherapists) {
    return Error::validation("therapists", "must be between 1 and 50");
  }
  const auto today = parse_date(o.today);
  if (!today) return Error::validation("today", "must be a date YYYY-MM-DD");
  return static_cast<int64_t>(days_from_civil(*today));
}

void generate_patient(detail::Writer& w, detail::Practice& practice, const DemoOptions& o,
                      int index, int64_t today) {
  // Stream 0 is the practice's; patients take 1, 2, ...
  detail::Patient p(detail::mix_seed(o.seed, static_cast<uint64_t>(index) + 1));
  p.index = index;
  p.therapist = &practice.therapists[static_cast<size_t>(index % o.therapists)];
  detail::choose_profile(p, o.seed, today);
  detail::write_patient(w, practice, p);
  detail::plan_visits(p, practice, today);
  detail::write_visits(w, p);
  detail::write_care_plan(w, p);
  detail::write_notes(w, p);
  detail::write_attachments(w, p);
}

Result<UserToken> token_for(db::Database& db, const detail::Staff& s) {
  DOSSIER_ASSIGN_OR_RETURN(std::string token, auth::issue_token(db, s.id, "demo"));
  return UserToken{s.id, std::move(token)};
}

Result<DemoTokens> issue_tokens(db::Database& db, const detail::Practice& practice) {
  DemoTokens tokens;
  DOSSIER_ASSIGN_OR_RETURN(tokens.admin, token_for(db, practice.admin));
  DOSSIER_ASSIGN_OR_RETURN(tokens.biller, token_for(db, practice.biller));
  for (const detail::Staff& s : practice.therapists) {
    DOSSIER_ASSIGN_OR_RETURN(UserToken t, token_for(db, s));
    tokens.therapists.push_back({s.id, s.given_name + " " + s.family_name + ", " + s.credentials,
                                 std::move(t.token), s.patient_ids});
  }
  return tokens;
}

Status refuse_existing_practice(db::Database& db) {
  DOSSIER_ASSIGN_OR_RETURN(Json row, db.query_one("SELECT COUNT(*) AS n FROM practice"));
  if (row.is_object() && row["n"].get<int64_t>() > 0) {
    return Error::make(ErrorCode::kConflict, "the database already holds a practice");
  }
  return {};
}

}  // namespace

std::string current_utc_date() {
  const auto now = std::chrono::system_clock::now();
  const auto days = std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
  return civil_from_days(static_cast<long>(days)).str();
}

Json DemoTokens::to_json() const {
  Json therapist_list = Json::array();
  for (const auto& t : therapists) {
    therapist_list.push_back({{"user_id", t.user_id},
                              {"name", t.name},
                              {"token", t.token},
                              {"patient_ids", t.patient_ids}});
  }
  return {{"admin", {{"user_id", admin.user_id}, {"token", admin.token}}},
          {"biller", {{"user_id", biller.user_id}, {"token", biller.token}}},
          {"therapists", std::move(therapist_list)}};
}

Result<DemoTokens> populate(db::Database& db, const DemoOptions& options) {
  DOSSIER_ASSIGN_OR_RETURN(const int64_t today, validate(options));
  const auto started = std::chrono::steady_clock::now();
  DemoTokens tokens;
  int64_t rows = 0;
  DOSSIER_TRY(db.transaction([&]() -> Status {
    DOSSIER_TRY(refuse_existing_practice(db));
    detail::Writer w(db);
    detail::Practice practice = detail::make_practice(w, options.seed, options.therapists, today);
    for (int i = 0; i < options.patients && w.status().ok(); ++i) {
      generate_patient(w, practice, options, i, today);
    }
    DOSSIER_TRY(w.flush());
    rows = w.rows();
    DOSSIER_ASSIGN_OR_RETURN(tokens, issue_tokens(db, practice));
    return {};
  }));
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  log::info("demo_generated", {{"patients", options.patients},
                               {"therapists", options.therapists},
                               {"rows", rows},
                               {"ms", ms}});
  return tokens;
}

Result<Json> generate(db::Database& db, const DemoOptions& options) {
  DOSSIER_ASSIGN_OR_RETURN(DemoTokens tokens, populate(db, options));
  return tokens.to_json();
}

}  // namespace dossier::demo
