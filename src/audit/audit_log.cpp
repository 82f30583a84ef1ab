#include "audit/audit_log.h"

#include <set>

#include "audit/audit_chain.h"
#include "core/clock.h"
#include "core/ids.h"

namespace dossier::audit {

namespace {

// At most `max` bytes of `text`, cut before a character rather than inside one: a header
// cut mid-character is text PostgreSQL refuses to store.
std::string utf8_prefix(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

constexpr std::string_view kActions[] = {
    "created",   "completed",        "failed",    "downloaded",     "deleted",
    "shared",    "download_refused", "expired",   "previewed",      "access_refused",
    "fhir_read", "imported",         "signed_in", "sign_in_failed", "signed_out"};

// Ids as a caller gave them are any text: enough of one to recognize it, and never a
// column's foreign key unless it names a row.
constexpr size_t kGivenIdBytes = 64;

Json given_id(const std::optional<std::string>& id) {
  return id ? Json(utf8_prefix(*id, kGivenIdBytes)) : Json(nullptr);
}

}  // namespace

bool is_action(std::string_view action) {
  for (auto a : kActions) {
    if (a == action) return true;
  }
  return false;
}

std::string action_list() {
  std::string out;
  for (auto a : kActions) out += (out.empty() ? "" : ", ") + std::string(a);
  return out;
}

auth::Caller job_creator(const Json& job) {
  return {job["user_id"].get<std::string>(), auth::Role::kTherapist, {}, {}};
}

Entry job_entry(std::string action, const Json& job, Json metadata) {
  const Json& patient = job["patient_id"];
  return {
      std::move(action), job["id"].get<std::string>(),
      patient.is_string() ? std::optional<std::string>(patient.get<std::string>()) : std::nullopt,
      std::move(metadata)};
}

Status append(db::Database& db, const ChainKey& key, const auth::Caller& caller,
              const Entry& entry) {
  if (!is_action(entry.action)) return Error::internal("unknown audit action");
  Json row = {{"id", new_uuid()},
              {"export_job_id", entry.export_job_id ? Json(*entry.export_job_id) : Json(nullptr)},
              {"user_id", caller.user_id.empty() ? Json(nullptr) : Json(caller.user_id)},
              {"patient_id", entry.patient_id ? Json(*entry.patient_id) : Json(nullptr)},
              {"action", entry.action},
              {"ip_address",
               caller.ip_address.empty() ? Json(nullptr) : Json(caller.ip_address.substr(0, 45))},
              {"user_agent", caller.user_agent.empty() ? Json(nullptr)
                                                       : Json(utf8_prefix(caller.user_agent, 512))},
              // Given ids may be invalid UTF-8: replaced, never a throw.
              {"metadata", entry.metadata.dump(-1, ' ', false, Json::error_handler_t::replace)},
              {"created_at", now_timestamp()}};
  return append_to_chain(db, key, std::move(row)).ok()
             ? Status{}
             : Error::internal("could not write the audit log");
}

Status record_refusal(db::Database& db, const ChainKey& key, const auth::Caller& caller,
                      const Refusal& refusal) {
  Entry entry{"access_refused",
              std::nullopt,
              std::nullopt,
              {{"operation", refusal.operation},
               {"status", refusal.status},
               {"job_id", given_id(refusal.job_id)},
               {"patient_id", given_id(refusal.patient_id)}}};
  if (refusal.job_id && is_uuid(*refusal.job_id)) {
    DOSSIER_ASSIGN_OR_RETURN(Json job, db.query_one("SELECT id, patient_id FROM export_jobs "
                                                    "WHERE id = ?",
                                                    {*refusal.job_id}));
    if (job.is_object()) {
      entry.export_job_id = job["id"].get<std::string>();
      if (job["patient_id"].is_string()) entry.patient_id = job["patient_id"].get<std::string>();
    }
  }
  if (!entry.patient_id && refusal.patient_id && is_uuid(*refusal.patient_id)) {
    DOSSIER_ASSIGN_OR_RETURN(
        Json patient, db.query_one("SELECT id FROM patients WHERE id = ?", {*refusal.patient_id}));
    if (patient.is_object()) entry.patient_id = patient["id"].get<std::string>();
  }
  return append(db, key, caller, entry);
}

Status record_shared_links(db::Database& db, const ChainKey& key, const auth::Caller& caller,
                           const std::vector<SharedLink>& links, const std::string& since) {
  if (links.empty()) return {};
  std::string sql =
      "SELECT DISTINCT export_job_id FROM export_audit_log WHERE action = 'shared' AND user_id = "
      "? AND created_at >= ? AND export_job_id IN (";
  db::Params params{caller.user_id, since};
  for (const auto& link : links) {
    sql += params.size() == 2 ? "?" : ", ?";
    params.push_back(link.job_id);
  }
  DOSSIER_ASSIGN_OR_RETURN(db::Rows recorded, db.query(sql + ")", params));
  std::set<std::string> already;
  for (const auto& r : recorded) already.insert(r["export_job_id"].get<std::string>());
  return db.transaction([&]() -> Status {
    for (const auto& link : links) {
      if (!already.insert(link.job_id).second) continue;
      DOSSIER_TRY(append(
          db, key, caller,
          {"shared", link.job_id, link.patient_id, {{"link_expires_at", link.link_expires_at}}}));
    }
    return {};
  });
}

Result<Json> list(db::Database& db, const Query& q) {
  std::string sql =
      "SELECT id, export_job_id, user_id, patient_id, action, ip_address, user_agent, metadata, "
      "created_at FROM export_audit_log WHERE 1 = 1";
  db::Params params;
  auto filter = [&](const std::optional<std::string>& value, const char* clause) {
    if (!value) return;
    sql += clause;
    params.push_back(*value);
  };
  filter(q.user_id, " AND user_id = ?");
  filter(q.patient_id, " AND patient_id = ?");
  filter(q.export_job_id, " AND export_job_id = ?");
  filter(q.action, " AND action = ?");
  filter(q.since, " AND created_at >= ?");
  filter(q.until, " AND created_at < ?");
  filter(q.cursor, " AND id < ?");
  sql += " ORDER BY id DESC LIMIT ?";
  params.push_back(q.limit + 1);
  DOSSIER_ASSIGN_OR_RETURN(db::Rows rows, db.query(sql, params));
  Json out = {{"entries", Json::array()}, {"next_cursor", nullptr}};
  for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(q.limit); ++i) {
    Json row = rows[i];
    row["metadata"] = row["metadata"].is_string() ? Json::parse(row["metadata"].get<std::string>())
                                                  : Json::object();
    out["entries"].push_back(std::move(row));
  }
  if (rows.size() > static_cast<size_t>(q.limit)) out["next_cursor"] = out["entries"].back()["id"];
  return out;
}

}  // namespace dossier::audit
