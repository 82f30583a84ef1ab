#include "claims/cms1500_values.h"

#include <algorithm>

#include "claims/cms1500_form.h"
#include "claims/latin_text.h"
#include "claims/x12_837p.h"

namespace dossier::claims::cms1500 {
namespace {

std::string str(const Json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// "2026-01-10" → "01 10 2026" (or "01 10 26" when `short_year`).
std::string form_date(const std::string& iso, bool short_year = false) {
  if (iso.size() < 10) return "";
  return iso.substr(5, 2) + " " + iso.substr(8, 2) + " " +
         (short_year ? iso.substr(2, 2) : iso.substr(0, 4));
}

std::string dollars(int64_t cents) {
  const std::string whole = std::to_string(cents / 100);
  const int64_t rest = cents % 100;
  return whole + "." + (rest < 10 ? "0" : "") + std::to_string(rest);
}

std::string sex_letter(const std::string& sex) {
  return sex == "female" ? "F" : sex == "male" ? "M" : "";
}

// Names and addresses in the Latin alphabet, as payers' OCR reads the form (latin_text.h).
std::string name_of(const std::string& family, const std::string& given,
                    const std::string& middle) {
  std::string out = latin_ascii(family) + ", " + latin_ascii(given);
  const std::string initial = latin_ascii(middle).substr(0, 1);
  if (!initial.empty()) out += ", " + initial;
  return out;
}

std::string address_of(const Json& o) {
  std::string street = str(o, "address_line1");
  if (!str(o, "address_line2").empty()) street += ", " + str(o, "address_line2");
  return latin_ascii(street) + "\n" + latin_ascii(str(o, "city")) + "  " + str(o, "state") + "  " +
         str(o, "postal_code");
}

// Items 1–11d: the client, the insured and the coverage.
void insured_items(const Json& ctx, std::map<std::string, std::string>& items) {
  const Json patient = ctx.value("patient", Json::object());
  const Json cov = ctx.value("coverage", Json::object());
  const Json other = ctx.value("other_coverage", Json());
  const std::string relationship = str(cov, "subscriber_relationship");
  const bool self = relationship.empty() || relationship == "self";
  const std::string patient_name =
      name_of(str(patient, "family_name"), str(patient, "given_name"), str(patient, "middle_name"));
  items["carrier"] = str(cov, "payer_name") + "\nPAYER ID " + str(cov, "payer_id");
  items["1"] = "[X] GROUP HEALTH PLAN";
  items["1a"] = str(cov, "member_id");
  items["2"] = patient_name;
  items["3"] = form_date(str(patient, "birth_date")) + "    " + sex_letter(str(patient, "sex"));
  items["4"] =
      self ? patient_name
           : name_of(str(cov, "subscriber_family_name"), str(cov, "subscriber_given_name"), "");
  items["5"] = address_of(patient);
  items["6"] = "[X] " + std::string(self                       ? "SELF"
                                    : relationship == "spouse" ? "SPOUSE"
                                    : relationship == "child"  ? "CHILD"
                                                               : "OTHER");
  if (self) items["7"] = address_of(patient);
  if (other.is_object()) {
    items["9"] = other.value("subscriber_relationship", std::string("self")) == "self"
                     ? patient_name
                     : name_of(str(other, "subscriber_family_name"),
                               str(other, "subscriber_given_name"), "");
    items["9a"] = str(other, "member_id");
    items["9d"] = str(other, "payer_name");
  }
  items["10a"] = items["10b"] = items["10c"] = "NO";
  items["11"] = str(cov, "group_number");
  items["11a"] = self ? items["3"]
                      : form_date(str(cov, "subscriber_birth_date")) + "    " +
                            sex_letter(str(cov, "subscriber_sex"));
  items["11c"] = str(cov, "plan_name").empty() ? str(cov, "payer_name") : str(cov, "plan_name");
  items["11d"] = other.is_object() ? "[X] YES" : "[X] NO";
}

// Items 12–23: signatures, dates and the diagnoses A–L.
void claim_items(const Json& ctx, const std::string& signed_on,
                 std::map<std::string, std::string>& items) {
  const Json claim = ctx.value("claim_info", Json::object());
  items["12"] = "SIGNATURE ON FILE    DATE " + form_date(signed_on);
  items["13"] = "SIGNATURE ON FILE";
  const Json diagnoses = claim.value("diagnoses", Json::array());
  if (!diagnoses.empty() && !str(diagnoses[0], "onset_date").empty()) {
    items["14"] = form_date(str(diagnoses[0], "onset_date")) + "    QUAL. 431";
  }
  std::string dx = "ICD Ind. 0\n";
  const Json codes = claim.value("diagnosis_codes", Json::array());
  for (size_t i = 0; i < codes.size() && i < 12; ++i) {
    dx += std::string(1, static_cast<char>('A' + i)) + ". " +
          icd10_without_dot(codes[i].get<std::string>()) + (i % 4 == 3 ? "\n" : "      ");
  }
  items["21"] = dx;
}

// Items 25–33: the billing provider, the totals and the rendering provider's signature.
void provider_items(const Json& ctx, const std::string& signed_on,
                    std::map<std::string, std::string>& items) {
  const Json practice = ctx.value("practice", Json::object());
  const Json claim = ctx.value("claim_info", Json::object());
  const Json rendering = claim.value("rendering_provider", Json::object());
  const Json patient = ctx.value("patient", Json::object());
  items["25"] = str(practice, "tax_id") + "    [X] EIN";
  items["26"] = str(patient, "account_number");
  items["27"] = "[X] YES";
  std::string signer = latin_ascii(str(rendering, "name"));
  if (!str(rendering, "credentials").empty()) signer += ", " + str(rendering, "credentials");
  items["31"] = signer + "\nSIGNATURE ON FILE\nDATE " + form_date(signed_on);
  items["32"] = str(practice, "name") + "\n" + address_of(practice);
  items["32a"] = str(practice, "npi");
  items["33"] =
      str(practice, "name") + "   PH " + str(practice, "phone") + "\n" + address_of(practice);
  items["33a"] = str(practice, "npi");
  if (!str(practice, "taxonomy").empty()) items["33b"] = "ZZ " + str(practice, "taxonomy");
}

FormLine form_line(const Json& line) {
  FormLine out;
  const std::string date = form_date(str(line, "service_date"), true);
  std::string procedure = str(line, "procedure_code");
  const Json modifiers = line.value("modifiers", Json::array());
  for (const auto& m : modifiers) procedure += " " + m.get<std::string>();
  std::string pointers;
  const Json letters = line.value("diagnosis_pointers", Json::array());
  for (const auto& p : letters) pointers += p.get<std::string>();
  out.cells = {date + "  " + date,
               str(line, "place_of_service"),
               "",
               procedure,
               pointers,
               dollars(line.value("charge_cents", int64_t{0})),
               std::to_string(line.value("units", 1)),
               "",
               "NPI",
               str(line.value("rendering_provider", Json::object()), "npi")};
  return out;
}

}  // namespace

std::vector<FormPage> form_pages(const Json& context, const std::string& signed_on) {
  FormPage common;
  insured_items(context, common.items);
  claim_items(context, signed_on, common.items);
  provider_items(context, signed_on, common.items);
  const Json lines = context.value("service_lines", Json::array());
  const size_t count = std::max<size_t>(1, (lines.size() + kLinesPerPage - 1) / kLinesPerPage);
  int64_t total = 0, paid = 0;
  for (const auto& l : lines) {
    total += l.value("charge_cents", int64_t{0});
    paid += l.value("paid_cents", int64_t{0});
  }
  std::vector<FormPage> pages;
  for (size_t p = 0; p < count; ++p) {
    FormPage page = common;
    for (size_t i = p * kLinesPerPage; i < std::min(lines.size(), (p + 1) * kLinesPerPage); ++i) {
      page.lines.push_back(form_line(lines[i]));
    }
    const bool last = p + 1 == count;
    page.items["28"] = last ? dollars(total) : "CONTINUED";
    page.items["29"] = last ? dollars(paid) : "";
    page.page_label = "PAGE " + std::to_string(p + 1) + " OF " + std::to_string(count);
    pages.push_back(std::move(page));
  }
  return pages;
}

}  // namespace dossier::claims::cms1500
