// Each patient's demographics, care team and insurance coverage.
#include <algorithm>
#include <array>
#include <cstdio>

#include "demo/calendar.h"
#include "demo/generators.h"
#include "demo/identifiers.h"

namespace dossier::demo::detail {
namespace {

struct Gender {
  std::string_view sex;
  std::string_view identity;  //!< empty: not recorded
  std::string_view pronouns;  //!< empty: not recorded
  bool feminine_name;
};

Gender pick_gender(Rng& rng) {
  const bool recorded = rng.chance(0.9);
  switch (rng.weighted({52, 38, 2, 2, 5, 1})) {
    case 0:
      return {"female", recorded ? "female" : "", recorded ? "she/her" : "", true};
    case 1:
      return {"male", recorded ? "male" : "", recorded ? "he/him" : "", false};
    case 2:
      return {"male", "transgender female", "she/her", true};
    case 3:
      return {"female", "transgender male", "he/him", false};
    case 4: {
      const bool fem = rng.chance(0.5);
      return {fem ? "female" : "male", "non-binary", rng.chance(0.7) ? "they/them" : "she/they",
              fem};
    }
    default:
      return {"unknown", "", "", rng.chance(0.5)};
  }
}

Json optional_text(const std::string& s) {
  return s.empty() ? Json(nullptr) : Json(s);
}

std::string patient_email(Rng& rng, const Patient& p) {
  const std::string given = ascii_slug(p.name.given);
  const std::string family = ascii_slug(p.name.family);
  if (given.empty() || family.empty()) {
    return "client" + std::to_string(p.index + 1) + "@example.org";
  }
  return given + "." + family + std::to_string(rng.range(1, 99)) + "@example.org";
}

std::string_view emergency_relationship(Rng& rng, int age) {
  static constexpr std::array<std::string_view, 5> kYounger = {"parent", "partner", "sibling",
                                                               "friend", "spouse"};
  static constexpr std::array<std::string_view, 5> kOlder = {"spouse", "partner", "sibling",
                                                             "friend", "adult child"};
  if (age < 25 && rng.chance(0.8)) return "parent";
  return age < 50 ? rng.pick<std::string_view>(kYounger) : rng.pick<std::string_view>(kOlder);
}

void write_demographics(Writer& w, Rng& rng, const Practice& practice, Patient& p,
                        const Gender& g) {
  const Address a = make_address(rng, *practice.region);
  p.state = a.state;
  const std::string language(
      p.name.culture->language != "en" && rng.chance(0.55) ? p.name.culture->language : "en");
  const PersonName contact = make_name(rng, *p.name.culture, rng.chance(0.5), false);
  char mrn[24];
  std::snprintf(mrn, sizeof mrn, "MRN-%06d", p.index + 1);
  const std::string created = timestamp_text(p.created_at);
  w.insert("patients",
           {{"id", p.id},
            {"mrn", mrn},
            {"given_name", p.name.given},
            {"middle_name", optional_text(p.name.middle)},
            {"family_name", p.name.family},
            {"preferred_name",
             !p.name.middle.empty() && rng.chance(0.25) ? Json(p.name.middle) : Json(nullptr)},
            {"birth_date", date_text(p.birth_day)},
            {"sex", g.sex},
            {"gender_identity", g.identity.empty() ? Json(nullptr) : Json(g.identity)},
            {"pronouns", g.pronouns.empty() ? Json(nullptr) : Json(g.pronouns)},
            {"address_line1", a.line1},
            {"address_line2", optional_text(a.line2)},
            {"city", a.city},
            {"state", a.state},
            {"postal_code", a.postal_code},
            {"phone", fictional_phone(rng, a.area_code)},
            {"email", patient_email(rng, p)},
            {"preferred_language", language},
            {"emergency_contact_name", contact.given + " " + contact.family},
            {"emergency_contact_relationship",
             emergency_relationship(rng, age_on(p.birth_day, p.first_day))},
            {"emergency_contact_phone", fictional_phone(rng, a.area_code)},
            {"substance_use_sensitive", p.substance_use},
            {"status", p.discharged ? "discharged" : "active"},
            {"created_at", created},
            {"updated_at", created}});
}

const Payer& pick_payer(Rng& rng, int age, const Payer* other) {
  const auto all = payers();
  for (;;) {
    const Payer& payer = rng.pick(all);
    const bool senior_plan = payer.payer_id == "DSA40";
    if (&payer != other && senior_plan == (age >= 65)) return payer;
    if (&payer != other && age >= 65 && rng.chance(0.3)) return payer;
  }
}

Json coverage_row(Rng& rng, const Patient& p, const Payer& payer, std::string_view priority) {
  const int age = age_on(p.birth_day, p.first_day);
  const std::string created = timestamp_text(p.created_at);
  Json row = {{"id", rng.uuid(p.created_at * 1000)},
              {"patient_id", p.id},
              {"priority", priority},
              {"payer_name", payer.name},
              {"payer_id", payer.payer_id},
              {"plan_name", rng.pick<std::string_view>(payer.plans)},
              {"member_id", std::string(payer.member_prefix) + digits(rng, 9)},
              {"group_number", payer.has_group_number ? Json("GRP" + digits(rng, 6)) : Json()},
              {"subscriber_relationship", "self"},
              {"start_date", date_text(p.first_day - rng.range(30, 700))},
              {"end_date", nullptr},
              {"created_at", created},
              {"updated_at", created}};
  const bool child = age < 26 && rng.chance(0.7);
  const bool spouse = !child && age >= 24 && rng.chance(0.15);
  if (!child && !spouse) return row;
  const bool feminine = rng.chance(0.5);
  PersonName sub = make_name(rng, *p.name.culture, feminine, false);
  if (child) sub.family = p.name.family;
  const int64_t years = child ? rng.range(20, 40) : rng.range(-5, 5);
  row["subscriber_relationship"] = child ? "child" : "spouse";
  row["subscriber_given_name"] = sub.given;
  row["subscriber_family_name"] = sub.family;
  row["subscriber_birth_date"] = date_text(p.birth_day - years * 365 - rng.range(0, 300));
  row["subscriber_sex"] = feminine ? "female" : "male";
  return row;
}

void write_coverage(Writer& w, Rng& rng, Patient& p) {
  p.insured = rng.chance(0.8);
  if (!p.insured) return;
  const int age = age_on(p.birth_day, p.first_day);
  const Payer& primary = pick_payer(rng, age, nullptr);
  p.copay_cents = primary.copay_cents;
  w.insert("coverage", coverage_row(rng, p, primary, "primary"));
  if (rng.chance(0.05)) {
    w.insert("coverage", coverage_row(rng, p, pick_payer(rng, age, &primary), "secondary"));
  }
}

}  // namespace

std::string ascii_slug(std::string_view text) {
  // Latin letters with diacritics as an email address would spell them.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 44> kFold = {{
      {"á", "a"}, {"à", "a"}, {"â", "a"}, {"ä", "a"}, {"å", "a"}, {"ą", "a"}, {"æ", "ae"},
      {"ç", "c"}, {"ć", "c"}, {"é", "e"}, {"è", "e"}, {"ê", "e"}, {"ë", "e"}, {"ę", "e"},
      {"í", "i"}, {"ì", "i"}, {"î", "i"}, {"ï", "i"}, {"ı", "i"}, {"ł", "l"}, {"ñ", "n"},
      {"ń", "n"}, {"ó", "o"}, {"ò", "o"}, {"ô", "o"}, {"ö", "o"}, {"ø", "o"}, {"ś", "s"},
      {"ş", "s"}, {"ú", "u"}, {"ù", "u"}, {"û", "u"}, {"ü", "u"}, {"ź", "z"}, {"ż", "z"},
      {"ğ", "g"}, {"Å", "a"}, {"Ł", "l"}, {"Ø", "o"}, {"Ö", "o"}, {"Ç", "c"}, {"Ş", "s"},
      {"É", "e"}, {"Ż", "z"},
  }};
  std::string out;
  for (size_t i = 0; i < text.size();) {
    const auto u = static_cast<unsigned char>(text[i]);
    if (u < 0x80) {
      if (u >= 'A' && u <= 'Z') out.push_back(static_cast<char>(u - 'A' + 'a'));
      if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9')) out.push_back(static_cast<char>(u));
      ++i;
      continue;
    }
    const auto folded = std::find_if(kFold.begin(), kFold.end(), [&](const auto& f) {
      return text.substr(i, f.first.size()) == f.first;
    });
    if (folded == kFold.end()) return "";
    out += folded->second;
    i += folded->first.size();
  }
  return out;
}

void write_patient(Writer& w, const Practice& practice, Patient& p) {
  Rng& rng = p.rng;
  const Gender gender = pick_gender(rng);
  p.name = make_name(rng, *p.name.culture, gender.feminine_name, rng.chance(0.3));
  write_demographics(w, rng, practice, p, gender);
  w.insert("care_team", {{"patient_id", p.id},
                         {"user_id", p.therapist->id},
                         {"role", "primary"},
                         {"assigned_at", timestamp_text(p.created_at)}});
  p.therapist->patient_ids.push_back(p.id);
  write_coverage(w, rng, p);
}

}  // namespace dossier::demo::detail
