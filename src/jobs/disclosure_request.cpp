#include "jobs/disclosure_request.h"

#include "redact/profile.h"

namespace dossier::jobs {
namespace {

constexpr size_t kMaxTerms = 50;

void parse_redaction(FieldChecker& fields, Json& params) {
  const Json* given = fields.object("redaction");
  if (!given) return;
  FieldChecker r(*given, "redaction.");
  r.allow_only({"profile", "terms"});
  Json out = {{"profile", nullptr}, {"terms", Json::array()}};
  if (auto p = r.one_of("profile", redact::profile_names(), false)) out["profile"] = *p;
  if (given->contains("terms")) {
    const Json& terms = (*given)["terms"];
    if (!terms.is_array() || terms.size() > kMaxTerms) {
      r.problem("terms", "must be a list of at most " + std::to_string(kMaxTerms) + " terms");
    } else {
      for (size_t i = 0; i < terms.size(); ++i) {
        const Json& t = terms[i];
        if (!t.is_string() || t.get<std::string>().size() < 2 || t.get<std::string>().size() > 100)
          r.problem("terms[" + std::to_string(i) + "]", "must be text of 2 to 100 characters");
        else
          out["terms"].push_back(t);
      }
    }
  }
  params["redaction"] = out;
  fields.absorb(std::move(r));
}

enum class DateMember { kNone, kOptional, kRequired };

// `member`, an object of text members (name → required) and perhaps a date, into `params`.
void parse_record_of(FieldChecker& fields, const char* member, Json& params,
                     std::initializer_list<std::pair<const char*, bool>> text_keys,
                     DateMember date) {
  const Json* given = fields.object(member);
  if (!given) return;
  FieldChecker f(*given, std::string(member) + ".");
  std::vector<std::string_view> allowed;
  for (const auto& [key, required] : text_keys) allowed.push_back(key);
  if (date != DateMember::kNone) allowed.push_back("date");
  f.allow_only(allowed);
  Json out = Json::object();
  for (const auto& [key, required] : text_keys) {
    auto v = f.string(key, required, std::string_view(key) == "reference" ? 200 : 500);
    out[key] = v ? Json(*v) : Json(nullptr);
  }
  if (date != DateMember::kNone) {
    auto d = f.date("date", date == DateMember::kRequired);
    if (d && d->str() > now_timestamp().substr(0, 10))
      f.problem("date", "must not be in the future");
    out["date"] = d ? Json(d->str()) : Json(nullptr);
  }
  params[member] = out;
  fields.absorb(std::move(f));
}

}  // namespace

const std::vector<std::string_view>& disclosure_members() {
  static const std::vector<std::string_view> kMembers = {"purpose", "recipient", "redaction",
                                                         "authorization", "consent"};
  return kMembers;
}

void parse_disclosure(FieldChecker& fields, ExportRequest& req) {
  Json& p = req.parameters;
  if (req.type != ExportType::kTreatmentSummary) {
    if (auto purpose = fields.string("purpose", false, 200)) p["purpose"] = *purpose;
  }
  parse_record_of(fields, "recipient", p,
                  {{"name", true}, {"organization", false}, {"address", false}}, DateMember::kNone);
  parse_redaction(fields, p);
  parse_record_of(fields, "authorization", p, {{"reference", true}, {"scope", true}},
                  DateMember::kRequired);
  parse_record_of(fields, "consent", p, {{"reference", true}, {"description", false}},
                  DateMember::kOptional);
  const bool psychotherapy = p["options"].value("include_psychotherapy_notes", false);
  if (psychotherapy && !fields.has("authorization")) {
    fields.problem("authorization",
                   "is required to include psychotherapy notes (45 CFR 164.508(a)(2))");
  }
}

Status authorize_disclosure(db::Database& db, const Json& template_profile, ExportRequest& req) {
  Json& redaction = req.parameters["redaction"];
  if (!redaction.is_object()) redaction = {{"profile", nullptr}, {"terms", Json::array()}};
  if (redaction["profile"].is_null()) {
    redaction["profile"] =
        template_profile.is_string()
            ? template_profile
            : Json(redact::profile_name(redact::default_profile(export_type_name(req.type))));
  }
  const auto profile = redact::parse_profile(redaction["profile"].get<std::string>());
  if (!profile) return Error::internal("a template names an unknown redaction profile");
  const redact::Policy policy = redact::policy_for(*profile);
  const std::string name(redact::profile_name(*profile));
  if (req.parameters["options"].value("include_psychotherapy_notes", false) &&
      !policy.psychotherapy_notes_with_authorization) {
    return Error::validation(
        "options.include_psychotherapy_notes",
        "the " + name + " redaction profile never includes psychotherapy notes");
  }
  if (!policy.needs_part2_consent || req.parameters.contains("consent")) return {};
  DOSSIER_ASSIGN_OR_RETURN(
      Json row, db.query_one("SELECT substance_use_sensitive AS part2 FROM patients WHERE id = ?",
                             {*req.patient_id}));
  const bool part2 = !row.is_null() && (row["part2"] == true || row["part2"] == 1);
  if (part2) {
    return Error::validation("consent",
                             "is required: this record is protected by 42 CFR part 2 "
                             "and the " +
                                 name + " profile discloses it");
  }
  return {};
}

Json disclosure_of(const Json& parameters) {
  Json out = Json::object();
  out["profile"] = parameters.value("redaction", Json::object()).value("profile", Json());
  for (const char* key : {"purpose", "recipient", "authorization", "consent"})
    out[key] = parameters.value(key, Json());
  return out;
}

}  // namespace dossier::jobs
