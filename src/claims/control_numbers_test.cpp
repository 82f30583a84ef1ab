// Interchange control numbers: unique across jobs, kept per job, on both backends.
#include "claims/control_numbers.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <thread>

#include "db/migrations.h"
#include "db/testing/backend_test.h"

namespace dossier::claims {
namespace {

class ControlNumberTest : public db::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_TRUE(db::migrate(db()).ok());
    const char* stamp = "2026-01-15T12:00:00.000Z";
    ASSERT_TRUE(db().insert("users", {{"id", kUser},
                                      {"role", "biller"},
                                      {"given_name", "Sam"},
                                      {"family_name", "Biller"},
                                      {"created_at", stamp},
                                      {"updated_at", stamp}})
                    .ok());
  }

  std::string job(int n) {
    char id[64];
    std::snprintf(id, sizeof id, "01900000-0000-7000-8000-%012d", n);
    EXPECT_TRUE(db().insert("export_jobs", {{"id", id},
                                            {"user_id", kUser},
                                            {"export_type", "insurance_report"},
                                            {"format", "x12"},
                                            {"created_at", "2026-01-15T12:00:00.000Z"}})
                    .ok());
    return id;
  }

  static constexpr const char* kUser = "01900000-0000-7000-8000-0000000000aa";
};

TEST_P(ControlNumberTest, EachJobGetsTheNextNumberAndKeepsIt) {
  const std::string a = job(1), b = job(2);
  EXPECT_EQ(*control_number_for(db(), a), 1);
  EXPECT_EQ(*control_number_for(db(), b), 2);
  EXPECT_EQ(*control_number_for(db(), a), 1);
}

TEST_P(ControlNumberTest, ConcurrentJobsNeverShareANumber) {
  std::vector<std::string> jobs;
  for (int i = 0; i < 16; ++i) jobs.push_back(job(i + 10));
  std::vector<int64_t> numbers(jobs.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < jobs.size(); ++i) {
    threads.emplace_back([&, i] {
      auto n = control_number_for(db(), jobs[i]);
      numbers[i] = n.ok() ? *n : -1;
    });
  }
  for (auto& t : threads) t.join();
  const std::set<int64_t> distinct(numbers.begin(), numbers.end());
  EXPECT_EQ(distinct.size(), jobs.size());
  EXPECT_EQ(*distinct.begin(), 1);
  EXPECT_EQ(*distinct.rbegin(), 16);
}

DOSSIER_INSTANTIATE_BACKENDS(ControlNumberTest);

}  // namespace
}  // namespace dossier::claims
