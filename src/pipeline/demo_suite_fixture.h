// A demo practice in SQLite in memory, made once for a whole test suite: for pipeline tests
// that only read the record. `Suite` is the deriving class (each suite its own practice).
#pragma once

#include <gtest/gtest.h>

#include "core/log.h"
#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"
#include "demo/demo.h"

namespace dossier::pipeline::testing {

template <typename Suite, int kPatients>
class DemoSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    log::set_quiet(true);
    db_ = std::move(db::SqliteDatabase::open(":memory:")).value().release();
    ASSERT_TRUE(db::migrate(*db_).ok());
    demo::DemoOptions o;
    o.patients = kPatients;
    o.today = "2025-06-15";
    tokens_ = new demo::DemoTokens(std::move(demo::populate(*db_, o)).value());
  }
  static void TearDownTestSuite() {
    delete tokens_;
    delete db_;
  }

  static inline db::SqliteDatabase* db_ = nullptr;
  static inline demo::DemoTokens* tokens_ = nullptr;
};

}  // namespace dossier::pipeline::testing
