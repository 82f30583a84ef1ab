#include "catalog/render_template.h"

#include <algorithm>
#include <deque>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "catalog/system_templates.h"
#include "charts/clinical_charts.h"
#include "core/time_zone.h"
#include "tmpl/template.h"

namespace dossier::catalog {
namespace {

// A chart function's arguments: the first positional argument goes under `first_key` (or,
// when `first_key` is empty, is an object whose members are the arguments); keyword
// arguments, when not none, are added or replace members.
Result<Json> chart_args(const std::vector<Json>& args, const Json& kwargs,
                        std::string_view first_key,
                        std::initializer_list<std::string_view> keywords) {
  if (args.size() > 1) {
    return Error::make(ErrorCode::kUnprocessable,
                       "takes one positional argument, got " + std::to_string(args.size()));
  }
  Json merged = Json::object();
  if (!args.empty() && !args[0].is_null()) {
    if (first_key.empty()) {
      if (!args[0].is_object()) {
        return Error::make(ErrorCode::kUnprocessable, "the first argument must be a goal (a dict)");
      }
      merged = args[0];
    } else {
      merged[std::string(first_key)] = args[0];
    }
  }
  for (const auto& [key, value] : kwargs.items()) {
    if (std::find(keywords.begin(), keywords.end(), key) == keywords.end()) {
      return Error::make(ErrorCode::kUnprocessable, "unexpected keyword argument '" + key + "'");
    }
    if (!value.is_null()) merged[key] = value;
  }
  return merged;
}

// chart_from_json's validation errors, as a render error naming each bad argument.
Result<Json> draw(std::string_view kind, const Json& args) {
  auto svg = charts::chart_from_json(kind, args);
  if (!svg.ok()) {
    Error e = std::move(svg).error();
    e.code = ErrorCode::kUnprocessable;
    e.detail = "invalid chart arguments";
    return e;
  }
  return Json(std::move(svg).value());
}

Result<Json> assessment_chart(const std::vector<Json>& args, const Json& kwargs) {
  DOSSIER_ASSIGN_OR_RETURN(
      Json merged, chart_args(args, kwargs, "points",
                              {"points", "instrument", "title", "width", "height", "from", "to"}));
  if (!merged.contains("instrument")) merged["instrument"] = "PHQ-9";
  if (!merged.contains("points")) merged["points"] = Json::array();
  return draw("assessment_chart", merged);
}

Result<Json> goal_chart(const std::vector<Json>& args, const Json& kwargs) {
  DOSSIER_ASSIGN_OR_RETURN(
      Json merged,
      chart_args(args, kwargs, "", {"title", "measure", "width", "height", "from", "to"}));
  // A gathered goal carries many members the chart does not take; keep the ones it reads.
  Json chart = Json::object();
  for (const char* key : {"title", "description", "measure", "baseline", "target", "measurements",
                          "width", "height", "from", "to"}) {
    if (merged.contains(key) && !merged[key].is_null()) chart[key] = merged[key];
  }
  if (!chart.contains("measurements")) chart["measurements"] = Json::array();
  return draw("goal_chart", chart);
}

// Parsed templates by name and content. Bounded: the oldest entries go first when either
// limit is reached, so custom templates cannot grow it without end.
class TemplateCache {
 public:
  Result<std::shared_ptr<const tmpl::Template>> get(std::string_view source,
                                                    std::string_view name) {
    std::string key;
    key.reserve(name.size() + 1 + source.size());
    key.append(name).push_back('\0');
    key.append(source);
    {
      std::lock_guard lock(mu_);
      if (auto it = entries_.find(key); it != entries_.end()) return it->second;
    }
    // Parse outside the lock: two threads may parse the same template once each.
    DOSSIER_ASSIGN_OR_RETURN(tmpl::Template parsed,
                             tmpl::Template::parse(source, std::string(name)));
    auto shared = std::make_shared<const tmpl::Template>(std::move(parsed));
    if (key.size() > kMaxBytes / 4) return shared;  // too big to be worth keeping
    std::lock_guard lock(mu_);
    auto [it, inserted] = entries_.try_emplace(key, shared);
    if (!inserted) return it->second;
    order_.push_back(key);
    bytes_ += key.size();
    while (order_.size() > kMaxEntries || bytes_ > kMaxBytes) {
      bytes_ -= order_.front().size();
      entries_.erase(order_.front());
      order_.pop_front();
    }
    return shared;
  }

 private:
  static constexpr size_t kMaxEntries = 64;
  static constexpr size_t kMaxBytes = 16 << 20;

  std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const tmpl::Template>> entries_;
  std::deque<std::string> order_;
  size_t bytes_ = 0;
};

// object[key] without copying, or nullptr when `object` is no object or lacks `key`.
const Json* member(const Json* object, const char* key) {
  if (object == nullptr || !object->is_object()) return nullptr;
  const auto it = object->find(key);
  return it == object->end() ? nullptr : &*it;
}

TemplateCache& cache() {
  static TemplateCache kCache;
  return kCache;
}

}  // namespace

const tmpl::FunctionRegistry& export_functions() {
  static const tmpl::FunctionRegistry kFunctions = [] {
    tmpl::FunctionRegistry f;
    f.add("assessment_chart", assessment_chart, true);
    f.add("goal_chart", goal_chart, true);
    return f;
  }();
  return kFunctions;
}

tmpl::Limits export_limits() {
  tmpl::Limits limits;
  limits.max_output_bytes = 32 << 20;
  limits.max_loop_iterations = 2'000'000;
  limits.max_nesting = 64;
  limits.max_call_depth = 32;
  limits.max_function_calls = 2'000;
  return limits;
}

std::string practice_time_zone(const Json& context) {
  const Json* zone = member(member(&context, "practice"), "time_zone");
  const Json* rows = member(member(&context, "tables"), "practice");
  if (rows && rows->is_array() && !rows->empty()) zone = member(&(*rows)[0], "time_zone");
  if (!zone || !zone->is_string() || !is_time_zone(zone->get<std::string>())) return "UTC";
  return zone->get<std::string>();
}

Result<std::string> render_template_html(std::string_view source, const Json& context,
                                         std::string_view name) {
  DOSSIER_ASSIGN_OR_RETURN(std::shared_ptr<const tmpl::Template> parsed, cache().get(source, name));
  tmpl::RenderOptions options;
  options.limits = export_limits();
  options.time_zone = practice_time_zone(context);
  return parsed->render(context, options, &system_partials(), &export_functions());
}

std::string system_template_source(std::string_view export_type) {
  if (export_type.empty() || export_type.find('/') != std::string_view::npos) return "";
  const std::string path = std::string(export_type) + ".html.j2";
  for (const auto& f : system_template_files()) {
    if (f.path == path) return f.content;
  }
  return "";
}

}  // namespace dossier::catalog
