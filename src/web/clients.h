// What the Clients pages show, as plain functions of the database and the caller: the same
// visibility rules as the API (auth/visibility.h) and the same note rule (a biller never
// reads a note).
#pragma once

#include <string>

#include "auth/caller.h"
#include "core/clock.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::web {

struct ClientQuery {
  std::string search;  //!< part of a name, any case; "" for every client
  int page = 1;        //!< 1-based
  int per_page = 25;
};

//! Reads ?q= and ?page= as the Clients page takes them; kValidation naming "q" (over 100
//! characters) or "page" (not a whole number from 1).
Result<ClientQuery> parse_client_query(const std::string& q, const std::string& page);

//! The caller's visible clients matching the query, by family then given name:
//! {"clients": [{"id", "name", "preferred_name", "birth_date", "mrn", "status"}], "search",
//!  "page", "pages", "total", "previous_page": n|null, "next_page": n|null}.
Result<Json> list_clients(db::Database& db, const auth::Caller& caller, const ClientQuery& query);

//! One client's record at a glance: {"client": {...}, "upcoming_sessions", "recent_sessions",
//! "goals" (with their latest measurement), "assessments": {"phq9", "gad7"} (the latest of
//! each, or null), "diagnoses" (active), "latest_note" (a progress note's sections; null for
//! callers who may not read notes, and when there is none)}. kNotFound when the client does
//! not exist or the caller may not see them. Sessions from `now` on are upcoming.
Result<Json> client_overview(db::Database& db, const auth::Caller& caller, const std::string& id,
                             TimePoint now);

}  // namespace dossier::web
