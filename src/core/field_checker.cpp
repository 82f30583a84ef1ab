#include "core/field_checker.h"

#include <algorithm>
#include <set>

#include "core/ids.h"

namespace dossier {

FieldChecker::FieldChecker(const Json& body, std::string prefix)
    : body_(body), prefix_(std::move(prefix)) {}

const Json* FieldChecker::member(std::string_view key) const {
  if (!body_.is_object()) return nullptr;
  auto it = body_.find(std::string(key));
  if (it == body_.end() || it->is_null()) return nullptr;
  return &*it;
}

bool FieldChecker::has(std::string_view key) const {
  return member(key) != nullptr;
}

void FieldChecker::problem(std::string_view key, std::string text) {
  problems_.push_back({path(key), std::move(text)});
}

bool FieldChecker::require_object(std::string_view what) {
  if (body_.is_object()) return true;
  problems_.push_back({prefix_.empty() ? "body" : prefix_.substr(0, prefix_.size() - 1),
                       std::string(what) + " must be a JSON object"});
  return false;
}

void FieldChecker::allow_only(std::initializer_list<std::string_view> allowed) {
  allow_only(std::vector<std::string_view>(allowed));
}

void FieldChecker::allow_only(const std::vector<std::string_view>& allowed) {
  if (!body_.is_object()) return;
  for (const auto& [key, value] : body_.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      problem(key, "is not a known member");
    }
  }
}

std::optional<std::string> FieldChecker::string(std::string_view key, bool required,
                                                size_t max_len) {
  const Json* v = member(key);
  if (!v) {
    if (required) problem(key, "is required");
    return std::nullopt;
  }
  if (!v->is_string()) {
    problem(key, "must be a string");
    return std::nullopt;
  }
  const auto& s = v->get_ref<const std::string&>();
  if (s.empty() && required) {
    problem(key, "must not be empty");
    return std::nullopt;
  }
  if (s.size() > max_len) {
    problem(key, "must be at most " + std::to_string(max_len) + " bytes");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> FieldChecker::uuid(std::string_view key, bool required) {
  auto s = string(key, required, 64);
  if (s && !is_uuid(*s)) {
    problem(key, "must be a UUID");
    return std::nullopt;
  }
  return s;
}

std::optional<Date> FieldChecker::date(std::string_view key, bool required) {
  auto s = string(key, required, 64);
  if (!s) return std::nullopt;
  auto d = parse_date(*s);
  if (!d) problem(key, "must be a real calendar date YYYY-MM-DD");
  return d;
}

std::optional<bool> FieldChecker::boolean(std::string_view key) {
  const Json* v = member(key);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    problem(key, "must be true or false");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<int64_t> FieldChecker::integer(std::string_view key, bool required, int64_t min,
                                             int64_t max) {
  const Json* v = member(key);
  if (!v) {
    if (required) problem(key, "is required");
    return std::nullopt;
  }
  if (!v->is_number_integer()) {
    problem(key, "must be an integer");
    return std::nullopt;
  }
  const auto n = v->get<int64_t>();
  if (n < min || n > max) {
    problem(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<std::string> FieldChecker::one_of(std::string_view key,
                                                const std::vector<std::string>& choices,
                                                bool required) {
  auto s = string(key, required, 64);
  if (!s) return std::nullopt;
  if (std::find(choices.begin(), choices.end(), *s) == choices.end()) {
    std::string list;
    for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
    problem(key, "must be one of: " + list);
    return std::nullopt;
  }
  return s;
}

std::optional<std::vector<std::string>> FieldChecker::uuid_list(std::string_view key, bool required,
                                                                size_t max) {
  const Json* v = member(key);
  if (!v) {
    if (required) problem(key, "is required");
    return std::nullopt;
  }
  if (!v->is_array() || v->empty()) {
    problem(key, "must be a non-empty array of UUIDs");
    return std::nullopt;
  }
  if (v->size() > max) {
    problem(key, "must have at most " + std::to_string(max) + " entries");
    return std::nullopt;
  }
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (size_t i = 0; i < v->size(); ++i) {
    const Json& item = (*v)[i];
    const std::string item_path = std::string(key) + "[" + std::to_string(i) + "]";
    if (!item.is_string() || !is_uuid(item.get<std::string>())) {
      problem(item_path, "must be a UUID");
    } else if (!seen.insert(item.get<std::string>()).second) {
      problem(item_path, "is listed twice");
    } else {
      out.push_back(item.get<std::string>());
    }
  }
  if (out.size() != v->size()) return std::nullopt;
  return out;
}

const Json* FieldChecker::object(std::string_view key) {
  const Json* v = member(key);
  if (v && !v->is_object()) {
    problem(key, "must be an object");
    return nullptr;
  }
  return v;
}

void FieldChecker::absorb(FieldChecker&& other) {
  for (auto& p : other.problems_) problems_.push_back(std::move(p));
  other.problems_.clear();
}

Status FieldChecker::finish() const {
  if (problems_.empty()) return {};
  Error e{ErrorCode::kValidation, "the request is not valid", problems_};
  return e;
}

}  // namespace dossier
