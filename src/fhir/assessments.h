// Mappers of PHQ-9 and GAD-7 administrations: the total score as an Observation (category
// survey, LOINC 44261-6 / 70274-6, the severity band as interpretation) derived from a
// QuestionnaireResponse that carries the item answers (linkIds are the items' LOINC codes).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"
#include "fhir/codes.h"

namespace dossier::fhir {

//! The Observation of an `assessments` row (id = the row's id). The encounter link (the
//! row's session) and derivedFrom (its QuestionnaireResponse) are kept when they resolve.
Json map_score_observation(const Json& assessment, const std::string& patient_id,
                           const Resolves& resolves = resolves_all());

//! The QuestionnaireResponse of an `assessments` row ("qr-<row id>").
Json map_questionnaire_response(const Json& assessment, const std::string& patient_id,
                                const Resolves& resolves = resolves_all());

//! The instrument ("PHQ-9", "GAD-7") whose total score has the LOINC `code`; "" for none.
std::string instrument_of_total(std::string_view code);

//! The position of the item with LOINC `link_id` in `instrument`; nullopt for none.
std::optional<size_t> item_position(std::string_view instrument, std::string_view link_id);

//! The id of the QuestionnaireResponse of an assessment row.
std::string questionnaire_response_id(const Json& assessment);

}  // namespace dossier::fhir
