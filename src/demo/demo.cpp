#include "demo/demo.h"

#include <cctype>
#include <chrono>

#include "auth/passwords.h"
#include "auth/tokens.h"
#include "core/crypto.h"
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

// A therapist's username: "given.family" in lower-case ASCII letters (family names are
// unique in the demo), or "therapistN" should the name have none.
std::string therapist_username(const detail::Staff& s, size_t index) {
  std::string name;
  for (const std::string* part : {&s.given_name, &s.family_name}) {
    if (!name.empty()) name += '.';
    for (char c : *part) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x80 && std::isalpha(u)) name.push_back(static_cast<char>(std::tolower(u)));
    }
  }
  if (name.size() < 3 || name.front() == '.' || name.back() == '.') {
    return "therapist" + std::to_string(index + 1);
  }
  return name;
}

Result<UserToken> token_for(db::Database& db, const detail::Staff& s, std::string username) {
  DOSSIER_ASSIGN_OR_RETURN(std::string token, auth::issue_token(db, s.id, "demo"));
  DOSSIER_TRY(auth::set_username(db, s.id, username));
  return UserToken{s.id, std::move(token), std::move(username), ""};
}

Result<DemoTokens> issue_tokens(db::Database& db, const detail::Practice& practice) {
  DemoTokens tokens;
  DOSSIER_ASSIGN_OR_RETURN(tokens.admin, token_for(db, practice.admin, "admin"));
  DOSSIER_ASSIGN_OR_RETURN(tokens.biller, token_for(db, practice.biller, "biller"));
  for (size_t i = 0; i < practice.therapists.size(); ++i) {
    const detail::Staff& s = practice.therapists[i];
    DOSSIER_ASSIGN_OR_RETURN(UserToken t, token_for(db, s, therapist_username(s, i)));
    tokens.therapists.push_back({s.id, s.given_name + " " + s.family_name + ", " + s.credentials,
                                 std::move(t.token), s.patient_ids, std::move(t.username), ""});
  }
  return tokens;
}

// A new random password for `username`: 16 URL-safe characters (96 bits).
Result<std::string> new_password(db::Database& db, const std::string& username) {
  std::string password = crypto::random_token(12);
  DOSSIER_TRY(auth::set_password(db, username, password));
  return password;
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

namespace {

Json sign_in_of(Json entry, const std::string& username, const std::string& password) {
  entry["username"] = username;
  if (!password.empty()) entry["password"] = password;
  return entry;
}

}  // namespace

Json DemoTokens::to_json() const {
  Json therapist_list = Json::array();
  for (const auto& t : therapists) {
    therapist_list.push_back(sign_in_of({{"user_id", t.user_id},
                                         {"name", t.name},
                                         {"token", t.token},
                                         {"patient_ids", t.patient_ids}},
                                        t.username, t.password));
  }
  return {{"admin", sign_in_of({{"user_id", admin.user_id}, {"token", admin.token}}, admin.username,
                               admin.password)},
          {"biller", sign_in_of({{"user_id", biller.user_id}, {"token", biller.token}},
                                biller.username, biller.password)},
          {"therapists", std::move(therapist_list)}};
}

Status issue_passwords(db::Database& db, DemoTokens& tokens) {
  DOSSIER_ASSIGN_OR_RETURN(tokens.admin.password, new_password(db, tokens.admin.username));
  DOSSIER_ASSIGN_OR_RETURN(tokens.biller.password, new_password(db, tokens.biller.username));
  for (auto& t : tokens.therapists) {
    DOSSIER_ASSIGN_OR_RETURN(t.password, new_password(db, t.username));
  }
  return {};
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
  DOSSIER_TRY(issue_passwords(db, tokens));
  return tokens.to_json();
}

}  // namespace dossier::demo
