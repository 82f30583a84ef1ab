// The few SQL fragments that differ between the backends, each kept here once.
#pragma once

#include "db/database.h"

namespace dossier::db {

//! Appended to a SELECT that picks rows to claim: on PostgreSQL, lock them and skip rows
//! other workers hold, so concurrent claimers never pick the same row and never wait on
//! each other. SQLite serializes writers, so the plain SELECT is already exclusive.
inline const char* skip_locked(Backend b) {
  return b == Backend::kPostgres ? " FOR UPDATE SKIP LOCKED" : "";
}

//! Appended to a SELECT inside a transaction to lock the rows it reads until commit.
inline const char* for_update(Backend b) {
  return b == Backend::kPostgres ? " FOR UPDATE" : "";
}

//! A statement that serializes schema migration across processes for the rest of the
//! transaction (PostgreSQL advisory lock), or nullptr where BEGIN IMMEDIATE already does.
inline const char* migration_lock(Backend b) {
  return b == Backend::kPostgres ? "SELECT pg_advisory_xact_lock(727361)" : nullptr;
}

//! A statement that serializes appends to the audit hash chain for the rest of the
//! transaction, so two writers never read the same head (PostgreSQL advisory lock, a key of
//! its own), or nullptr where the transaction's BEGIN IMMEDIATE already holds SQLite's one
//! write lock.
inline const char* audit_chain_lock(Backend b) {
  return b == Backend::kPostgres ? "SELECT pg_advisory_xact_lock(727362)" : nullptr;
}

//! A statement that serializes handing out 837P interchange control numbers for the rest of
//! the transaction (PostgreSQL advisory lock, a key of its own), or nullptr where SQLite's
//! write lock already does.
inline const char* claim_number_lock(Backend b) {
  return b == Backend::kPostgres ? "SELECT pg_advisory_xact_lock(727363)" : nullptr;
}

}  // namespace dossier::db
