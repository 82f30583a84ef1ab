// Mappers of PHQ-9 and GAD-7 administrations: the total score as an Observation (category
// survey, LOINC 44261-6 / 70274-6, the severity band as interpretation) derived from a
// QuestionnaireResponse that carries the item answers (linkIds are the items' LOINC codes).
#pragma once

#include <string>

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

//! The id of the QuestionnaireResponse of an assessment row.
std::string questionnaire_response_id(const Json& assessment);

}  // namespace dossier::fhir
