#include "record/resource_spec.h"

#include <algorithm>

namespace dossier::record {

FieldSpec FieldSpec::required() const {
  FieldSpec f = *this;
  f.presence = Presence::kRequired;
  return f;
}

FieldSpec FieldSpec::derived(std::vector<std::string> sources) const {
  FieldSpec f = *this;
  f.presence = Presence::kDerived;
  f.derived_from = std::move(sources);
  return f;
}

FieldSpec FieldSpec::server() const {
  FieldSpec f = *this;
  f.presence = Presence::kServer;
  return f;
}

FieldSpec FieldSpec::fixed() const {
  FieldSpec f = *this;
  f.immutable = true;
  return f;
}

FieldSpec FieldSpec::input_only() const {
  FieldSpec f = *this;
  f.column = false;
  return f;
}

FieldSpec FieldSpec::with_default(Json value) const {
  FieldSpec f = *this;
  f.default_value = std::move(value);
  return f;
}

FieldSpec FieldSpec::range(double lo, double hi) const {
  FieldSpec f = *this;
  f.min = lo;
  f.max = hi;
  return f;
}

FieldSpec FieldSpec::checked(StringCheck fn, std::string problem) const {
  FieldSpec f = *this;
  f.check = fn;
  f.check_problem = std::move(problem);
  return f;
}

FieldSpec FieldSpec::past() const {
  FieldSpec f = *this;
  f.not_future = true;
  return f;
}

FieldSpec FieldSpec::capped(size_t bytes, std::string problem) const {
  FieldSpec f = *this;
  f.max_bytes = bytes;
  f.max_bytes_problem = std::move(problem);
  return f;
}

void Problems::add(std::string path, std::string problem) {
  items_.push_back({std::move(path), std::move(problem)});
}

bool Problems::has(std::string_view field) const {
  return std::any_of(items_.begin(), items_.end(), [&](const FieldProblem& p) {
    return p.path == field ||
           (p.path.size() > field.size() && p.path.compare(0, field.size(), field) == 0 &&
            p.path[field.size()] == '.');
  });
}

Error Problems::to_error() const {
  return Error{ErrorCode::kValidation, "the request is not valid", items_};
}

const Json* WriteContext::value(std::string_view name) const {
  if (problems.has(name)) return nullptr;
  const auto it = object.find(name);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

const FieldSpec* ResourceSpec::field(std::string_view member) const {
  const auto it = std::find_if(fields.begin(), fields.end(),
                               [&](const FieldSpec& f) { return f.name == member; });
  return it == fields.end() ? nullptr : &*it;
}

const ResourceSpec* find_resource(std::string_view name) {
  const auto& specs = resource_specs();
  const auto it = std::find_if(specs.begin(), specs.end(),
                               [&](const ResourceSpec& s) { return s.name == name; });
  return it == specs.end() ? nullptr : &*it;
}

}  // namespace dossier::record
