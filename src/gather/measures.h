// Derived clinical measures shared by reports: goal progress, score trends, session counts.
// Pure functions over rows in API form (record::to_object), so they test without a database.
#pragma once

#include <string>

#include "core/json.h"
#include "gather/common.h"

namespace dossier::gather {

//! Each goal with "baseline", "target", "current" (latest measurement within `bounds`, else
//! the baseline), "progress_percentage" (0–100, toward the target) and "measurements".
Json goal_progress(const Json& goals, const Json& measurements, const DateBounds& bounds);

//! Per instrument: first and last score in order, change, severities, count, and a
//! "trend" of improving / stable / worsening (lower scores are better on PHQ-9 and GAD-7).
Json assessment_summary(const Json& assessments);

//! The risk screen of DOMAIN.md's medical-necessity elements, from PHQ-9 item 9 ("thoughts
//! that you would be better off dead, or of hurting yourself"), over `assessments` in date
//! order: "administrations", "positive_dates" (answer > 0), "latest_date", "latest_answer"
//! (0–3) and its "latest_label". Null when no PHQ-9 was given: nothing was screened, and a
//! document must not suggest otherwise.
Json risk_screen(const Json& assessments);

//! Counts by status, kept minutes, telehealth, CPT codes, first and last date.
Json session_summary(const Json& sessions);

//! A prognosis from score trends: good (improving), fair (stable), guarded (worsening).
Json prognosis(const Json& summary);

}  // namespace dossier::gather
