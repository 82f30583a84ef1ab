// Renders an export template (a system template or a practice's custom one) over a gathered
// Context to HTML, for the PDF, DOCX and HTML-preview renderers.
//
//   std::string source = catalog::system_template_source("progress_report");
//   auto html = catalog::render_template_html(source, context, "progress_report");
//   if (!html.ok()) …;  // kUnprocessable "line 12, column 8: …" (parse or render error)
//   auto pdf = doc::render_pdf(*html, options);
//
// Templates see the Context's members as variables, the system partials
// ({% include "partials/…" %}, see system_templates.h) and these functions, which return SVG
// that is printed unescaped:
//
//   assessment_chart(points, instrument='PHQ-9', title=…, width=…, height=…, from=…, to=…)
//       PHQ-9 or GAD-7 totals over time on the instrument's severity bands. `points`: the
//       gathered assessment rows (rows of other instruments are skipped) or [{date, value}].
//   goal_chart(goal, title=…, measure=…, width=…, height=…, from=…, to=…)
//       A gathered goal's measurements against its baseline and target.
//
// (width 200–2000 px, height 120–1200 px; from/to "YYYY-MM-DD" stretch the time axis over
// a report period.) Bad chart arguments end the render with an error naming the argument.
//
// Every export and preview prints its times in the practice's time zone: the `date` filter
// converts timestamps to practice_time_zone(context) (templates add %Z to name it).
//
// Thread safety: every function here may be called concurrently. Parsed templates are cached
// (keyed by name and content, bounded), so rendering the same template again skips parsing.
#pragma once

#include <string>
#include <string_view>

#include "core/json.h"
#include "core/result.h"
#include "tmpl/functions.h"
#include "tmpl/limits.h"

namespace dossier::catalog {

//! Parses (or takes from the cache) and renders `source` with `context`, the system partials
//! and export_functions(), within export_limits(), in practice_time_zone(context). `name`
//! identifies the template in errors.
//! Fails with kUnprocessable "line L, column C: …" on a syntax error, a render error or a
//! limit; never throws.
Result<std::string> render_template_html(std::string_view source, const Json& context,
                                         std::string_view name = "template");

//! The zone of the practice whose record `context` was gathered from: `practice.time_zone`
//! (most exports) or `tables.practice[0].time_zone` (the full record); "UTC" when there is
//! none or the tz database does not know it, so that a document still renders, in UTC and
//! saying so.
std::string practice_time_zone(const Json& context);

//! The content of templates/<export_type>.html.j2 ("progress_report", "session_notes", …),
//! or "" when there is no system template for that type.
std::string system_template_source(std::string_view export_type);

//! The host functions every export template may call (the charts above). Immutable.
const tmpl::FunctionRegistry& export_functions();

//! Limits for one export render: generous for a large full record, bounded for a hostile
//! custom template (output 32 MiB, 2 million loop iterations, 2,000 function calls).
tmpl::Limits export_limits();

}  // namespace dossier::catalog
