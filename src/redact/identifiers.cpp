#include "redact/identifiers.h"

#include <array>
#include <set>

#include "record/schema.h"
#include "redact/text_fold.h"

namespace dossier::redact {
namespace {

constexpr std::array<const char*, 12> kMonths = {"January",   "February", "March",    "April",
                                                 "May",       "June",     "July",     "August",
                                                 "September", "October",  "November", "December"};

std::string text_of(const Json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Particles of family names ("Van der Berg", "de la Cruz") are words of their own too: they
// are found as part of the whole name, never alone.
bool is_particle(const std::string& part) {
  static const std::set<std::string> kParticles = {
      "al", "bin", "da",  "das", "de", "del", "della", "den", "der", "di",  "do",  "dos",
      "du", "el",  "ibn", "la",  "le", "los", "st",    "ten", "ter", "van", "von", "y"};
  return kParticles.count(fold_term(part)) > 0;
}

// A name and each of its parts ("Mary-Ann" is also "Mary" and "Ann").
void add_name(std::vector<Term>& terms, const std::string& name, const std::string& kind) {
  if (name.empty()) return;
  terms.push_back({name, kind});
  std::string part;
  for (char c : name + " ") {
    if (c == ' ' || c == '-') {
      if (part.size() >= 2 && !is_particle(part)) terms.push_back({part, kind});
      part.clear();
    } else {
      part += c;
    }
  }
}

// A phone as stored and as bare digits, with and without the country code.
void add_phone(std::vector<Term>& terms, const std::string& phone) {
  if (phone.empty()) return;
  terms.push_back({phone, "phone"});
  std::string digits;
  for (char c : phone) {
    if (c >= '0' && c <= '9') digits += c;
  }
  if (digits.size() == 11 && digits[0] == '1') digits.erase(0, 1);
  if (digits.size() == 10) {
    terms.push_back({digits, "phone"});
    terms.push_back(
        {digits.substr(0, 3) + "-" + digits.substr(3, 3) + "-" + digits.substr(6), "phone"});
  }
}

void add(std::vector<Term>& terms, const std::string& text, const char* kind) {
  if (!text.empty()) terms.push_back({text, kind});
}

}  // namespace

std::vector<std::string> date_spellings(const std::string& iso) {
  if (iso.size() < 10) return {};
  const std::string y = iso.substr(0, 4), mm = iso.substr(5, 2), dd = iso.substr(8, 2);
  const int month = std::atoi(mm.c_str()), day = std::atoi(dd.c_str());
  if (month < 1 || month > 12 || day < 1) return {iso};
  const std::string m = std::to_string(month), d = std::to_string(day), yy = y.substr(2);
  const std::string name = kMonths[static_cast<size_t>(month - 1)];
  const std::string abbr = name.substr(0, 3);
  return {iso.substr(0, 10),         mm + "/" + dd + "/" + y,    m + "/" + d + "/" + y,
          mm + "/" + dd + "/" + yy,  m + "/" + d + "/" + yy,     mm + "-" + dd + "-" + y,
          mm + "." + dd + "." + y,   name + " " + d + ", " + y,  name + " " + d + " " + y,
          abbr + " " + d + ", " + y, abbr + ". " + d + ", " + y, abbr + " " + d + " " + y,
          d + " " + name + " " + y,  d + " " + abbr + " " + y};
}

RecordIdentifiers identifiers_of(const Json& patient, const Json& coverage) {
  RecordIdentifiers ids;
  auto& c = ids.client;
  for (const char* key : {"given_name", "middle_name", "family_name", "preferred_name"})
    add_name(c, text_of(patient, key), "name");
  add_name(c, text_of(patient, "given_name") + " " + text_of(patient, "family_name"), "name");
  for (const auto& spelling : date_spellings(text_of(patient, "birth_date")))
    c.push_back({spelling, "birth_date"});
  add(c, text_of(patient, "mrn"), "mrn");
  add_phone(c, text_of(patient, "phone"));
  add(c, text_of(patient, "email"), "email");
  for (const char* key : {"address_line1", "address_line2", "city"})
    add(c, text_of(patient, key), "address");
  add(c, text_of(patient, "postal_code"), "zip");
  add_name(ids.contacts, text_of(patient, "emergency_contact_name"), "contact_name");
  add_phone(ids.contacts, text_of(patient, "emergency_contact_phone"));
  for (const auto& cov : coverage) {
    add(c, text_of(cov, "member_id"), "member_id");
    add(c, text_of(cov, "group_number"), "member_id");
    if (text_of(cov, "subscriber_relationship") == "self") continue;
    add_name(ids.contacts, text_of(cov, "subscriber_given_name"), "contact_name");
    add_name(ids.contacts, text_of(cov, "subscriber_family_name"), "contact_name");
  }
  // A relative often shares the client's family name; that name is the client's too, and a
  // profile that keeps the client's name keeps it.
  std::set<std::string> client_names;
  for (const auto& t : c) {
    if (t.kind == "name") client_names.insert(fold_term(t.text));
  }
  std::erase_if(ids.contacts, [&](const Term& t) {
    return t.kind == "contact_name" && client_names.count(fold_term(t.text)) > 0;
  });
  return ids;
}

Result<RecordIdentifiers> load_identifiers(db::Database& db, const std::string& patient_id) {
  const record::TableSpec* patients = record::find_table("patients");
  const record::TableSpec* coverage = record::find_table("coverage");
  DOSSIER_ASSIGN_OR_RETURN(Json row,
                           db.query_one("SELECT * FROM patients WHERE id = ?", {patient_id}));
  if (row.is_null()) return Error::not_found("patient");
  Json covers = Json::array();
  DOSSIER_TRY(db.for_each("SELECT * FROM coverage WHERE patient_id = ?", {patient_id},
                          [&](db::Row&& r) -> Status {
                            covers.push_back(record::to_object(*coverage, r));
                            return {};
                          }));
  return identifiers_of(record::to_object(*patients, row), covers);
}

}  // namespace dossier::redact
