#include "web/clients.h"

#include <charconv>

#include "auth/visibility.h"

namespace dossier::web {
namespace {

constexpr size_t kMaxSearch = 100;

std::string full_name(const Json& row) {
  return row["given_name"].get<std::string>() + " " + row["family_name"].get<std::string>();
}

// `search` as a LIKE pattern matching it anywhere, its own % and _ taken literally.
std::string like_pattern(const std::string& search) {
  std::string out = "%";
  for (char c : search) {
    const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(lower);
  }
  return out + "%";
}

// The WHERE clause of the caller's visible clients matching `search`.
std::string client_filter(const auth::Caller& caller, const std::string& search,
                          db::Params& params) {
  std::string where = auth::visible_patients_condition(caller, "p.id", params);
  if (search.empty()) return where;
  const std::string pattern = like_pattern(search);
  for (int i = 0; i < 3; ++i) params.push_back(pattern);
  return where +
         " AND (LOWER(p.given_name || ' ' || p.family_name) LIKE ? ESCAPE '\\' OR "
         "LOWER(p.family_name || ', ' || p.given_name) LIKE ? ESCAPE '\\' OR "
         "LOWER(COALESCE(p.preferred_name, '')) LIKE ? ESCAPE '\\')";
}

Json page_number(int n, int pages) {
  return n >= 1 && n <= pages ? Json(n) : Json(nullptr);
}

}  // namespace

Result<ClientQuery> parse_client_query(const std::string& q, const std::string& page) {
  ClientQuery query;
  if (q.size() > kMaxSearch) return Error::validation("q", "must be at most 100 characters");
  query.search = q;
  if (!page.empty()) {
    const auto [end, ec] = std::from_chars(page.data(), page.data() + page.size(), query.page);
    if (ec != std::errc() || end != page.data() + page.size() || query.page < 1) {
      return Error::validation("page", "must be a whole number from 1");
    }
  }
  return query;
}

Result<Json> list_clients(db::Database& db, const auth::Caller& caller, const ClientQuery& query) {
  db::Params params;
  const std::string where = client_filter(caller, query.search, params);
  DOSSIER_ASSIGN_OR_RETURN(
      Json counted, db.query_one("SELECT COUNT(*) AS n FROM patients p WHERE " + where, params));
  const int64_t total = counted["n"].get<int64_t>();
  const int pages =
      static_cast<int>(std::max<int64_t>(1, (total + query.per_page - 1) / query.per_page));
  params.push_back(query.per_page);
  params.push_back(static_cast<int64_t>(query.page - 1) * query.per_page);
  DOSSIER_ASSIGN_OR_RETURN(
      db::Rows rows,
      db.query("SELECT p.id, p.given_name, p.family_name, p.preferred_name, p.birth_date, p.mrn, "
               "p.status FROM patients p WHERE " +
                   where + " ORDER BY p.family_name, p.given_name, p.id LIMIT ? OFFSET ?",
               params));
  Json clients = Json::array();
  for (const auto& r : rows) {
    clients.push_back({{"id", r["id"]},
                       {"name", full_name(r)},
                       {"preferred_name", r["preferred_name"]},
                       {"birth_date", r["birth_date"]},
                       {"mrn", r["mrn"]},
                       {"status", r["status"]}});
  }
  return Json{{"clients", std::move(clients)},
              {"search", query.search},
              {"page", query.page},
              {"pages", pages},
              {"total", total},
              {"previous_page", page_number(query.page - 1, pages)},
              {"next_page", page_number(query.page + 1, pages)}};
}

}  // namespace dossier::web
