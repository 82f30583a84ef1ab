// Runs a GoogleTest suite once per backend: `class FooTest : public BackendTest {}` plus
// DOSSIER_INSTANTIATE_BACKENDS(FooTest). Each test gets a fresh database in db(); PostgreSQL
// runs are skipped when no test server is configured (the test-server fixture of `make test`
// always configures one).
#pragma once

#include <gtest/gtest.h>

#include "db/testing/test_database.h"

namespace dossier::db::testing {

class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && !have_postgres()) {
      GTEST_SKIP() << "DOSSIER_TEST_POSTGRES_URL is not set";
    }
    auto created = TestDatabase::create(GetParam());
    ASSERT_TRUE(created.ok()) << created.error().detail;
    test_db_ = std::move(created).value();
  }

  Database& db() { return test_db_->db(); }
  TestDatabase& test_database() { return *test_db_; }

 private:
  std::unique_ptr<TestDatabase> test_db_;
};

}  // namespace dossier::db::testing

#define DOSSIER_INSTANTIATE_BACKENDS(suite)                                                  \
  INSTANTIATE_TEST_SUITE_P(                                                                  \
      Backends, suite,                                                                       \
      ::testing::Values(::dossier::db::Backend::kSqlite, ::dossier::db::Backend::kPostgres), \
      [](const auto& info) { return ::dossier::db::testing::backend_name(info.param); })
