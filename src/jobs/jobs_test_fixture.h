// A migrated database of either backend with one admin user, for the queue and worker tests.
#pragma once

#include "audit/audit_chain.h"
#include "auth/caller.h"
#include "db/migrations.h"
#include "db/open_database.h"
#include "db/testing/backend_test.h"
#include "jobs/job_store.h"

namespace dossier::jobs::testing {

//! A clock that moves only when told to.
class FakeClock final : public Clock {
 public:
  TimePoint now() const override { return now_; }
  void advance(std::chrono::milliseconds d) { now_ += d; }

 private:
  TimePoint now_ = std::chrono::system_clock::now();
};

class JobsTest : public db::testing::BackendTest {
 protected:
  void SetUp() override {
    db::testing::BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(db::migrate(db()).ok());
    const std::string now = now_timestamp();
    ASSERT_TRUE(db().execute("INSERT INTO users (id, role, given_name, family_name, created_at, "
                             "updated_at) VALUES ('u1', 'admin', 'A', 'B', ?, ?)",
                             {now, now})
                    .ok());
  }

  const auth::Caller& caller() const { return caller_; }
  //! The audit key every store and queue of a test hashes its audit rows with.
  const audit::ChainKey& audit_key() const { return audit_key_; }

  std::string enqueue(const Clock& clock) {
    ExportRequest req;
    req.format = "json";
    auto created = JobStore(db(), clock, audit_key_).create(caller_, req);
    EXPECT_TRUE(created.ok());
    return created.ok() ? (*created)["job_id"].get<std::string>() : "";
  }

  //! The audit actions of a job, oldest first.
  std::vector<std::string> audit_actions(const std::string& job_id) {
    std::vector<std::string> out;
    auto rows = db().query(
        "SELECT action FROM export_audit_log WHERE export_job_id = ? ORDER BY created_at, id",
        {job_id});
    EXPECT_TRUE(rows.ok());
    if (rows.ok()) {
      for (const auto& r : rows.value()) out.push_back(r["action"]);
    }
    return out;
  }

  //! Connections of their own to the same database, as another process would have; null on
  //! SQLite in memory, where the one handle is the whole database.
  std::unique_ptr<db::Database> second_handle() {
    if (test_database().url().empty()) return nullptr;
    auto opened = db::open_database({.url = test_database().url(), .pool_size = 2});
    EXPECT_TRUE(opened.ok());
    return opened.ok() ? std::move(opened).value() : nullptr;
  }

 private:
  auth::Caller caller_{"u1", auth::Role::kAdmin, "127.0.0.1", "test"};
  audit::ChainKey audit_key_{std::string(32, 'k')};
};

}  // namespace dossier::jobs::testing
