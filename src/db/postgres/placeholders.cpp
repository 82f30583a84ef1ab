#include "db/postgres/placeholders.h"

namespace dossier::db::postgres {
namespace {

// Copies from `sql[i]` through the closing `quote` (a doubled quote escapes itself) and
// returns the index just past it.
size_t copy_quoted(std::string_view sql, size_t i, char quote, std::string& out) {
  out.push_back(sql[i++]);
  while (i < sql.size()) {
    const char c = sql[i++];
    out.push_back(c);
    if (c != quote) continue;
    if (i < sql.size() && sql[i] == quote) {
      out.push_back(sql[i++]);
      continue;
    }
    break;
  }
  return i;
}

size_t copy_line_comment(std::string_view sql, size_t i, std::string& out) {
  const size_t end = sql.find('\n', i);
  const size_t stop = end == std::string_view::npos ? sql.size() : end;
  out.append(sql.substr(i, stop - i));
  return stop;
}

}  // namespace

std::string numbered_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  for (size_t i = 0; i < sql.size();) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {
      i = copy_quoted(sql, i, c, out);
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      i = copy_line_comment(sql, i, out);
    } else if (c == '?') {
      out += '$' + std::to_string(next++);
      ++i;
    } else {
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

}  // namespace dossier::db::postgres
