// The inverse of people.cpp: Patient, Practitioner, PractitionerRole and the practice's
// Organization back to patients, care_team, users and practice rows.
#include "core/clock.h"
#include "core/dates.h"
#include "fhir/codes.h"
#include "fhir/import_rows.h"

namespace dossier::fhir {
namespace {

// The path of the name with `use`, else `fallback`.
std::string name_path(EntryReader& r, const char* use, const char* fallback = "name[0]") {
  const size_t n = r.count("name");
  for (size_t i = 0; i < n; ++i) {
    const std::string path = "name[" + std::to_string(i) + "]";
    if (r.text(path + ".use") == use) return path;
  }
  return fallback;
}

// Copies telecom values into `row`: the first phone and e-mail.
void read_telecom(EntryReader& r, Json& row) {
  const size_t n = r.count("telecom");
  for (size_t i = 0; i < n; ++i) {
    const std::string path = "telecom[" + std::to_string(i) + "]";
    const std::string system = r.text(path + ".system");
    const std::string value = r.text(path + ".value");
    if ((system == "phone" || system == "email") && !row.contains(system) && !value.empty()) {
      row[system] = value;
    }
  }
}

void read_address(EntryReader& r, Json& row) {
  if (!r.has("address[0]")) return;
  const auto put = [&](const char* column, const std::string& value) {
    if (!value.empty()) row[column] = value;
  };
  put("address_line1", r.text("address[0].line[0]"));
  put("address_line2", r.text("address[0].line[1]"));
  put("city", r.text("address[0].city"));
  put("state", r.text("address[0].state"));
  put("postal_code", r.text("address[0].postalCode"));
}

// The medical record number: the identifier of Dossier's MRN system, else one typed MR.
std::string mrn_of(EntryReader& r) {
  std::string typed;
  const size_t n = r.count("identifier");
  for (size_t i = 0; i < n; ++i) {
    const std::string path = "identifier[" + std::to_string(i) + "]";
    if (r.text(path + ".system") == system::kMrn) return r.text(path + ".value");
    if (typed.empty() && r.text(path + ".type.coding[0].code") == "MR")
      typed = r.text(path + ".value");
  }
  if (typed.empty())
    r.fail("identifier", "needs the medical record number (system urn:dossier:mrn)");
  return typed;
}

std::string identifier_of(EntryReader& r, const char* system) {
  const size_t n = r.count("identifier");
  for (size_t i = 0; i < n; ++i) {
    const std::string path = "identifier[" + std::to_string(i) + "]";
    if (r.text(path + ".system") == system) return r.text(path + ".value");
  }
  return "";
}

void read_emergency_contact(EntryReader& r, Json& row) {
  if (!r.has("contact[0]")) return;
  row["emergency_contact_name"] = r.required_text("contact[0].name.text");
  if (const std::string rel = r.text("contact[0].relationship[0].text"); !rel.empty())
    row["emergency_contact_relationship"] = rel;
  if (const std::string phone = r.text("contact[0].telecom[0].value"); !phone.empty())
    row["emergency_contact_phone"] = phone;
}

std::string sex_of(const std::string& gender) {
  return gender == "female" || gender == "male" ? gender : "unknown";
}

// The care team in the order of generalPractitioner: exports list it by assigned_at, which
// the Bundle does not carry, so each member is assigned a millisecond after the one before.
std::string assigned_at(const std::string& imported_at, size_t position) {
  const auto start = parse_timestamp(imported_at);
  if (!start) return imported_at;
  return format_timestamp(*start + std::chrono::milliseconds(position));
}

void add_care_team(EntryReader& r, ImportState& s) {
  const size_t n = r.count("generalPractitioner");
  for (size_t i = 0; i < n; ++i) {
    const std::string user =
        r.reference("generalPractitioner[" + std::to_string(i) + "]", "Practitioner", true);
    s.add_row("care_team", {{"patient_id", s.patient_id},
                            {"user_id", user},
                            {"role", "primary"},
                            {"assigned_at", assigned_at(s.imported_at, i)}});
  }
}

}  // namespace

Status import_patient(EntryReader& r, ImportState& s) {
  Json row = {{"id", s.patient_id}, {"mrn", mrn_of(r)}};
  const std::string name = name_path(r, "official");
  row["family_name"] = r.required_text(name + ".family");
  row["given_name"] = r.required_text(name + ".given[0]");
  if (const std::string middle = r.text(name + ".given[1]"); !middle.empty())
    row["middle_name"] = middle;
  if (const std::string usual = name_path(r, "usual", ""); !usual.empty()) {
    if (const std::string preferred = r.text(usual + ".given[0]"); !preferred.empty())
      row["preferred_name"] = preferred;
  }
  read_telecom(r, row);
  row["sex"] = sex_of(r.text("gender"));
  row["birth_date"] = r.date("birthDate", true);
  read_address(r, row);
  read_emergency_contact(r, row);
  if (const std::string lang = r.text("communication[0].language.text"); !lang.empty())
    row["preferred_language"] = lang;
  row["status"] = r.boolean("active", true) ? "active" : "inactive";
  row["substance_use_sensitive"] = r.has_security_label("42CFRPart2");
  row["created_at"] = s.imported_at;
  row["updated_at"] = s.imported_at;
  add_care_team(r, s);
  DOSSIER_TRY(r.status());
  s.add_row("patients", std::move(row));
  return {};
}

Status import_practitioner_role(EntryReader& r, ImportState& s) {
  const std::string user = r.reference("practitioner", "Practitioner", true);
  const std::string coding = r.coding_of("code[0]", system::kNuccTaxonomy, false);
  const std::string taxonomy = coding.empty() ? "" : r.text(coding + ".code");
  DOSSIER_TRY(r.status());
  if (!taxonomy.empty()) s.taxonomy_of_user[user] = taxonomy;
  return {};
}

Status import_practitioner(EntryReader& r, ImportState& s) {
  const std::string id = r.own_id();
  const std::string name = name_path(r, "official");
  Json row = {{"id", id},
              {"role", "therapist"},
              {"family_name", r.required_text(name + ".family")},
              {"given_name", r.required_text(name + ".given[0]")},
              {"is_active", r.boolean("active", true)},
              {"created_at", s.imported_at},
              {"updated_at", s.imported_at}};
  if (const std::string credentials = r.text(name + ".suffix[0]"); !credentials.empty())
    row["credentials"] = credentials;
  if (const std::string npi = identifier_of(r, system::kNpi); !npi.empty()) row["npi"] = npi;
  if (const std::string license = r.text("qualification[0].identifier[0].value"); !license.empty())
    row["license_number"] = license;
  const std::string issuer = r.text("qualification[0].issuer.display");
  if (issuer.starts_with("State of ")) row["license_state"] = issuer.substr(9);
  if (const auto it = s.taxonomy_of_user.find(id); it != s.taxonomy_of_user.end())
    row["taxonomy"] = it->second;
  DOSSIER_TRY(r.status());
  s.add_row("users", std::move(row));
  return {};
}

Status import_organization(EntryReader& r, ImportState& s) {
  const std::string kind = r.text("type[0].coding[0].code");
  if (kind == "pay") return r.status();
  if (kind != "prov") {
    r.fail("type[0].coding[0].code", "must be prov (the practice) or pay (a payer)");
    return r.status();
  }
  if (s.tables.contains("practice")) {
    r.fail("type", "names a second practice; a Bundle holds one");
    return r.status();
  }
  Json row = {{"id", r.own_id()},
              {"name", r.required_text("name")},
              {"created_at", s.imported_at},
              {"updated_at", s.imported_at}};
  if (const std::string npi = identifier_of(r, system::kNpi); !npi.empty()) row["npi"] = npi;
  if (const std::string ein = identifier_of(r, system::kEin); !ein.empty()) row["tax_id"] = ein;
  read_telecom(r, row);
  row.erase("email");  // the practice row keeps a phone number only
  read_address(r, row);
  DOSSIER_TRY(r.status());
  s.add_row("practice", std::move(row));
  return {};
}

}  // namespace dossier::fhir
