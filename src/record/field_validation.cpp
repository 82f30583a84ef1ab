#include "record/field_validation.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>

#include "core/clock.h"
#include "core/dates.h"
#include "core/ids.h"
#include "record/field_checks.h"

namespace dossier::record {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trim(std::string_view s) {
  const auto b = std::find_if_not(s.begin(), s.end(), is_space);
  const auto e = std::find_if_not(s.rbegin(), s.rend(), is_space).base();
  return b < e ? s.substr(static_cast<size_t>(b - s.begin()), static_cast<size_t>(e - b))
               : std::string_view();
}

// A checked value: the normalized JSON, or nullopt after reporting a problem at `path`.
using Checked = std::optional<Json>;

Checked check_string(const FieldSpec& f, const Json& v, const std::string& path, Problems& out) {
  if (!v.is_string()) {
    out.add(path, "must be a string");
    return std::nullopt;
  }
  const std::string& raw = v.get_ref<const std::string&>();
  if (!is_valid_utf8(raw)) {
    out.add(path, "must be valid UTF-8");
    return std::nullopt;
  }
  // Single-line text is stored trimmed; multi-line text (notes) keeps its layout.
  const std::string_view s = f.multiline ? std::string_view(raw) : trim(raw);
  if (has_control_characters(s, f.multiline)) {
    out.add(path, "must not contain control characters");
  } else if (s.size() > f.max_length && utf8_length(s) > f.max_length) {
    out.add(path, "must be at most " + std::to_string(f.max_length) + " characters");
  } else if (trim(s).empty()) {
    if (f.presence != Presence::kRequired) return Json(nullptr);
    out.add(path, "must not be blank");
  } else if (f.type == FieldType::kEnum &&
             std::find(f.values.begin(), f.values.end(), s) == f.values.end()) {
    std::string list;
    for (const auto& value : f.values) list += (list.empty() ? "" : ", ") + value;
    out.add(path, "must be one of: " + list);
  } else if (f.check && !f.check(s)) {
    out.add(path, f.check_problem);
  } else {
    return Json(std::string(s));
  }
  return std::nullopt;
}

Checked check_number(const FieldSpec& f, const Json& v, const std::string& path, Problems& out) {
  const bool integer = f.type == FieldType::kInteger || f.type == FieldType::kIntArray;
  if (integer ? !v.is_number_integer() : !v.is_number()) {
    out.add(path, integer ? "must be an integer" : "must be a number");
    return std::nullopt;
  }
  const double d = v.get<double>();
  const bool too_big = v.is_number_unsigned() && v.get<uint64_t>() > uint64_t{1} << 53;
  if (!std::isfinite(d) || too_big || d < f.min || d > f.max) {
    const auto fmt = [&](double x) {
      return integer ? std::to_string(static_cast<int64_t>(x)) : std::to_string(x);
    };
    const bool bounded = f.min > std::numeric_limits<double>::lowest();
    out.add(path, bounded && f.max < std::numeric_limits<double>::max()
                      ? "must be between " + fmt(f.min) + " and " + fmt(f.max)
                  : bounded ? "must be at least " + fmt(f.min)
                            : "is out of range");
    return std::nullopt;
  }
  if (integer) return Json(v.get<int64_t>());
  return v;
}

Checked check_date_like(const FieldSpec& f, const Json& v, const std::string& path, Problems& out) {
  const bool date = f.type == FieldType::kDate;
  const char* expected =
      date ? "must be a date YYYY-MM-DD" : "must be a timestamp YYYY-MM-DDTHH:MM:SS with offset";
  if (!v.is_string()) {
    out.add(path, expected);
    return std::nullopt;
  }
  const std::string& s = v.get_ref<const std::string&>();
  if (!date) {
    const auto t = parse_timestamp(s);
    if (!t) out.add(path, expected);
    return t ? Checked(Json(format_timestamp(*t))) : std::nullopt;
  }
  if (!parse_date(s)) {
    out.add(path, expected);
    return std::nullopt;
  }
  if (f.not_future && s > utc_date(1)) {
    out.add(path, "must not be in the future");
    return std::nullopt;
  }
  return v;
}

Checked check_array(const FieldSpec& f, const Json& v, const std::string& path, Problems& out) {
  if (!v.is_array()) {
    out.add(path, "must be an array");
    return std::nullopt;
  }
  if (v.size() > f.max_length) {
    out.add(path, "must have at most " + std::to_string(f.max_length) + " items");
    return std::nullopt;
  }
  FieldSpec item = f;
  item.presence = Presence::kRequired;
  item.max_length = f.item_max_length;
  item.type = f.type == FieldType::kIntArray ? FieldType::kInteger : FieldType::kText;
  Json result = Json::array();
  bool ok = true;
  for (size_t i = 0; i < v.size(); ++i) {
    const std::string item_path = path + "." + std::to_string(i);
    Checked c = item.type == FieldType::kInteger ? check_number(item, v[i], item_path, out)
                                                 : check_string(item, v[i], item_path, out);
    if (c) result.push_back(std::move(*c));
    ok = ok && c.has_value();
  }
  return ok ? Checked(std::move(result)) : std::nullopt;
}

Checked check_value(const FieldSpec& f, const Json& v, Problems& out) {
  if (v.is_null()) {
    if (f.presence != Presence::kRequired) return v;
    out.add(f.name, "is required");
    return std::nullopt;
  }
  switch (f.type) {
    case FieldType::kText:
    case FieldType::kEnum:
      return check_string(f, v, f.name, out);
    case FieldType::kInteger:
    case FieldType::kNumber:
      return check_number(f, v, f.name, out);
    case FieldType::kBool:
      if (v.is_boolean()) return v;
      out.add(f.name, "must be true or false");
      return std::nullopt;
    case FieldType::kDate:
    case FieldType::kTimestamp:
      return check_date_like(f, v, f.name, out);
    case FieldType::kUuid:
      if (v.is_string() && is_uuid(v.get_ref<const std::string&>())) {
        std::string s = v.get<std::string>();
        std::transform(s.begin(), s.end(), s.begin(), [](char c) {
          return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        });
        return Json(s);
      }
      out.add(f.name, "must be a UUID");
      return std::nullopt;
    case FieldType::kStringArray:
    case FieldType::kIntArray:
      return check_array(f, v, f.name, out);
    case FieldType::kObject:
      if (v.is_object()) return v;
      out.add(f.name, "must be an object");
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

Json initial_object(const ResourceSpec& spec) {
  Json object = Json::object();
  for (const auto& c : spec.table->columns) {
    const FieldSpec* f = spec.field(c.name);
    object[c.name] = f ? f->default_value : Json(nullptr);
  }
  return object;
}

// Uploads can be large: refuse oversized members before scanning them.
Status check_byte_caps(const ResourceSpec& spec, const Json& input) {
  for (const auto& f : spec.fields) {
    const auto it = input.find(f.name);
    if (f.max_bytes == 0 || it == input.end() || !it->is_string()) continue;
    if (it->get_ref<const std::string&>().size() <= f.max_bytes) continue;
    Error e = Error::make(ErrorCode::kTooLarge, "the " + spec.noun + " is too large");
    e.fields.push_back({f.name, f.max_bytes_problem});
    return e;
  }
  return {};
}

Status apply_input(WriteContext& ctx) {
  if (!ctx.input.is_object()) {
    ctx.problems.add("", "must be a JSON object");
    return {};
  }
  DOSSIER_TRY(check_byte_caps(ctx.spec, ctx.input));
  for (const auto& [name, value] : ctx.input.items()) {
    const FieldSpec* f = ctx.spec.field(name);
    if (f == nullptr) {
      ctx.problems.add(name, "is not a member of " + ctx.spec.noun);
      continue;
    }
    if (f->presence == Presence::kServer) {
      ctx.problems.add(name, "is set by the server");
      continue;
    }
    Checked checked = check_value(*f, value, ctx.problems);
    if (!checked) continue;
    if (!ctx.creating() && f->immutable && *checked != ctx.existing->value(name, Json())) {
      ctx.problems.add(name, "cannot be changed");
      continue;
    }
    ctx.object[name] = std::move(*checked);
  }
  return {};
}

void reset_derived(WriteContext& ctx) {
  if (ctx.creating()) return;
  for (const auto& f : ctx.spec.fields) {
    if (f.presence != Presence::kDerived || ctx.given(f.name)) continue;
    const bool source_changed = std::any_of(f.derived_from.begin(), f.derived_from.end(),
                                            [&](const std::string& s) { return ctx.given(s); });
    if (source_changed) ctx.object[f.name] = nullptr;
  }
}

void check_required(WriteContext& ctx) {
  for (const auto& f : ctx.spec.fields) {
    if (f.presence != Presence::kRequired || ctx.problems.has(f.name)) continue;
    if (!f.column && !ctx.creating()) continue;  // input-only members matter on create
    const auto it = ctx.object.find(f.name);
    if (it == ctx.object.end() || it->is_null()) ctx.problems.add(f.name, "is required");
  }
}

std::string utc_date(long days_from_today) {
  const auto secs =
      std::chrono::duration_cast<std::chrono::seconds>(system_clock().now().time_since_epoch())
          .count();
  const long days = static_cast<long>(secs / 86400) - (secs % 86400 < 0 ? 1 : 0);
  return civil_from_days(days + days_from_today).str();
}

}  // namespace dossier::record
