// web.h: the Templates pages. Every change goes through the API's template store
// (catalog::create_template, update_template, put_template_asset) and every preview through
// the API's preview (pipeline::preview_template), audited as the API audits it.
#include "audit/audit_log.h"
#include "catalog/template_assets.h"
#include "catalog/template_store.h"
#include "core/log.h"
#include "http/error_mapping.h"
#include "pipeline/producer.h"
#include "tmpl/template.h"
#include "web/templates_view.h"
#include "web/views.h"
#include "web/web.h"

namespace dossier::web {
namespace {

// A preview's document comes from a template and a client's record: it runs nothing, loads
// nothing but its own inline images, and shows only inside Dossier's own editor (whose frame
// is sandboxed too). Not the `sandbox` directive: it would give the document an opaque
// origin, which Chromium then holds against frame-ancestors 'self'.
constexpr const char* kPreviewPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

// The editor for template `id`, with what a failed save left: the fields as typed and the
// problems, each with its line and column when the template language gave them.
// `refused` names what was refused ("saved", "uploaded").
Result<http::Response> editor(Page& page, const std::string& id, const Json& typed,
                              const Json& problems, int status, const std::string& refused = "") {
  DOSSIER_ASSIGN_OR_RETURN(Json data, template_editor(page.site.db, page.caller(), id));
  for (const auto& [field, value] : typed.items()) data["template"][field] = value;
  data["problems"] = problems;
  data["refused"] = refused;
  data["done"] = page.query("done");
  return render_page(page, "template", "Template", "/templates", data, status);
}

// GET /templates
Result<http::Response> templates_page(Page& page) {
  DOSSIER_ASSIGN_OR_RETURN(Json data, list_template_groups(page.site.db, page.caller()));
  return render_page(page, "templates", "Templates", "/templates", data);
}

// GET /templates/{id}
Result<http::Response> template_page(Page& page) {
  return editor(page, page.param("id"), Json::object(), Json::array(), 200);
}

// POST /templates/{id}/copy: a custom copy of any template, assets included.
Result<http::Response> copy_template(Page& page) {
  DOSSIER_ASSIGN_OR_RETURN(Json created, catalog::create_template(page.site.db, page.caller(),
                                                                  {{"copy_of", page.param("id")}}));
  return redirect("/templates/" + created["id"].get<std::string>() + "?done=copied");
}

// The problems of a refused save, for the editor: [{"field", "problem", "position"}].
Json save_problems(const Error& error) {
  Json problems = Json::array();
  for (const auto& f : error.fields) {
    problems.push_back({{"field", f.path},
                        {"problem", f.problem},
                        {"position", template_error_position(f.problem)}});
  }
  return problems;
}

// POST /templates/{id}: saves name, description and content.
Result<http::Response> save_template(Page& page) {
  const std::string& id = page.param("id");
  const Json typed = {{"name", form_value(page.form, "name")},
                      {"description", form_value(page.form, "description")},
                      {"template_content", form_value(page.form, "template_content")}};
  auto updated = catalog::update_template(page.site.db, page.caller(), id, typed);
  if (updated.ok()) return redirect("/templates/" + id + "?done=saved");
  const Error& error = updated.error();
  if (error.code != ErrorCode::kValidation && error.code != ErrorCode::kUnprocessable) {
    return error;
  }
  return editor(page, id, typed, save_problems(error), http::status_for(error.code), "saved");
}

// The uploaded file of a multipart form, or nullptr.
const http::FormPart* uploaded_file(const Page& page, std::string_view name) {
  for (const auto& part : page.request.parts) {
    if (part.name == name && !part.filename.empty()) return &part;
  }
  return nullptr;
}

// POST /templates/{id}/assets (multipart): one image, named as given or as its file.
Result<http::Response> upload_image(Page& page) {
  const std::string& id = page.param("id");
  const http::FormPart* file = uploaded_file(page, "image");
  if (file == nullptr || file->content.empty()) {
    return editor(page, id, Json::object(),
                  Json::array({{{"field", "image"}, {"problem", "choose an image file"}}}), 400,
                  "uploaded");
  }
  std::string name = form_value(page.form, "asset_name");
  if (name.empty()) name = file->filename;
  auto stored = catalog::put_template_asset(page.site.db, page.caller(), id, name,
                                            file->content_type, file->content);
  if (stored.ok()) return redirect("/templates/" + id + "?done=uploaded");
  const Error& error = stored.error();
  if (error.code == ErrorCode::kNotFound || error.code == ErrorCode::kForbidden ||
      error.code == ErrorCode::kInternal) {
    return error;
  }
  return editor(page, id, Json::object(), save_problems(error), http::status_for(error.code),
                "uploaded");
}

// A short HTML document for the preview frame when there is nothing to show.
http::Response preview_message(int status, const std::string& heading, const std::string& detail) {
  const Json data = {{"heading", heading}, {"detail", detail}};
  http::Response response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  auto html = render_document("preview_message", data);
  // The headings are fixed phrases: without the template, the heading alone is still safe.
  response.body = html.ok() ? std::move(html).value() : heading;
  response.headers.emplace_back("Content-Security-Policy", kPreviewPolicy);
  return response;
}

// Why a preview could not be shown, in words fit for the frame: a syntax error with its
// detail (the template's own text), a render error by its position only (its message may
// quote the record), a missing client by name.
Result<http::Response> preview_failed(Page& page, const Error& error, const std::string& client) {
  if (error.code == ErrorCode::kForbidden || error.code == ErrorCode::kNotFound) {
    // Refused as the API's preview refuses, and recorded as it records it (a refusal that
    // cannot be recorded is logged, not turned into a failure of its own).
    audit::Refusal refusal{"preview", http::status_for(error.code), std::nullopt, std::nullopt};
    if (!client.empty()) refusal.patient_id = client;
    if (!audit::record_refusal(page.site.db, page.site.audit_key, page.caller(), refusal).ok()) {
      log::error("refusal_not_audited", {{"operation", "preview"}});
    }
    // Said in the frame: an error page, which refuses every frame, would not show there.
    return preview_message(refusal.status, "Nothing to preview",
                           "This template cannot be previewed for this client by you.");
  }
  if (error.code == ErrorCode::kValidation) {
    return preview_message(400, "Nothing to preview", "Choose a client who has a record to show.");
  }
  if (error.code == ErrorCode::kUnprocessable) {
    const std::string where = template_error_position(error.detail);
    return preview_message(422, "The template could not be rendered",
                           where.empty() ? "" : "The problem is at " + where + ".");
  }
  return error;
}

// POST /templates/{id}/preview: the template, or the editor's unsaved draft of it, rendered
// for one client as HTML (for the editor's frame) or PDF (downloaded).
Result<http::Response> preview(Page& page) {
  const std::string& id = page.param("id");
  const std::string client = form_value(page.form, "client_id");
  const std::string format = form_value(page.form, "format") == "pdf" ? "pdf" : "html";
  std::optional<std::string> draft;
  if (page.form.contains("template_content")) {
    draft = form_value(page.form, "template_content");
    auto parsed = tmpl::Template::parse(*draft, "template_content");
    if (!parsed.ok()) {
      return preview_message(422, "The template has a syntax error", parsed.error().detail);
    }
  }
  const Json body = {{"patient_id", client}, {"format", format}};
  auto rendered =
      pipeline::preview_template(page.site.db, page.site.audit_key, page.caller(), id, body, draft);
  if (!rendered.ok()) return preview_failed(page, rendered.error(), client);
  formats::Rendered out = std::move(rendered).value();
  http::Response response{200, out.content_type, std::move(out.bytes), {}};
  response.headers.emplace_back("Content-Security-Policy", kPreviewPolicy);
  if (format == "pdf") {
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"preview.pdf\"");
  }
  return response;
}

}  // namespace

void add_template_pages(http::Router& router, const Site& site) {
  add_page(router, site, "GET", "/templates", Access::kSignedIn, templates_page);
  add_page(router, site, "GET", "/templates/{id}", Access::kSignedIn, template_page);
  add_page(router, site, "POST", "/templates/{id}", Access::kSignedIn, save_template);
  add_page(router, site, "POST", "/templates/{id}/copy", Access::kSignedIn, copy_template);
  add_page(router, site, "POST", "/templates/{id}/preview", Access::kSignedIn, preview);
  add_page(router, site, "POST", "/templates/{id}/assets", Access::kSignedIn, upload_image);
}

}  // namespace dossier::web
