// Inserts generated rows through the record schema, so the demo data takes the same path
// (and the same column list) as an import would.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/result.h"
#include "db/database.h"
#include "record/schema.h"

namespace dossier::demo::detail {

class Writer {
 public:
  explicit Writer(db::Database& db) : db_(db) {}
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  //! Inserts `row` (API form: JSON columns as JSON values, blobs as binary, booleans as
  //! bools; missing columns become NULL) into the clinical table `table`. After the first
  //! failure later calls do nothing, so generators stay linear; status() reports it.
  void insert(std::string_view table, const Json& row);

  //! The first failure, or ok.
  const Status& status() const { return status_; }
  //! Rows inserted so far.
  int64_t rows() const { return rows_; }

 private:
  struct Table {
    const record::TableSpec* spec;
    std::string sql;
  };

  db::Database& db_;
  std::map<std::string, Table, std::less<>> tables_;
  Status status_;
  int64_t rows_ = 0;
};

}  // namespace dossier::demo::detail
