#include "claims/x12_837p.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "claims/x12_segments.h"

namespace dossier::claims {
namespace {

// The implementation guide's limits: 50 service lines a claim, 12 diagnoses a claim.
constexpr size_t kLinesPerClaim = 50;
constexpr size_t kMaxDiagnoses = 12;

std::string str(const Json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// "2026-01-15T12:00:00Z" → {"20260115", "1200"}.
struct Stamp {
  std::string date;  //!< CCYYMMDD
  std::string time;  //!< HHMM
};
Stamp stamp_of(const std::string& iso) {
  const std::string d = digits_of(iso.substr(0, 10));
  const std::string t = iso.size() >= 16 ? digits_of(iso.substr(11, 5)) : "0000";
  return {d, t};
}

std::string padded(std::string s, size_t width) {
  s.resize(width, ' ');
  return s;
}

std::string sex_code(const std::string& sex) {
  if (sex == "female") return "F";
  if (sex == "male") return "M";
  return "U";
}

// NM1 of a person: entity, last, first, middle, then the ID and its qualifier.
std::vector<std::string> person(const std::string& entity, const std::string& family,
                                const std::string& given, const std::string& middle,
                                const std::string& qualifier, const std::string& id) {
  return {"NM1",
          entity,
          "1",
          x12_text(family),
          x12_text(given),
          x12_text(middle),
          "",
          "",
          id.empty() ? "" : qualifier,
          id};
}

void address(SegmentWriter& w, const Json& o) {
  w.add({"N3", x12_text(str(o, "address_line1")), x12_text(str(o, "address_line2"))});
  w.add({"N4", x12_text(str(o, "city")), x12_text(str(o, "state")),
         digits_of(str(o, "postal_code"))});
}

class Writer837 {
 public:
  Writer837(const Json& ctx, const Interchange& ic)
      : ctx_(ctx),
        practice_(ctx.value("practice", Json::object())),
        coverage_(ctx.value("coverage", Json::object())),
        patient_(ctx.value("patient", Json::object())),
        claim_(ctx.value("claim_info", Json::object())),
        ic_(ic),
        when_(stamp_of(ic.created_at)) {}

  std::string write() {
    envelope_open();
    submitter_and_receiver();
    billing_provider();
    subscriber_and_patient();
    const Json& lines = ctx_.value("service_lines", Json::array());
    const size_t claims = (lines.size() + kLinesPerClaim - 1) / kLinesPerClaim;
    for (size_t k = 0; k < claims; ++k) {
      const size_t first = k * kLinesPerClaim;
      claim(lines, first, std::min(lines.size(), first + kLinesPerClaim), claims > 1 ? k + 1 : 0);
    }
    envelope_close();
    return w_.text();
  }

 private:
  std::string control(size_t width) const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%0*lld", static_cast<int>(width),
                  static_cast<long long>(ic_.control_number));
    return buf;
  }
  std::string sender() const { return digits_of(str(practice_, "npi")); }
  std::string receiver() const { return x12_id(str(coverage_, "payer_id")); }

  void envelope_open() {
    w_.add_raw("ISA*00*" + padded("", 10) + "*00*" + padded("", 10) + "*ZZ*" +
               padded(sender(), 15) + "*ZZ*" + padded(receiver(), 15) + "*" + when_.date.substr(2) +
               "*" + when_.time + "*^*00501*" + control(9) + "*0*" + std::string(1, ic_.usage) +
               "*:");
    w_.add({"GS", "HC", sender(), receiver(), when_.date, when_.time, control(1), "X",
            "005010X222A1"});
    w_.reset_count();
    w_.add({"ST", "837", control(4), "005010X222A1"});
    w_.add({"BHT", "0019", "00", str(ctx_.value("export", Json::object()), "job_id"), when_.date,
            when_.time, "CH"});
  }

  void envelope_close() {
    w_.add({"SE", std::to_string(w_.count() + 1), control(4)});
    w_.add({"GE", "1", control(1)});
    w_.add({"IEA", "1", control(9)});
  }

  // 1000A submitter and 1000B receiver: the practice sends straight to the payer.
  void submitter_and_receiver() {
    const std::string name = x12_text(str(practice_, "name"));
    w_.add({"NM1", "41", "2", name, "", "", "", "", "46", sender()});
    w_.add({"PER", "IC", name, "TE", digits_of(str(practice_, "phone"))});
    w_.add({"NM1", "40", "2", x12_text(str(coverage_, "payer_name")), "", "", "", "", "46",
            receiver()});
  }

  // 2000A billing provider: the practice, by its NPI, address and EIN.
  void billing_provider() {
    w_.add({"HL", "1", "", "20", "1"});
    if (!str(practice_, "taxonomy").empty()) {
      w_.add({"PRV", "BI", "PXC", str(practice_, "taxonomy")});
    }
    w_.add({"NM1", "85", "2", x12_text(str(practice_, "name")), "", "", "", "", "XX",
            str(practice_, "npi")});
    address(w_, practice_);
    w_.add({"REF", "EI", digits_of(str(practice_, "tax_id"))});
  }

