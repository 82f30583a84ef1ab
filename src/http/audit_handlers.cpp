// GET /api/v1/export/audit: the export audit log, for admins; GET /api/v1/export/audit/verify:
// whether its hash chain is intact (and, given ?expect_seq=&expect_hash=, still holds a head
// recorded earlier).
#include <charconv>

#include "audit/audit_chain.h"
#include "audit/audit_log.h"
#include "core/dates.h"
#include "core/ids.h"
#include "http/app.h"
#include "http/audit_query.h"

namespace dossier::http {
namespace {

// ?expect_seq=&expect_hash=, both or neither: a head as a report's last_verified gives it.
Result<std::optional<audit::ChainHead>> parse_expected_head(const Context& ctx) {
  const auto seq = ctx.query("expect_seq");
  const auto hash = ctx.query("expect_hash");
  if (!seq && !hash) return std::optional<audit::ChainHead>();
  Error err{ErrorCode::kValidation, "the request is not valid", {}};
  audit::ChainHead head;
  const std::string seq_text = seq.value_or("");
  const auto [end, ec] =
      std::from_chars(seq_text.data(), seq_text.data() + seq_text.size(), head.seq);
  if (ec != std::errc() || end != seq_text.data() + seq_text.size() || head.seq < 1) {
    err.fields.push_back({"expect_seq", "must be a positive integer, with expect_hash"});
  }
  head.row_hash = hash.value_or("");
  if (head.row_hash.size() != 64 ||
      head.row_hash.find_first_not_of("0123456789abcdef") != std::string::npos) {
    err.fields.push_back({"expect_hash", "must be 64 lower-case hex digits, with expect_seq"});
  }
  if (!err.fields.empty()) return err;
  return std::optional(std::move(head));
}

}  // namespace

Result<audit::Query> parse_audit_query(const Context& ctx) {
  audit::Query q;
  DOSSIER_TRY(parse_limit(ctx, q.limit));
  Error err{ErrorCode::kValidation, "the request is not valid", {}};
  auto id_filter = [&](const char* name, std::optional<std::string>& out) {
    out = ctx.query(name);
    if (out && !is_uuid(*out)) err.fields.push_back({name, "must be a UUID"});
  };
  id_filter("user_id", q.user_id);
  id_filter("patient_id", q.patient_id);
  id_filter("job_id", q.export_job_id);
  id_filter("cursor", q.cursor);
  q.action = ctx.query("action");
  if (q.action && !audit::is_action(*q.action)) {
    err.fields.push_back({"action", "must be one of: " + audit::action_list()});
  }
  auto time_filter = [&](const char* name, std::optional<std::string>& out) {
    auto v = ctx.query(name);
    if (!v) return;
    if (auto d = parse_date(*v)) {
      out = d->str();
    } else if (auto t = parse_timestamp(*v)) {
      out = format_timestamp(*t);
    } else {
      err.fields.push_back({name, "must be a date YYYY-MM-DD or an ISO 8601 timestamp"});
    }
  };
  time_filter("since", q.since);
  time_filter("until", q.until);
  if (!err.fields.empty()) return err;
  return q;
}

void add_audit_routes(Router& router, App& app) {
  // A fixed path, added first, so no later /audit/{id} can take it.
  router.add("GET", "/api/v1/export/audit/verify", [&app](const Context& ctx) -> Result<Response> {
    if (!ctx.caller.is_admin())
      return Error::make(ErrorCode::kForbidden, "the audit log is for admins");
    DOSSIER_ASSIGN_OR_RETURN(std::optional<audit::ChainHead> expected, parse_expected_head(ctx));
    DOSSIER_ASSIGN_OR_RETURN(audit::VerifyReport report,
                             audit::verify(app.db, app.audit_key, expected));
    return Response::json(200, report.to_json());
  });
  router.add("GET", "/api/v1/export/audit", [&app](const Context& ctx) -> Result<Response> {
    if (!ctx.caller.is_admin())
      return Error::make(ErrorCode::kForbidden, "the audit log is for admins");
    DOSSIER_ASSIGN_OR_RETURN(audit::Query q, parse_audit_query(ctx));
    DOSSIER_ASSIGN_OR_RETURN(Json entries, audit::list(app.db, q));
    return Response::json(200, entries);
  });
}

}  // namespace dossier::http
