#include "fhir/assessments.h"

#include <array>
#include <utility>
#include <vector>

namespace dossier::fhir {
namespace {

struct Instrument {
  const char* name;
  const char* panel;  //!< LOINC of the questionnaire
  const char* total;  //!< LOINC of the total score
  const char* total_display;
  std::vector<std::pair<const char*, const char*>> items;  //!< LOINC and short text, in order
};

const Instrument* instrument_of(std::string_view name) {
  static const std::array<Instrument, 2> kInstruments = {{
      {"PHQ-9",
       "44249-1",
       "44261-6",
       "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]",
       {{"44250-9", "Little interest or pleasure in doing things"},
        {"44255-8", "Feeling down, depressed, or hopeless"},
        {"44259-0", "Trouble falling or staying asleep, or sleeping too much"},
        {"44254-1", "Feeling tired or having little energy"},
        {"44251-7", "Poor appetite or overeating"},
        {"44258-2", "Feeling bad about yourself"},
        {"44252-5", "Trouble concentrating on things"},
        {"44253-3", "Moving or speaking slowly, or being fidgety or restless"},
        {"44260-8", "Thoughts that you would be better off dead, or of hurting yourself"}}},
      {"GAD-7",
       "69737-5",
       "70274-6",
       "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]",
       {{"69725-0", "Feeling nervous, anxious, or on edge"},
        {"68509-9", "Not being able to stop or control worrying"},
        {"69733-4", "Worrying too much about different things"},
        {"69734-2", "Trouble relaxing"},
        {"69735-9", "Being so restless that it is hard to sit still"},
        {"69689-8", "Becoming easily annoyed or irritable"},
        {"69736-7", "Feeling afraid as if something awful might happen"}}},
  }};
  for (const auto& i : kInstruments) {
    if (name == i.name) return &i;
  }
  return nullptr;
}

// "moderately_severe" → "Moderately severe".
std::string severity_text(std::string severity) {
  for (char& c : severity) {
    if (c == '_') c = ' ';
  }
  if (!severity.empty() && severity[0] >= 'a' && severity[0] <= 'z') severity[0] -= 'a' - 'A';
  return severity;
}

std::string questionnaire_url(const Instrument* instrument) {
  return std::string("http://loinc.org/q/") + (instrument ? instrument->panel : "unknown");
}

}  // namespace

std::string instrument_of_total(std::string_view code) {
  for (const char* name : {"PHQ-9", "GAD-7"}) {
    if (code == instrument_of(name)->total) return name;
  }
  return "";
}

std::optional<size_t> item_position(std::string_view instrument, std::string_view link_id) {
  const Instrument* known = instrument_of(instrument);
  if (!known) return std::nullopt;
  for (size_t i = 0; i < known->items.size(); ++i) {
    if (link_id == known->items[i].first) return i;
  }
  return std::nullopt;
}

std::string questionnaire_response_id(const Json& assessment) {
  return fhir_id(text_of(assessment, "id"), "qr-");
}

Json map_score_observation(const Json& assessment, const std::string& patient_id,
                           const Resolves& resolves) {
  const std::string name = text_of(assessment, "instrument");
  const Instrument* instrument = instrument_of(name);
  Json code = instrument ? codeable(system::kLoinc, instrument->total, instrument->total_display,
                                    name + " total score")
                         : Json{{"text", name + " total score"}};
  Json r = {{"resourceType", "Observation"},
            {"id", fhir_id(text_of(assessment, "id"))},
            {"status", "final"},
            {"category", Json::array({codeable(system::kObservationCategory, "survey", "Survey")})},
            {"code", code},
            {"subject", reference("Patient", fhir_id(patient_id))}};
  const std::string encounter = "Encounter/" + fhir_id(text_of(assessment, "session_id"));
  if (!text_of(assessment, "session_id").empty() && resolves(encounter)) {
    r["encounter"] = {{"reference", encounter}};
  }
  if (is_date_time(text_of(assessment, "administered_on"))) {
    r["effectiveDateTime"] = text_of(assessment, "administered_on");
  }
  if (assessment.contains("total_score") && assessment["total_score"].is_number()) {
    r["valueQuantity"] = {{"value", assessment["total_score"]},
                          {"unit", "{score}"},
                          {"system", system::kUcum},
                          {"code", "{score}"}};
  }
  if (!text_of(assessment, "severity").empty()) {
    r["interpretation"] = Json::array({{{"text", severity_text(text_of(assessment, "severity"))}}});
  }
  const std::string qr = "QuestionnaireResponse/" + questionnaire_response_id(assessment);
  if (resolves(qr)) r["derivedFrom"] = Json::array({{{"reference", qr}}});
  return r;
}

Json map_questionnaire_response(const Json& assessment, const std::string& patient_id,
                                const Resolves& resolves) {
  const Instrument* instrument = instrument_of(text_of(assessment, "instrument"));
  Json r = {{"resourceType", "QuestionnaireResponse"},
            {"id", questionnaire_response_id(assessment)},
            {"questionnaire", questionnaire_url(instrument)},
            {"status", "completed"},
            {"subject", reference("Patient", fhir_id(patient_id))}};
  const std::string encounter = "Encounter/" + fhir_id(text_of(assessment, "session_id"));
  if (!text_of(assessment, "session_id").empty() && resolves(encounter)) {
    r["encounter"] = {{"reference", encounter}};
  }
  if (is_date_time(text_of(assessment, "administered_on"))) {
    r["authored"] = text_of(assessment, "administered_on");
  }
  Json items = Json::array();
  const Json answers = assessment.contains("item_answers") && assessment["item_answers"].is_array()
                           ? assessment["item_answers"]
                           : Json::array();
  for (size_t i = 0; i < answers.size(); ++i) {
    if (!answers[i].is_number_integer()) continue;
    const bool known = instrument && i < instrument->items.size();
    Json item = {{"linkId", known ? instrument->items[i].first : std::to_string(i + 1)},
                 {"answer", Json::array({{{"valueInteger", answers[i]}}})}};
    if (known) item["text"] = instrument->items[i].second;
    items.push_back(item);
  }
  if (instrument && assessment.contains("total_score") && assessment["total_score"].is_number()) {
    items.push_back({{"linkId", instrument->total},
                     {"text", "Total score"},
                     {"answer", Json::array({{{"valueInteger", assessment["total_score"]}}})}});
  }
  if (!items.empty()) r["item"] = items;
  return r;
}

}  // namespace dossier::fhir
