// Internal to src/record: SQL for the resource API — who may touch a resource, reading rows
// under the caller's visibility, inserting and updating candidates. Portable SQL only.
#pragma once

#include <string>

#include "record/resource_spec.h"

namespace dossier::record {

//! kForbidden unless `caller`'s role may read (or, with `write`, write) `spec`'s resource.
Status require_role(const auth::Caller& caller, const ResourceSpec& spec, bool write);

//! SQL expression whose value is the API id of a row ("id", or the joined key columns).
std::string key_expression(const ResourceSpec& spec);

//! The columns get/list return, comma-separated (hidden columns left out).
std::string select_list(const ResourceSpec& spec);

//! SQL condition restricting rows to those `caller` may read, params appended: the patient's
//! visibility and the resource's own read condition. "1 = 1" when unrestricted.
std::string readable_condition(const ResourceSpec& spec, const auth::Caller& caller,
                               db::Params& params);

//! True when `id` has the shape of `spec`'s ids (a UUID, or UUID:UUID for care-team).
bool is_resource_id(const ResourceSpec& spec, const std::string& id);

//! The row with API id `id` in API form, or null Json when absent or not readable by
//! `caller`.
Result<Json> load_readable(db::Database& db, const auth::Caller& caller, const ResourceSpec& spec,
                           const std::string& id);

//! The API id of an API-form object of `spec`.
std::string object_id(const ResourceSpec& spec, const Json& object);

//! A database row in API form, without hidden columns.
Json to_api(const ResourceSpec& spec, const db::Row& row);

//! Inserts `object` (API form) as a new row.
Status insert_object(db::Database& db, const ResourceSpec& spec, const Json& object);

//! Writes every non-key, non-hidden column of `object` to the row it identifies.
Status update_object(db::Database& db, const ResourceSpec& spec, const Json& object);

}  // namespace dossier::record
