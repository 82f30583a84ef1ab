#include "formats/tabular/table_builder.h"

#include <algorithm>

namespace dossier::formats::tabular {

const char* cell_type_name(CellType type) {
  switch (type) {
    case CellType::kText:
      return "text";
    case CellType::kInteger:
      return "integer";
    case CellType::kNumber:
      return "number";
    case CellType::kMoney:
      return "money";
    case CellType::kDate:
      return "date";
    case CellType::kDateTime:
      return "datetime";
    case CellType::kBoolean:
      return "boolean";
  }
  return "text";
}

Path parse_path(std::string_view pointer) {
  Path path;
  while (!pointer.empty() && pointer.front() == '/') {
    pointer.remove_prefix(1);
    const size_t end = std::min(pointer.find('/'), pointer.size());
    std::string token;
    for (size_t i = 0; i < end; ++i) {
      if (pointer[i] == '~' && i + 1 < end && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
        token.push_back(pointer[++i] == '0' ? '~' : '/');
      } else {
        token.push_back(pointer[i]);
      }
    }
    path.push_back(std::move(token));
    pointer.remove_prefix(end);
  }
  return path;
}

const Json& value_at(const Json& scope, std::string_view pointer) {
  return value_at(scope, parse_path(pointer));
}

// Walks by hand: json_pointer lookups throw on a missing member or a non-object on the way.
const Json& value_at(const Json& scope, const Path& path) {
  static const Json kNull = nullptr;
  const Json* at = &scope;
  for (const auto& token : path) {
    if (at->is_object()) {
      auto it = at->find(token);
      if (it == at->end()) return kNull;
      at = &*it;
    } else if (at->is_array() && !token.empty() &&
               token.find_first_not_of("0123456789") == std::string::npos &&
               std::stoul(token) < at->size()) {
      at = &(*at)[std::stoul(token)];
    } else {
      return kNull;
    }
  }
  return *at;
}

Table make_table(std::string name, const std::vector<ColumnSource>& columns, ScopeWalk walk) {
  std::vector<Column> out;
  std::vector<Path> pointers;
  for (const auto& c : columns) {
    out.push_back({c.name, c.type});
    pointers.push_back(parse_path(c.pointer));
  }
  auto rows = [pointers = std::move(pointers), walk = std::move(walk)](const RowVisitor& visit) {
    Row row(pointers.size());
    return walk([&](const Json& scope) {
      for (size_t i = 0; i < pointers.size(); ++i) row[i] = value_at(scope, pointers[i]);
      return visit(row);
    });
  };
  return Table{std::move(name), std::move(out), std::move(rows)};
}

ScopeWalk each_at(const Json& context, const std::string& pointer) {
  return [&context, at = parse_path(pointer)](const ScopeVisitor& visit) -> Status {
    const Json& found = value_at(context, at);
    if (found.is_object()) return visit(found);
    if (!found.is_array()) return {};
    for (const auto& element : found) DOSSIER_TRY(visit(element));
    return {};
  };
}

ScopeWalk members_at(const Json& context, const std::string& pointer, std::string key_name,
                     std::string value_name) {
  return [&context, at = parse_path(pointer), key_name = std::move(key_name),
          value_name = std::move(value_name)](const ScopeVisitor& visit) -> Status {
    const Json& found = value_at(context, at);
    if (!found.is_object()) return {};
    for (const auto& [key, value] : found.items()) {
      DOSSIER_TRY(visit(Json{{key_name, key}, {value_name, value}}));
    }
    return {};
  };
}

ScopeWalk nested_at(const Json& context, const std::string& outer, const std::string& inner) {
  return [&context, outer_at = parse_path(outer),
          inner_at = parse_path(inner)](const ScopeVisitor& visit) -> Status {
    const Json& parents = value_at(context, outer_at);
    if (!parents.is_array()) return {};
    Json scope = Json::object();
    for (const auto& parent : parents) {
      const Json& items = value_at(parent, inner_at);
      if (!items.is_array() || items.empty()) continue;
      scope["parent"] = parent;
      for (const auto& item : items) {
        scope["item"] = item;
        DOSSIER_TRY(visit(scope));
      }
    }
    return {};
  };
}

std::string notices_text(const Json& context) {
  std::string out;
  const Json& notices = value_at(context, "/notices");
  if (!notices.is_array()) return out;
  for (const auto& n : notices) {
    const Json& text = n.is_object() ? value_at(n, "/text") : n;
    if (!text.is_string()) continue;
    if (!out.empty()) out += " | ";
    out += text.get<std::string>();
  }
  return out;
}

}  // namespace dossier::formats::tabular
