#include "fhir/security.h"

#include "fhir/codes.h"

namespace dossier::fhir {

bool is_part2_record(const Json& context) {
  return !part2_notice(context).empty();
}

std::string part2_notice(const Json& context) {
  const auto it = context.find("notices");
  if (it == context.end() || !it->is_array()) return "";
  for (const auto& n : *it) {
    if (text_of(n, "regulation") == "42 CFR part 2") return text_of(n, "text");
  }
  return "";
}

Json part2_security_labels() {
  return Json::array(
      {coding(system::kConfidentiality, "R", "restricted"),
       coding(system::kActCode, "42CFRPart2", "42 CFR Part2"),
       coding(system::kActCode, "ETH", "substance abuse information sensitivity"),
       coding(system::kActCode, "NORDSCLCD", "no redisclosure without consent directive")});
}

Json psychotherapy_note_label() {
  return coding(system::kActCode, "PSYTHPN", "psychotherapy note information sensitivity");
}

void add_security_labels(Json& resource, const Json& labels) {
  Json& security = resource["meta"]["security"];
  if (!security.is_array()) security = Json::array();
  for (const auto& label : labels) {
    bool present = false;
    for (const auto& have : security) {
      present = present || (have["system"] == label["system"] && have["code"] == label["code"]);
    }
    if (!present) security.push_back(label);
  }
}

}  // namespace dossier::fhir
