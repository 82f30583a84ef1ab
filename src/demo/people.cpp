// The practice, its staff, and each patient's demographics, care team and coverage.
#include <algorithm>
#include <array>

#include "demo/calendar.h"
#include "demo/generators.h"
#include "demo/identifiers.h"

namespace dossier::demo::detail {
namespace {

struct CredentialDef {
  std::string_view credentials;
  std::string_view taxonomy;
  std::string_view license_prefix;
};

constexpr std::array<CredentialDef, 5> kCredentials = {{
    {"PhD", "103T00000X", "PSY"},
    {"LCSW", "1041C0700X", "LCSW"},
    {"LPC", "101YP2500X", "LPC"},
    {"LMFT", "106H00000X", "LMFT"},
    {"PsyD", "103TC0700X", "PSY"},
}};

Json user_row(const Staff& s, std::string_view role, const std::string& email, int64_t created) {
  return Json{{"id", s.id},
              {"role", role},
              {"given_name", s.given_name},
              {"family_name", s.family_name},
              {"email", email},
              {"is_active", true},
              {"created_at", timestamp_text(created)},
              {"updated_at", timestamp_text(created)}};
}

// Staff names come from Latin-script pools: they appear on claims, where payers expect it.
// No two staff share a family name, so "Dr. <family>" is unambiguous in exports.
Staff make_staff(Rng& rng, int64_t created, const std::vector<std::string>& taken) {
  for (;;) {
    const Culture& culture = pick_culture(rng);
    if (culture.non_latin) continue;
    const PersonName name = make_name(rng, culture, rng.chance(0.6), false);
    if (std::find(taken.begin(), taken.end(), name.family) != taken.end()) continue;
    return Staff{rng.uuid(created * 1000), name.given, name.family, "", NoteFormat::kSoap, {}};
  }
}

std::string staff_email(const Staff& s, std::string_view fallback) {
  const std::string given = ascii_slug(s.given_name);
  const std::string family = ascii_slug(s.family_name);
  if (given.empty() || family.empty()) return std::string(fallback) + "@example.org";
  return given.substr(0, 1) + family + "@example.org";
}

void write_practice_row(Writer& w, Rng& rng, const Practice& p) {
  const Address a = make_address(rng, *p.region);
  w.insert("practice", {{"id", p.id},
                        {"name", rng.pick(practice_names())},
                        {"address_line1", a.line1},
                        {"address_line2", "Suite " + std::to_string(rng.range(1, 4) * 100)},
                        {"city", p.region->cities[0].name},
                        {"state", p.region->state},
                        {"postal_code", std::string(p.region->cities[0].zip3) + "01"},
                        {"phone", fictional_phone(rng, p.region->cities[0].area_code)},
                        {"tax_id", make_tax_id(rng)},
                        {"npi", make_npi(rng, true)},
                        {"taxonomy", "261QM0801X"},
                        {"time_zone", p.region->time_zone},
                        {"created_at", timestamp_text(p.created_at)},
                        {"updated_at", timestamp_text(p.created_at)}});
}

Json therapist_row(Rng& rng, const Staff& s, const Region& region, int64_t created, size_t i) {
  const CredentialDef& cred = kCredentials[i % kCredentials.size()];
  Json row = user_row(s, "therapist", staff_email(s, "clinician" + std::to_string(i + 1)), created);
  row["credentials"] = cred.credentials;
  row["npi"] = make_npi(rng, false);
  row["license_number"] = std::string(cred.license_prefix) + "-" + digits(rng, 6);
  row["license_state"] = region.state;
  row["taxonomy"] = cred.taxonomy;
  return row;
}

}  // namespace

Practice make_practice(Writer& w, uint64_t seed, int therapists, int64_t today) {
  Rng rng(mix_seed(seed, 0));
  Practice p;
  const int minute = rng.range(14 * 60, 20 * 60);
  p.created_at = at(today - rng.range(1100, 1500), minute);
  p.id = rng.uuid(p.created_at * 1000);
  p.region = &rng.pick(regions());
  write_practice_row(w, rng, p);
  std::vector<std::string> taken;
  for (int i = 0; i < therapists; ++i) {
    const int64_t created = p.created_at + int64_t{i + 1} * 3600;
    Staff s = make_staff(rng, created, taken);
    taken.push_back(s.family_name);
    const auto& cred = kCredentials[static_cast<size_t>(i) % kCredentials.size()];
    s.credentials = std::string(cred.credentials);
    s.note_format = static_cast<NoteFormat>(i % 3);
    w.insert("users", therapist_row(rng, s, *p.region, created, static_cast<size_t>(i)));
    p.therapists.push_back(std::move(s));
  }
  const int64_t later = p.created_at + int64_t{therapists + 1} * 3600;
  p.admin = make_staff(rng, later, taken);
  taken.push_back(p.admin.family_name);
  w.insert("users", user_row(p.admin, "admin", staff_email(p.admin, "office"), later));
  p.biller = make_staff(rng, later + 60, taken);
  w.insert("users", user_row(p.biller, "biller", staff_email(p.biller, "billing"), later + 60));
  return p;
}

}  // namespace dossier::demo::detail
