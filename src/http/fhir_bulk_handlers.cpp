// FHIR Bulk Data Access (IG v2.0.0) under /fhir/r4: kick-off ($export at system, Patient and
// Group level), the status URL (poll, DELETE to cancel) and the NDJSON files. Thin: the
// checks are in fhir/bulk_request, the jobs in pipeline/fhir_bulk_jobs, the work in
// pipeline/fhir_bulk. Errors become OperationOutcomes in the router.
#include <cctype>

#include "audit/audit_log.h"
#include "core/clock.h"
#include "http/app.h"
#include "http/error_mapping.h"
#include "pipeline/fhir_bulk.h"
#include "pipeline/fhir_bulk_jobs.h"
#include "storage/slice_reader.h"

namespace dossier::http {
namespace {

constexpr const char* kStatusPath = "/fhir/r4/bulkstatus/";
constexpr const char* kFilesPath = "/fhir/r4/bulkfiles/";
// Seconds a client should wait: between polls of a running export, and before kicking off
// another when it has too many running.
constexpr const char* kPollAfter = "1";
constexpr const char* kBusyRetryAfter = "10";

std::string percent_encode(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ',') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// The server's own origin as the client reached it; manifests carry absolute URLs.
std::string origin_of(const Request& request) {
  const auto host = request.headers.find("host");
  if (host == request.headers.end()) return "";
  const auto proto = request.headers.find("x-forwarded-proto");
  const bool https = proto != request.headers.end() && proto->second == "https";
  return (https ? "https://" : "http://") + host->second;
}

std::string request_url(const Request& request) {
  std::string url = origin_of(request) + request.path;
  char sep = '?';
  for (const auto& [name, value] : request.query) {
    url += sep + percent_encode(name) + "=" + percent_encode(value);
    sep = '&';
  }
  return url;
}

Response fhir_response(int status, const Json& body) {
  Response r = Response::json(status, body);
  r.content_type = "application/fhir+json";
  return r;
}

Json information(const std::string& text) {
  return {{"resourceType", "OperationOutcome"},
          {"issue",
           Json::array(
               {{{"severity", "information"}, {"code", "informational"}, {"diagnostics", text}}})}};
}

Result<Response> kick_off(App& app, const Context& ctx, fhir::BulkLevel level) {
  const std::string group = level == fhir::BulkLevel::kGroup ? ctx.param("id") : "";
  DOSSIER_ASSIGN_OR_RETURN(
      fhir::BulkRequest request,
      fhir::parse_bulk_request(level, group, ctx.request.headers, ctx.request.query));
  auto created =
      pipeline::create_bulk_job(app.db, system_clock(), app.audit_key, ctx.caller, request,
                                request_url(ctx.request), pipeline::kDefaultMaxActiveBulkExports);
  if (!created.ok() && created.error().code == ErrorCode::kRateLimited) {
    Response r = error_response(created.error());
    r.headers.emplace_back("Retry-After", kBusyRetryAfter);
    return r;
  }
  if (!created.ok()) {
    return audit_refusal(app, ctx.caller, {"bulk_export", 0, std::nullopt, std::nullopt},
                         created.error());
  }
  if (app.job_enqueued) app.job_enqueued();
  Response r = fhir_response(202, information("the export has started; poll Content-Location"));
  r.headers.emplace_back("Content-Location", origin_of(ctx.request) + kStatusPath + *created);
  return r;
}

bool expired(const Json& row) {
  return row["expired_at"].is_string() ||
         (row["expires_at"].is_string() && row["expires_at"].get<std::string>() <= now_timestamp());
}

Result<Response> poll(App& app, const Context& ctx) {
  DOSSIER_ASSIGN_OR_RETURN(Json row,
                           pipeline::bulk_job_row(app.db, ctx.caller, ctx.param("job_id")));
  const std::string status = row["status"];
  if (status == "pending" || status == "processing") {
    Response r{202, "application/fhir+json", "", {}, nullptr};
    r.headers.emplace_back("X-Progress", status == "pending" ? "queued" : "in progress");
    r.headers.emplace_back("Retry-After", kPollAfter);
    return r;
  }
  if (status == "failed") {
    // The job's message is written for its creator and carries no PHI (jobs/job_queue.h).
    return Error::internal(row["error_message"].is_string()
                               ? row["error_message"].get<std::string>()
                               : "the export failed");
  }
  if (expired(row)) return Error::make(ErrorCode::kGone, "the export has expired; start it again");
  Response r = fhir_response(200, pipeline::bulk_manifest(row, origin_of(ctx.request) + kFilesPath +
                                                                   row["id"].get<std::string>()));
  r.content_type = "application/json";  // the IG's type for the manifest
  return r;
}

Result<Response> cancel(App& app, const Context& ctx) {
  DOSSIER_ASSIGN_OR_RETURN(Json row,
                           pipeline::bulk_job_row(app.db, ctx.caller, ctx.param("job_id")));
  DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> file, app.jobs.mark_deleted(ctx.caller, row));
  if (file) DOSSIER_TRY(app.files.remove(*file));
  return fhir_response(202, information("the export was cancelled and its files deleted"));
}

Result<Response> download(App& app, const Context& ctx) {
  DOSSIER_ASSIGN_OR_RETURN(Json row,
                           pipeline::bulk_job_row(app.db, ctx.caller, ctx.param("job_id")));
  const std::string& name = ctx.param("file");
  const std::string suffix = ".ndjson";
  if (row["status"] != "completed" || name.size() <= suffix.size() ||
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return Error::not_found("file");
  }
  const auto part = pipeline::bulk_part(row, name.substr(0, name.size() - suffix.size()));
  if (!part) return Error::not_found("file");
  if (expired(row)) return Error::make(ErrorCode::kGone, "the export has expired; start it again");
  DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<storage::BlobReader> file,
                           app.files.open_reader(row["file_path"]));
  DOSSIER_TRY(audit::append(
      app.db, app.audit_key, ctx.caller,
      audit::job_entry(
          "downloaded", row,
          {{"file_sha256", row["file_sha256"]}, {"type", part->type}, {"count", part->count}})));
  Response r{200,
             "application/fhir+ndjson",
             {},
             {},
             storage::slice_reader(std::move(file), part->offset, part->length)};
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

// Refusals of a request about one export, named by the path, are audited like the API's.
Result<Response> audited(App& app, const Context& ctx, const char* operation,
                         Result<Response> answer) {
  if (answer.ok()) return answer;
  return audit_refusal(app, ctx.caller, {operation, 0, ctx.param("job_id"), std::nullopt},
                       answer.error());
}

}  // namespace

void add_fhir_bulk_routes(Router& router, App& app) {
  router.add("GET", "/fhir/r4/$export",
             [&app](const Context& ctx) { return kick_off(app, ctx, fhir::BulkLevel::kSystem); });
  router.add("GET", "/fhir/r4/Patient/$export",
             [&app](const Context& ctx) { return kick_off(app, ctx, fhir::BulkLevel::kPatient); });
  router.add("GET", "/fhir/r4/Group/{id}/$export",
             [&app](const Context& ctx) { return kick_off(app, ctx, fhir::BulkLevel::kGroup); });
  router.add("GET", "/fhir/r4/bulkstatus/{job_id}", [&app](const Context& ctx) {
    return audited(app, ctx, "bulk_status", poll(app, ctx));
  });
  router.add("DELETE", "/fhir/r4/bulkstatus/{job_id}", [&app](const Context& ctx) {
    return audited(app, ctx, "bulk_cancel", cancel(app, ctx));
  });
  router.add("GET", "/fhir/r4/bulkfiles/{job_id}/{file}", [&app](const Context& ctx) {
    return audited(app, ctx, "bulk_download", download(app, ctx));
  });
}

}  // namespace dossier::http