  // 2000B subscriber with 2010BA and 2010BB; 2000C patient when the client is a dependent.
  void subscriber_and_patient() {
    const std::string relationship = str(coverage_, "subscriber_relationship");
    const bool self = relationship.empty() || relationship == "self";
    w_.add({"HL", "2", "1", "22", self ? "0" : "1"});
    w_.add({"SBR", "P", self ? "18" : "", x12_id(str(coverage_, "group_number")), "", "", "", "",
            "", "CI"});
    if (self) {
      w_.add(person("IL", str(patient_, "family_name"), str(patient_, "given_name"),
                    str(patient_, "middle_name"), "MI", x12_id(str(coverage_, "member_id"))));
      address(w_, patient_);
      w_.add({"DMG", "D8", digits_of(str(patient_, "birth_date")), sex_code(str(patient_, "sex"))});
    } else {
      w_.add(person("IL", str(coverage_, "subscriber_family_name"),
                    str(coverage_, "subscriber_given_name"), "", "MI",
                    x12_id(str(coverage_, "member_id"))));
    }
    w_.add({"NM1", "PR", "2", x12_text(str(coverage_, "payer_name")), "", "", "", "", "PI",
            receiver()});
    if (self) return;
    const std::string pat = relationship == "spouse" ? "01" : relationship == "child" ? "19" : "G8";
    w_.add({"HL", "3", "2", "23", "0"});
    w_.add({"PAT", pat});
    w_.add(person("QC", str(patient_, "family_name"), str(patient_, "given_name"),
                  str(patient_, "middle_name"), "", ""));
    address(w_, patient_);
    w_.add({"DMG", "D8", digits_of(str(patient_, "birth_date")), sex_code(str(patient_, "sex"))});
  }

  void diagnoses() {
    std::vector<std::string> hi = {"HI"};
    const Json& codes = claim_.value("diagnosis_codes", Json::array());
    for (size_t i = 0; i < std::min(codes.size(), kMaxDiagnoses); ++i) {
      hi.push_back((i == 0 ? "ABK:" : "ABF:") + icd10_without_dot(codes[i].get<std::string>()));
    }
    w_.add(std::move(hi));
  }

  void rendering_provider(const Json& provider) {
    w_.add(person("82", str(provider, "family_name"), str(provider, "given_name"), "", "XX",
                  str(provider, "npi")));
    if (!str(provider, "taxonomy").empty()) {
      w_.add({"PRV", "PE", "PXC", str(provider, "taxonomy")});
    }
  }

  // 2300 claim over lines [first, last); `part` numbers the claims of a split (0: one claim).
  void claim(const Json& lines, size_t first, size_t last, size_t part) {
    int64_t total = 0;
    for (size_t i = first; i < last; ++i) total += lines[i].value("charge_cents", int64_t{0});
    const std::string pos = str(lines[first], "place_of_service");
    std::string account = str(patient_, "account_number");
    if (account.empty()) account = control(1);
    if (part > 0) account += "-" + std::to_string(part);
    w_.add({"CLM", x12_id(account).substr(0, 20), x12_amount(total), "", "", pos + ":B:1", "Y", "A",
            "Y", "Y"});
    diagnoses();
    const Json& rendering = claim_.value("rendering_provider", Json::object());
    if (str(rendering, "npi") != str(practice_, "npi")) rendering_provider(rendering);
    for (size_t i = first; i < last; ++i) service_line(lines[i], i - first + 1, pos, rendering);
  }

  // 2400 service line; 2420A rendering provider when not the claim's.
  void service_line(const Json& line, size_t number, const std::string& claim_pos,
                    const Json& claim_rendering) {
    std::string procedure = "HC:" + str(line, "procedure_code");
    const Json modifiers = line.value("modifiers", Json::array());
    for (const auto& m : modifiers) procedure += ":" + m.get<std::string>();
    std::string pointers;
    const Json letters = line.value("diagnosis_pointers", Json::array());
    for (const auto& p : letters) {
      const int n = p.get<std::string>()[0] - 'A' + 1;
      pointers += (pointers.empty() ? "" : ":") + std::to_string(n);
    }
    const std::string pos = str(line, "place_of_service");
    w_.add({"LX", std::to_string(number)});
    w_.add({"SV1", procedure, x12_amount(line.value("charge_cents", int64_t{0})), "UN",
            std::to_string(line.value("units", 1)), pos == claim_pos ? "" : pos, "", pointers});
    w_.add({"DTP", "472", "D8", digits_of(str(line, "service_date"))});
    const Json& provider = line.value("rendering_provider", Json::object());
    if (str(provider, "npi") != str(claim_rendering, "npi")) rendering_provider(provider);
  }

  // Copies: Json::value() answers by value, and the members are small.
  const Json& ctx_;
  const Json practice_;
  const Json coverage_;
  const Json patient_;
  const Json claim_;
  const Interchange& ic_;
  const Stamp when_;
  SegmentWriter w_;
};

}  // namespace

std::string icd10_without_dot(const std::string& code) {
  std::string out;
  for (char c : code) {
    if (c != '.') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string x12_amount(int64_t cents) {
  std::string out = std::to_string(cents / 100);
  const int64_t rest = cents % 100;
  if (rest == 0) return out;
  out += "." + std::string(rest < 10 ? "0" : "") + std::to_string(rest);
  if (out.back() == '0') out.pop_back();
  return out;
}

std::string write_837p(const Json& context, const Interchange& interchange) {
  return Writer837(context, interchange).write();
}

}  // namespace dossier::claims
