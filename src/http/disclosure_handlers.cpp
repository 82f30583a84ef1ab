// GET /api/v1/patients/{id}/disclosures: the client's accounting of disclosures (45 CFR
// 164.528), as JSON or PDF; thin over jobs::list_disclosures and
// pipeline::render_disclosures_pdf.
#include "auth/visibility.h"
#include "core/clock.h"
#include "core/field_checker.h"
#include "http/app.h"
#include "jobs/disclosures.h"
#include "pipeline/disclosures_document.h"

namespace dossier::http {
namespace {

struct AccountingQuery {
  jobs::DisclosurePeriod period;
  std::string format;
};

// Every problem with the query at once, each naming its parameter.
Result<AccountingQuery> parse_accounting_query(const Context& ctx, const Date& today) {
  Json query = Json::object();
  for (const char* name : {"from", "to", "format"}) {
    if (auto value = ctx.query(name)) query[name] = *value;
  }
  FieldChecker fields(query);
  const auto period = jobs::parse_disclosure_period(fields, today);
  const auto format = fields.one_of("format", {"json", "pdf"}, false);
  DOSSIER_TRY(fields.finish());
  return AccountingQuery{*period, format.value_or("json")};
}

Result<Response> accounting(App& app, const Context& ctx) {
  // Billers work on claims; who else received a client's record is not theirs to see.
  if (ctx.caller.role == auth::Role::kBiller) {
    return Error::make(ErrorCode::kForbidden,
                       "the accounting of disclosures is for clinicians and admins");
  }
  const std::string& patient_id = ctx.param("id");
  DOSSIER_TRY(auth::require_patient_visible(app.db, ctx.caller, patient_id));
  const TimePoint now = system_clock().now();
  DOSSIER_ASSIGN_OR_RETURN(Date today, jobs::practice_today(app.db, now));
  DOSSIER_ASSIGN_OR_RETURN(AccountingQuery q, parse_accounting_query(ctx, today));
  DOSSIER_ASSIGN_OR_RETURN(Json listed,
                           jobs::list_disclosures(app.db, patient_id, q.period.from, q.period.to));
  if (q.format == "json") return Response::json(200, listed);

  DOSSIER_ASSIGN_OR_RETURN(formats::Rendered pdf,
                           pipeline::render_disclosures_pdf(app.db, listed, format_timestamp(now)));
  Response r{200, pdf.content_type, std::move(pdf.bytes), {}};
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"disclosures-" +
                                                    q.period.from.str() + "-to-" +
                                                    q.period.to.str() + ".pdf\"");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace

void add_disclosure_routes(Router& router, App& app) {
  router.add("GET", "/api/v1/patients/{id}/disclosures",
             [&app](const Context& ctx) { return accounting(app, ctx); });
}

}  // namespace dossier::http
