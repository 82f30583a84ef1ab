#include "tmpl/template.h"

#include "core/time_zone.h"
#include "tmpl/evaluator.h"
#include "tmpl/parser.h"

namespace dossier::tmpl {

Result<Template> Template::parse(std::string_view source, std::string name) {
  DOSSIER_ASSIGN_OR_RETURN(std::shared_ptr<const Program> program,
                           parse_program(source, std::move(name)));
  return Template(std::move(program));
}

Result<std::string> Template::render(const Json& context, const RenderOptions& options,
                                     const PartialRegistry* partials,
                                     const FunctionRegistry* functions) const {
  // Checked once here so that a bad option fails every render, not only those printing a time.
  if (!is_time_zone(options.time_zone)) {
    return Error::make(ErrorCode::kUnprocessable, "unknown time zone");
  }
  Renderer renderer(context, options, partials, functions);
  return renderer.render(*this);
}

const std::string& Template::name() const {
  return program_->name;
}

Status PartialRegistry::add(const std::string& name, std::string_view source) {
  auto parsed = Template::parse(source, name);
  if (!parsed.ok()) {
    return Error::make(ErrorCode::kUnprocessable,
                       "partial '" + name + "': " + parsed.error().detail);
  }
  partials_.insert_or_assign(name, std::move(parsed).value());
  return {};
}

const Template* PartialRegistry::find(std::string_view name) const {
  auto it = partials_.find(name);
  return it == partials_.end() ? nullptr : &it->second;
}

}  // namespace dossier::tmpl
