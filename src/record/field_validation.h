// Internal to src/record: the generic half of checking a write, driven by FieldSpecs — member
// names, JSON types, formats, lengths, required and immutable members. Resource-specific
// rules (rules.h) run afterwards on the candidate object this produces.
#pragma once

#include "record/resource_spec.h"

namespace dossier::record {

//! A fresh candidate for `spec`: every column null, except fields with a default value.
Json initial_object(const ResourceSpec& spec);

//! Checks every member of ctx.input against ctx.spec: unknown, server-set and (on update)
//! changed immutable members are problems; so are wrong types, bad formats and lengths.
//! Valid members are normalized (trimmed text, UTC timestamps, lower-case UUIDs) and copied
//! into ctx.object; invalid ones are left out and reported. Returns kTooLarge, before looking
//! at anything else, when a member exceeds its FieldSpec::max_bytes.
Status apply_input(WriteContext& ctx);

//! On update: nulls kDerived fields whose sources ctx.input changes (and which it does not
//! set itself), so the rules compute them again from the new values.
void reset_derived(WriteContext& ctx);

//! Reports kRequired fields that are still null in ctx.object and have no other problem.
void check_required(WriteContext& ctx);

//! Today's date (UTC) as YYYY-MM-DD shifted by `days`; used for "not in the future".
std::string utc_date(long days_from_today = 0);

}  // namespace dossier::record
