// The inverse of assessments.cpp and of map_goal_measurement: an Observation is a PHQ-9 or
// GAD-7 total score (its item answers in the QuestionnaireResponse it derives from) or a
// measurement of a goal (its focus), back to assessments and goal_measurements rows.
#include "fhir/assessments.h"
#include "fhir/import_rows.h"

namespace dossier::fhir {
namespace {

// "Moderately severe" → "moderately_severe", the record's band.
std::string severity_of(std::string text) {
  for (char& c : text) {
    if (c == ' ') c = '_';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// The instrument of a score: the LOINC code of its total, else "PHQ-9 total score" text.
std::string instrument_of_score(EntryReader& r) {
  const size_t n = r.count("code.coding");
  for (size_t i = 0; i < n; ++i) {
    const std::string name =
        instrument_of_total(r.text("code.coding[" + std::to_string(i) + "].code"));
    if (!name.empty()) return name;
  }
  r.fail("code", "must be the LOINC total score of PHQ-9 (44261-6) or GAD-7 (70274-6)");
  return "";
}

// The item answers of the response, in the instrument's item order.
Json item_answers(EntryReader& q, const std::string& instrument) {
  Json answers = Json::array();
  const size_t n = q.count("item");
  for (size_t i = 0; i < n; ++i) {
    const std::string path = "item[" + std::to_string(i) + "]";
    const std::string link = q.required_text(path + ".linkId");
    if (instrument_of_total(link) == instrument) continue;  // the total, kept on the score
    const auto position = item_position(instrument, link);
    if (!position || *position != answers.size()) {
      q.fail(path + ".linkId", "must be the next item of " + instrument + " (its LOINC code)");
      break;
    }
    answers.push_back(q.integer(path + ".answer[0].valueInteger", true));
  }
  return answers;
}

Status import_score(EntryReader& r, ImportState& s) {
  const std::string instrument = instrument_of_score(r);
  Json row = {{"id", r.own_id()},
              {"patient_id", r.reference("subject", "Patient", true)},
              {"instrument", instrument},
              {"administered_on", r.date("effectiveDateTime", true)},
              {"total_score", r.integer("valueQuantity.value", true)},
              {"severity", severity_of(r.required_text("interpretation[0].text"))},
              {"created_at", s.imported_at}};
  if (const std::string session = r.reference("encounter", "Encounter"); !session.empty())
    row["session_id"] = session;
  const auto response = r.referenced_entry("derivedFrom[0]", "QuestionnaireResponse", true);
  DOSSIER_TRY(r.status());
  EntryReader q(r.index(), *response);
  row["item_answers"] = item_answers(q, instrument);
  DOSSIER_TRY(q.status());
  s.derived_responses.insert(*response);
  s.add_row("assessments", std::move(row));
  return {};
}

Status import_measurement(EntryReader& r, ImportState& s) {
  Json row = {{"id", r.own_id()},
              {"goal_id", r.reference("focus[0]", "Goal", true)},
              {"patient_id", r.reference("subject", "Patient", true)},
              {"measured_on", r.date("effectiveDateTime", true)},
              {"value", r.number("valueQuantity.value", true)},
              {"created_at", s.imported_at}};
  if (const std::string note = r.text("note[0].text"); !note.empty()) row["note"] = note;
  DOSSIER_TRY(r.status());
  s.add_row("goal_measurements", std::move(row));
  return {};
}

}  // namespace

Status import_observation(EntryReader& r, ImportState& s) {
  if (r.has("focus")) return import_measurement(r, s);
  if (r.has("derivedFrom") || r.text("category[0].coding[0].code") == "survey")
    return import_score(r, s);
  r.fail("code",
         "must be a PHQ-9 or GAD-7 total score (category survey) or a goal measurement (focus "
         "a Goal)");
  return r.status();
}

}  // namespace dossier::fhir
