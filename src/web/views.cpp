#include "web/views.h"

#include <cstdlib>
#include <map>

#include "core/log.h"
#include "tmpl/template.h"

namespace dossier::web {
namespace {

constexpr std::string_view kTemplateDir = "templates/";
constexpr std::string_view kTemplateSuffix = ".html.j2";
constexpr std::string_view kStaticDir = "static/";

// Every page template, parsed once. A template that does not parse is a build defect (the
// unit tests render each one): abort at start-up rather than serve a broken page later.
const std::map<std::string, tmpl::Template, std::less<>>& templates() {
  static const auto kTemplates = [] {
    std::map<std::string, tmpl::Template, std::less<>> out;
    for (const auto& f : embedded_web_files()) {
      if (!f.path.starts_with(kTemplateDir) || !f.path.ends_with(kTemplateSuffix)) continue;
      std::string name = f.path.substr(
          kTemplateDir.size(), f.path.size() - kTemplateDir.size() - kTemplateSuffix.size());
      auto parsed = tmpl::Template::parse(f.content, name);
      if (!parsed.ok()) {
        log::error("web_template_invalid", {{"path", f.path}, {"error", parsed.error().detail}});
        std::abort();
      }
      out.emplace(std::move(name), std::move(parsed).value());
    }
    return out;
  }();
  return kTemplates;
}

Result<std::string> render_one(std::string_view name, const Json& context) {
  auto it = templates().find(name);
  if (it == templates().end()) return Error::internal("no page template " + std::string(name));
  tmpl::RenderOptions options;
  options.time_zone = context["shell"].value("time_zone", "UTC");
  auto html = it->second.render(context, options);
  if (!html.ok()) {
    // The error may quote the record's values: the template's name alone goes to the log.
    log::error("web_template_failed", {{"template", std::string(name)}});
    return Error::internal("the page could not be rendered");
  }
  return html;
}

}  // namespace

Result<std::string> render_view(std::string_view name, const Json& page, const Json& shell) {
  Json context = {{"page", page}, {"shell", shell}};
  DOSSIER_ASSIGN_OR_RETURN(std::string content, render_one(name, context));
  context["content"] = std::move(content);
  return render_one("layout", context);
}

Result<std::string> render_document(std::string_view name, const Json& page) {
  return render_one(name, {{"page", page}, {"shell", {{"time_zone", "UTC"}}}});
}

const std::string* static_file(std::string_view name) {
  for (const auto& f : embedded_web_files()) {
    if (f.path.starts_with(kStaticDir) &&
        std::string_view(f.path).substr(kStaticDir.size()) == name) {
      return &f.content;
    }
  }
  return nullptr;
}

}  // namespace dossier::web
