// Inserts generated rows into the clinical tables, using the record schema's column lists
// (record::clinical_tables) so the demo data has the same shape an import would.
//
// Rows are buffered and written as multi-row INSERTs: 1000 patients are ~170,000 rows,
// and one statement per row spends most of its time preparing SQL. Buffers are flushed
// in clinical_tables() order, parents before children, so foreign keys hold at every
// flush.
#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "db/database.h"
#include "record/schema.h"

namespace dossier::demo::detail {

//! One column's value, in API form: JSON columns as JSON values (stored as their text),
//! blobs as Json::binary, booleans as bools.
using Cell = std::pair<std::string_view, Json>;

class Writer {
 public:
  explicit Writer(db::Database& db);
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  //! Queues one row for the clinical table `table`; columns not given are NULL. After the
  //! first failure later calls do nothing, so generators stay linear; status() says what
  //! failed.
  void insert(std::string_view table, std::initializer_list<Cell> cells) {
    insert(table, std::span<const Cell>(cells.begin(), cells.size()));
  }
  void insert(std::string_view table, std::span<const Cell> cells);
  //! The same for a row built up as a JSON object (member name → column).
  void insert(std::string_view table, const Json& object);

  //! Writes every queued row. REQUIRES: called before reading the tables back.
  Status flush();

  //! The first failure, or ok.
  const Status& status() const { return status_; }
  //! Rows written or queued so far.
  int64_t rows() const { return rows_; }

 private:
  struct Table {
    const record::TableSpec* spec;
    std::string full_batch_sql;  //!< the INSERT for kBatchRows rows
    db::Params pending;          //!< queued rows' parameters, row after row
    size_t pending_rows = 0;
  };
  static constexpr size_t kBatchRows = 64;

  void write(Table& table);

  db::Database& db_;
  std::vector<Table> tables_;  //!< in clinical_tables() order
  Status status_;
  int64_t rows_ = 0;
};

}  // namespace dossier::demo::detail
