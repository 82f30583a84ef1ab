// export_pages.h: the Export form and the Jobs pages.
#include "web/export_pages.h"

#include "core/ids.h"
#include "http/export_actions.h"
#include "web/export_form_page.h"
#include "web/jobs_view.h"

namespace dossier::web {
namespace {

// The kind the form names, among those the caller is offered; "" is none chosen yet.
Result<std::optional<ExportKind>> chosen_kind(const auth::Caller& caller, const std::string& slug) {
  if (slug.empty()) return std::optional<ExportKind>();
  auto kind = find_export_kind(export_kinds_for(caller), slug);
  if (!kind) return Error::validation("type", "is not an export you may make");
  return kind;
}

// The zone the pages print times in (the shell's, as the templates' date filter uses).
Result<std::string> practice_time_zone(const Page& page) {
  DOSSIER_ASSIGN_OR_RETURN(Json shell, shell_for(page, "", ""));
  return shell["time_zone"].get<std::string>();
}

Result<http::Response> render_form(Page& page, const ExportFormState& state, int status = 200) {
  DOSSIER_ASSIGN_OR_RETURN(Json data, export_form_page(page.site.db, page.caller(), state));
  return render_page(page, "export", "Export", "/export", data, status);
}

// GET /export?type=&patient_id=
Result<http::Response> export_page(Page& page) {
  ExportFormState state;
  DOSSIER_ASSIGN_OR_RETURN(state.kind, chosen_kind(page.caller(), page.query("type")));
  state.patient_id = page.query("patient_id");
  if (state.kind) state.values = default_form_values(state.kind->type);
  return render_form(page, state);
}

// POST /export: the API's body from the form, through the API's own steps. A request the
// API would answer with 400 comes back as the form, its values kept and each problem beside
// its input (a 422 too: what the record lacks is listed above the form); any other refusal
// is the API's error page.
Result<http::Response> submit_export(Page& page, http::App& app) {
  ExportFormState state;
  DOSSIER_ASSIGN_OR_RETURN(state.kind, chosen_kind(page.caller(), form_value(page.form, "type")));
  if (!state.kind) return Error::validation("type", "choose what to export");
  state.patient_id = form_value(page.form, "patient_id");
  const Json body = export_body(state.kind->type, page.form);
  auto created = http::create_export_job(app, page.caller(), state.kind->type, body);
  if (created.ok()) return redirect("/jobs/" + (*created)["job_id"].get<std::string>());
  // 400: the body's shape; 422: the record cannot make what was asked (a claim's gaps).
  const ErrorCode code = created.error().code;
  if (code != ErrorCode::kValidation && code != ErrorCode::kUnprocessable) return created.error();
  state.values = page.form;
  state.values.erase("csrf_token");
  state.errors = form_errors(created.error());
  return render_form(page, state, code == ErrorCode::kValidation ? 400 : 422);
}

// GET /jobs?before=: the caller's jobs, newest first, 50 to a page.
Result<http::Response> jobs_page(Page& page, http::App& app) {
  jobs::JobListQuery query;
  if (std::string before = page.query("before"); !before.empty()) {
    if (!is_uuid(before)) return Error::validation("before", "is not a page of jobs");
    query.cursor = before;
  }
  DOSSIER_ASSIGN_OR_RETURN(Json list, app.jobs.list(page.caller(), query));
  std::vector<Json*> jobs;
  for (Json& job : list["jobs"]) jobs.push_back(&job);
  DOSSIER_TRY(http::sign_download_links(app, page.caller(), jobs));
  DOSSIER_ASSIGN_OR_RETURN(std::string zone, practice_time_zone(page));
  Json data = job_rows(list, zone);
  data["older_href"] = list["next_cursor"].is_string()
                           ? Json("/jobs?before=" + list["next_cursor"].get<std::string>())
                           : Json();
  data["deleted"] = page.query("deleted") == "1";
  return render_page(page, "jobs", "Jobs", "/jobs", data);
}

// One job as the API's GET /api/v1/export/jobs/{id} gives it (a refusal audited alike).
Result<Json> job_of(Page& page, http::App& app) {
  const std::string& id = page.param("id");
  if (!is_uuid(id)) return Error::not_found("job");
  auto job = app.jobs.get(page.caller(), id);
  if (!job.ok()) {
    return http::audit_refusal(app, page.caller(), {"read_job", 0, id, std::nullopt}, job.error());
  }
  DOSSIER_TRY(http::sign_download_links(app, page.caller(), {&*job}));
  // The list names the client; one job's API form does not. The caller may see the job,
  // so they may see whom it is about.
  if ((*job)["patient_id"].is_string()) {
    DOSSIER_ASSIGN_OR_RETURN(
        Json patient, page.site.db.query_one("SELECT given_name || ' ' || family_name AS name "
                                             "FROM patients WHERE id = ?",
                                             {(*job)["patient_id"]}));
    if (patient.is_object()) (*job)["patient_name"] = patient["name"];
  }
  DOSSIER_ASSIGN_OR_RETURN(std::string zone, practice_time_zone(page));
  return job_row(*job, zone);
}

Result<http::Response> job_page(Page& page, http::App& app) {
  DOSSIER_ASSIGN_OR_RETURN(Json row, job_of(page, app));
  return render_page(page, "job", "Export job", "/jobs", {{"job", row}});
}

// GET /jobs/{id}/status: what static/jobs.js polls to update the page in place.
Result<http::Response> job_status(Page& page, http::App& app) {
  DOSSIER_ASSIGN_OR_RETURN(Json row, job_of(page, app));
  return http::Response::json(200, row);
}

Result<http::Response> delete_job(Page& page, http::App& app) {
  const std::string& id = page.param("id");
  if (!is_uuid(id)) return Error::not_found("job");
  auto deleted = http::delete_export_job(app, page.caller(), id);
  if (!deleted.ok()) return deleted.error();
  return redirect("/jobs?deleted=1");
}

}  // namespace

void add_export_pages(http::Router& router, const Site& site, http::App& app) {
  add_page(router, site, "GET", "/export", Access::kSignedIn, export_page);
  add_page(router, site, "POST", "/export", Access::kSignedIn,
           [&app](Page& page) { return submit_export(page, app); });
  add_page(router, site, "GET", "/jobs", Access::kSignedIn,
           [&app](Page& page) { return jobs_page(page, app); });
  add_page(router, site, "GET", "/jobs/{id}", Access::kSignedIn,
           [&app](Page& page) { return job_page(page, app); });
  add_page(router, site, "GET", "/jobs/{id}/status", Access::kSignedIn,
           [&app](Page& page) { return job_status(page, app); });
  add_page(router, site, "POST", "/jobs/{id}/delete", Access::kSignedIn,
           [&app](Page& page) { return delete_job(page, app); });
}

}  // namespace dossier::web
