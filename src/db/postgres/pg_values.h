// JSON scalars to libpq parameters and PostgreSQL result cells back to JSON scalars, with the
// same conventions as the SQLite backend: booleans travel as 0/1 integers, blobs as binary.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <vector>

#include "db/database.h"

namespace dossier::db::postgres {

//! Parameters in the shape PQexecParams takes. Owns the text it points at; not copyable,
//! since the pointers refer into its own storage.
class PgParams {
 public:
  explicit PgParams(const Params& params);
  PgParams(const PgParams&) = delete;
  PgParams& operator=(const PgParams&) = delete;

  int count() const { return static_cast<int>(values_.size()); }
  const Oid* types() const { return types_.data(); }
  const char* const* values() const { return values_.data(); }
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }

 private:
  std::vector<std::string> storage_;
  std::vector<Oid> types_;
  std::vector<const char*> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
};

//! Row `row` of `result` as a JSON object keyed by column name.
Row decode_row(const PGresult* result, int row);

}  // namespace dossier::db::postgres
