#include "jobs/disclosures.h"

#include <algorithm>
#include <cctype>

#include "core/time_zone.h"
#include "jobs/export_request.h"
#include "jobs/export_types.h"
#include "redact/profile.h"

namespace dossier::jobs {
namespace {

constexpr int kAccountingYears = 6;

Date add_days(const Date& d, long days) {
  return civil_from_days(days_from_civil(d) + days);
}

// The practice's zone when the tz database knows it; UTC otherwise, as documents do
// (catalog::practice_time_zone), so that the accounting and its PDF agree on every date.
Result<std::string> practice_zone(db::Database& db) {
  DOSSIER_ASSIGN_OR_RETURN(Json row,
                           db.query_one("SELECT time_zone FROM practice ORDER BY created_at, id"));
  if (!row.is_object() || !row["time_zone"].is_string()) return std::string("UTC");
  const std::string zone = row["time_zone"];
  if (!to_local_time(system_clock().now(), zone).ok()) return std::string("UTC");
  return zone;
}

Date six_years_before(const Date& d) {
  Date out{d.year - kAccountingYears, d.month, d.day};
  // Six years before a February 29 is not a leap year: the period starts a day early
  // rather than leave that day out.
  if (out.month == 2 && out.day == 29) out.day = 28;
  return out;
}

const char* type_words(std::string_view export_type) {
  const auto type = parse_export_type(export_type);
  if (!type) return "Export";
  switch (*type) {
    case ExportType::kSessionNotes:
      return "Session notes";
    case ExportType::kProgressReport:
      return "Progress report";
    case ExportType::kTreatmentSummary:
      return "Treatment summary";
    case ExportType::kFullRecord:
      return "Full record";
    case ExportType::kInsuranceReport:
      return "Insurance report";
    case ExportType::kPracticeSummary:
      return "Practice summary";
  }
  return "Export";
}

// Which part of the record the export covered: its sessions or its dates.
std::string scope_words(const Json& p) {
  if (p.contains("session_ids") && p["session_ids"].is_array()) {
    const size_t n = p["session_ids"].size();
    return std::to_string(n) + (n == 1 ? " session" : " sessions");
  }
  const std::string start = p.value("start_date", "");
  const std::string end = p.value("end_date", "");
  if (!start.empty() && !end.empty()) return start + " to " + end;
  if (!start.empty()) return "from " + start;
  if (!end.empty()) return "through " + end;
  return "";
}

// The sections included (aliases skipped: they repeat a section) and the options that add
// content a reader of the accounting would want named.
std::string contents_words(std::string_view export_type, const Json& p) {
  std::string out;
  auto add = [&out](std::string words) { out += (out.empty() ? "" : ", ") + words; };
  const Json sections = p.value("include_sections", Json::object());
  if (const auto type = parse_export_type(export_type)) {
    for (const auto& spec : section_specs(*type)) {
      if (!spec.alias_of.empty() || sections.value(spec.key, false) != true) continue;
      std::string words = spec.key;
      std::replace(words.begin(), words.end(), '_', ' ');
      add(words);
    }
  }
  const Json options = p.value("options", Json::object());
  if (options.value("include_psychotherapy_notes", false)) add("psychotherapy notes");
  if (options.value("include_transcript", false)) add("transcripts");
  return out;
}

Json parameters_of(const Json& row) {
  if (!row["parameters"].is_string()) return Json::object();
  Json p = Json::parse(row["parameters"].get<std::string>(), nullptr, false);
  return p.is_object() ? p : Json::object();
}

// Jobs stored before requests carried a redaction profile went out under their export
// type's default, the profile such a request gets today.
std::string profile_of(const Json& row, const Json& parameters) {
  const Json profile = parameters.value("redaction", Json::object()).value("profile", Json());
  if (profile.is_string()) return profile.get<std::string>();
  return std::string(
      redact::profile_name(redact::default_profile(row["export_type"].get<std::string>())));
}

// An object member, or null when the request gave none.
Json member_or_null(const Json& parameters, const char* key) {
  const Json value = parameters.value(key, Json());
  return value.is_object() ? value : Json();
}

// Inside the practice, for treatment, and to nobody named: not a disclosure.
bool left_the_practice(const Json& row, const Json& parameters) {
  return profile_of(row, parameters) != "treatment" ||
         member_or_null(parameters, "recipient").is_object();
}

Json entry_of(const Json& row, const Json& parameters) {
  const std::string profile = profile_of(row, parameters);
  const Json authorization = member_or_null(parameters, "authorization");
  const Json purpose = parameters.value("purpose", Json());
  return {{"date", row["completed_at"]},
          {"job_id", row["id"]},
          {"export_type", row["export_type"]},
          {"format", row["format"]},
          {"what", describe_export(row["export_type"].get<std::string>(),
                                   row["format"].get<std::string>(), parameters)},
          {"purpose", purpose.is_string() ? purpose : Json()},
          {"recipient", member_or_null(parameters, "recipient")},
          {"redaction_profile", profile},
          {"authorization", authorization},
          {"consent", member_or_null(parameters, "consent")},
          {"requested_by", {{"id", row["user_id"]}, {"name", row["user_name"]}}},
          {"accountable", is_accountable(profile, authorization.is_object())}};
}

}  // namespace

Result<Date> practice_today(db::Database& db, TimePoint now) {
  DOSSIER_ASSIGN_OR_RETURN(std::string zone, practice_zone(db));
  DOSSIER_ASSIGN_OR_RETURN(LocalTime local, to_local_time(now, zone));
  return local.date;
}

std::optional<DisclosurePeriod> parse_disclosure_period(FieldChecker& fields, const Date& today) {
  const auto from = fields.date("from", false);
  const auto to = fields.date("to", false);
  if ((fields.has("from") && !from) || (fields.has("to") && !to)) return std::nullopt;
  DisclosurePeriod period{from.value_or(six_years_before(today)), to.value_or(today)};
  if (period.to < period.from) {
    if (to) {
      fields.problem("to", from ? "must not be before from"
                                : "must not be before from (six years before today by default)");
    } else {
      fields.problem("from", "must not be after to (today by default)");
    }
    return std::nullopt;
  }
  return period;
}

// 45 CFR 164.528(a)(1) leaves out of the client's accounting the disclosures made for
// treatment, payment and health care operations (i), to the client (ii) and under the
// client's authorization (iv). In redaction profiles: `treatment` and `transfer` (to another
// provider) are treatment, `insurance` is payment, `client_access` is the client's own copy.
// What remains — `legal` (court orders, subpoenas, law enforcement: 164.512) and `research`
// without an authorization (164.512(i)) — must be accounted for, and so must a profile this
// code does not know: listing a disclosure too many is the safe mistake.
bool is_accountable(std::string_view profile, bool authorized) {
  if (authorized) return false;
  return profile != "treatment" && profile != "transfer" && profile != "insurance" &&
         profile != "client_access";
}

std::string describe_export(std::string_view export_type, std::string_view format,
                            const Json& parameters) {
  std::string upper(format);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  std::string out = std::string(type_words(export_type)) + " (" + upper + ")";
  if (const std::string scope = scope_words(parameters); !scope.empty()) out += ", " + scope;
  if (const std::string contents = contents_words(export_type, parameters); !contents.empty())
    out += ": " + contents;
  return out;
}

Result<Json> list_disclosures(db::Database& db, const std::string& patient_id, const Date& from,
                              const Date& to) {
  DOSSIER_ASSIGN_OR_RETURN(std::string zone, practice_zone(db));
  // Stored times are UTC; a day in any zone lies within a day either side of the same UTC
  // day, so the query takes that much more and each row's local date decides.
  DOSSIER_ASSIGN_OR_RETURN(
      db::Rows rows,
      db.query("SELECT j.id, COALESCE(p.export_type, j.export_type) AS export_type, "
               "COALESCE(p.format, j.format) AS format, "
               "COALESCE(p.parameters, j.parameters) AS parameters, j.completed_at, j.user_id, "
               "u.given_name || ' ' || u.family_name AS user_name FROM export_jobs j "
               "LEFT JOIN job_patients p ON p.job_id = j.id AND p.patient_id = ? "
               "LEFT JOIN users u ON u.id = j.user_id WHERE (j.patient_id = ? OR "
               "p.patient_id IS NOT NULL) AND j.status = 'completed' AND j.completed_at >= ? AND "
               "j.completed_at < ? ORDER BY j.completed_at DESC, j.id DESC",
               {patient_id, patient_id, add_days(from, -1).str(), add_days(to, 2).str()}));
  Json entries = Json::array();
  for (const auto& row : rows) {
    const auto completed = parse_timestamp(row["completed_at"].get<std::string>());
    if (!completed) return Error::internal("an export job has an unreadable completion time");
    DOSSIER_ASSIGN_OR_RETURN(LocalTime local, to_local_time(*completed, zone));
    if (local.date < from || to < local.date) continue;
    const Json parameters = parameters_of(row);
    if (left_the_practice(row, parameters)) entries.push_back(entry_of(row, parameters));
  }
  return Json{{"patient_id", patient_id},
              {"from", from.str()},
              {"to", to.str()},
              {"entries", std::move(entries)}};
}

}  // namespace dossier::jobs
