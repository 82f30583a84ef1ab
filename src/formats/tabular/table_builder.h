// Declarative building blocks for the projections: a table is a walk over "scopes" (JSON
// values in the Context, one per row) and columns that each read one JSON pointer from the
// scope. Missing members read as null (an empty cell), so a section that redaction removed
// simply leaves its cells or rows empty.
#pragma once

#include <string>
#include <vector>

#include "formats/tabular/table.h"

namespace dossier::formats::tabular {

struct ColumnSource {
  std::string name;
  CellType type;
  std::string pointer;  //!< RFC 6901 pointer into the row's scope, e.g. "/session/start_time"
};

using ScopeVisitor = std::function<Status(const Json& scope)>;
//! Calls the visitor once per row scope, in order.
using ScopeWalk = std::function<Status(const ScopeVisitor&)>;

//! A table whose rows are the scopes `walk` visits.
Table make_table(std::string name, const std::vector<ColumnSource>& columns, ScopeWalk walk);

//! Walks the value at `pointer` in `context`: each element of an array, an object as one
//! row, nothing when it is missing or null. `context` must outlive the walk.
ScopeWalk each_at(const Json& context, const std::string& pointer);

//! Walks the members of the object at `pointer` as scopes {key_name: key, value_name: value}.
ScopeWalk members_at(const Json& context, const std::string& pointer, std::string key_name,
                     std::string value_name);

//! Walks the elements of each inner array at `inner` of each element of the array at `outer`,
//! as scopes {"parent": outer element, "item": inner element}.
ScopeWalk nested_at(const Json& context, const std::string& outer, const std::string& inner);

//! An RFC 6901 pointer split into its reference tokens ("/a/b" → {"a", "b"}).
using Path = std::vector<std::string>;
Path parse_path(std::string_view pointer);

//! The value at `path` in `scope`, or null when any step is missing.
const Json& value_at(const Json& scope, const Path& path);
//! The same with the pointer as text.
const Json& value_at(const Json& scope, std::string_view pointer);

//! The notices of a Context ("notices": [{"regulation", "text"}]) as one line of text.
std::string notices_text(const Json& context);

}  // namespace dossier::formats::tabular
