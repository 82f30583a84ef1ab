#include "fhir/people.h"

namespace dossier::fhir {
namespace {

// A HumanName from separate parts when the row has them, else from a report's one "name"
// (the last word taken as the family name, as the gatherers join given and family).
Json human_name(const Json& row, const char* use) {
  Json name = {{"use", use}};
  std::string family = text_of(row, "family_name");
  Json given = Json::array();
  for (const char* key : {"given_name", "middle_name"}) {
    if (!text_of(row, key).empty()) given.push_back(text_of(row, key));
  }
  const std::string whole = text_of(row, "name");
  if (family.empty() && given.empty() && !whole.empty()) {
    const size_t space = whole.rfind(' ');
    family = space == std::string::npos ? whole : whole.substr(space + 1);
    if (space != std::string::npos) given.push_back(whole.substr(0, space));
    name["text"] = whole;
  }
  if (!family.empty()) name["family"] = family;
  if (!given.empty()) name["given"] = given;
  return name;
}

Json address_of(const Json& row) {
  Json address = {{"use", "home"}, {"country", "US"}};
  Json lines = Json::array();
  for (const char* key : {"address_line1", "address_line2"}) {
    if (!text_of(row, key).empty()) lines.push_back(text_of(row, key));
  }
  if (!lines.empty()) address["line"] = lines;
  if (!text_of(row, "city").empty()) address["city"] = text_of(row, "city");
  if (!text_of(row, "state").empty()) address["state"] = text_of(row, "state");
  if (!text_of(row, "postal_code").empty()) address["postalCode"] = text_of(row, "postal_code");
  return address;
}

bool has_address(const Json& row) {
  for (const char* key : {"address_line1", "city", "state", "postal_code"}) {
    if (!text_of(row, key).empty()) return true;
  }
  return false;
}

Json telecom_of(const Json& row, const char* use) {
  Json telecom = Json::array();
  if (!text_of(row, "phone").empty()) {
    telecom.push_back({{"system", "phone"}, {"value", text_of(row, "phone")}, {"use", use}});
  }
  if (!text_of(row, "email").empty()) {
    telecom.push_back({{"system", "email"}, {"value", text_of(row, "email")}, {"use", use}});
  }
  return telecom;
}

std::string gender_of(const std::string& sex) {
  return sex == "female" || sex == "male" ? sex : "unknown";
}

Json emergency_contact(const Json& patient) {
  const std::string name = text_of(patient, "emergency_contact_name");
  if (name.empty()) return nullptr;
  Json relationship = codeable(system::kContactRelationship, "C", "Emergency Contact");
  if (!text_of(patient, "emergency_contact_relationship").empty()) {
    relationship["text"] = text_of(patient, "emergency_contact_relationship");
  }
  Json contact = {{"relationship", Json::array({relationship})}, {"name", {{"text", name}}}};
  if (!text_of(patient, "emergency_contact_phone").empty()) {
    contact["telecom"] = Json::array(
        {{{"system", "phone"}, {"value", text_of(patient, "emergency_contact_phone")}}});
  }
  return contact;
}

}  // namespace

Json map_patient(const Json& patient, const std::string& id) {
  Json r = {{"resourceType", "Patient"}, {"id", fhir_id(id)}};
  if (!text_of(patient, "mrn").empty()) {
    r["identifier"] =
        Json::array({{{"use", "usual"},
                      {"type", codeable(system::kIdentifierType, "MR", "Medical record number")},
                      {"system", system::kMrn},
                      {"value", text_of(patient, "mrn")}}});
  }
  if (patient.contains("status") && patient["status"].is_string()) {
    r["active"] = patient["status"] == "active";
  }
  Json names = Json::array({human_name(patient, "official")});
  if (!text_of(patient, "preferred_name").empty()) {
    names.push_back({{"use", "usual"}, {"given", {text_of(patient, "preferred_name")}}});
  }
  r["name"] = names;
  if (Json telecom = telecom_of(patient, "home"); !telecom.empty()) r["telecom"] = telecom;
  r["gender"] = gender_of(text_of(patient, "sex"));
  if (is_date_time(text_of(patient, "birth_date"))) {
    r["birthDate"] = date_part(text_of(patient, "birth_date"));
  }
  if (has_address(patient)) r["address"] = Json::array({address_of(patient)});
  if (Json contact = emergency_contact(patient); !contact.is_null()) {
    r["contact"] = Json::array({contact});
  }
  if (!text_of(patient, "preferred_language").empty()) {
    r["communication"] = Json::array(
        {{{"language", {{"text", text_of(patient, "preferred_language")}}}, {"preferred", true}}});
  }
  return r;
}

Json map_practitioner(const Json& user) {
  Json r = {{"resourceType", "Practitioner"}, {"id", fhir_id(text_of(user, "id"))}};
  if (!text_of(user, "npi").empty()) {
    r["identifier"] = Json::array({{{"system", system::kNpi}, {"value", text_of(user, "npi")}}});
  }
  if (user.contains("is_active") && user["is_active"].is_boolean()) r["active"] = user["is_active"];
  Json name = human_name(user, "official");
  if (!text_of(user, "credentials").empty()) {
    name["suffix"] = Json::array({text_of(user, "credentials")});
  }
  r["name"] = Json::array({name});
  Json qualifications = Json::array();
  if (!text_of(user, "credentials").empty() || !text_of(user, "license_number").empty()) {
    Json q = {{"code",
               {{"text", text_of(user, "credentials").empty() ? std::string("License")
                                                              : text_of(user, "credentials")}}}};
    if (!text_of(user, "license_number").empty()) {
      q["identifier"] = Json::array({{{"value", text_of(user, "license_number")}}});
    }
    if (!text_of(user, "license_state").empty()) {
      q["issuer"] = {{"display", "State of " + text_of(user, "license_state")}};
    }
    qualifications.push_back(q);
  }
  if (!qualifications.empty()) r["qualification"] = qualifications;
  return r;
}

std::string practitioner_role_id(const std::string& user_id) {
  return fhir_id(user_id, "role-");
}

Json map_practitioner_role(const Json& user, const std::string& practice_id,
                           const Resolves& resolves) {
  const std::string user_id = text_of(user, "id");
  Json r = {{"resourceType", "PractitionerRole"},
            {"id", practitioner_role_id(user_id)},
            {"active", true},
            {"practitioner", reference("Practitioner", fhir_id(user_id))}};
  const std::string org = "Organization/" + fhir_id(practice_id);
  if (!practice_id.empty() && resolves(org)) r["organization"] = {{"reference", org}};
  if (!text_of(user, "taxonomy").empty()) {
    r["code"] = Json::array({codeable(system::kNuccTaxonomy, text_of(user, "taxonomy"))});
  }
  return r;
}

Json map_organization(const Json& practice) {
  Json r = {
      {"resourceType", "Organization"},
      {"id", fhir_id(text_of(practice, "id"))},
      {"active", true},
      {"type", Json::array({codeable("http://terminology.hl7.org/CodeSystem/organization-type",
                                     "prov", "Healthcare Provider")})},
      {"name",
       text_of(practice, "name").empty() ? std::string("Practice") : text_of(practice, "name")}};
  Json ids = Json::array();
  if (!text_of(practice, "npi").empty()) {
    ids.push_back({{"system", system::kNpi}, {"value", text_of(practice, "npi")}});
  }
  if (!text_of(practice, "tax_id").empty()) {
    ids.push_back({{"system", system::kEin}, {"value", text_of(practice, "tax_id")}});
  }
  if (!ids.empty()) r["identifier"] = ids;
  if (Json telecom = telecom_of(practice, "work"); !telecom.empty()) r["telecom"] = telecom;
  if (has_address(practice)) {
    Json address = address_of(practice);
    address["use"] = "work";
    r["address"] = Json::array({address});
  }
  return r;
}

}  // namespace dossier::fhir
