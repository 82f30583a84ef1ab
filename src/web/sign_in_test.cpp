#include "web/sign_in.h"

#include <algorithm>
#include <vector>

#include "web/web_test_fixture.h"

namespace dossier::web {
namespace {

class SignInTest : public testing::WebTest {
 protected:
  SignInResult attempt(const std::string& username, const std::string& password,
                       const std::string& address = "10.1.1.1") {
    auth::Caller origin;
    origin.ip_address = address;
    return sign_in(*site_, {username, password, origin}).value();
  }
  Json audit_rows(const std::string& action) {
    return db_
        ->query(
            "SELECT user_id, ip_address, metadata FROM export_audit_log WHERE action = "
            "? ORDER BY created_at",
            {action})
        .value();
  }
};

TEST_F(SignInTest, TheRightPasswordStartsASessionAndIsAudited) {
  SignInResult r = attempt("Admin", kAdminPassword);
  ASSERT_EQ(r.outcome, SignInOutcome::kSignedIn);
  auto session = auth::resume_session(*db_, r.session.secret, site_->sessions, clock_.now());
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(session->caller.user_id, tokens_.admin.user_id);
  const Json rows = audit_rows("signed_in");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["user_id"], tokens_.admin.user_id);
  EXPECT_EQ(rows[0]["ip_address"], "10.1.1.1");
}

TEST_F(SignInTest, UnknownUsersWrongPasswordsAndNoPasswordLookAlike) {
  EXPECT_EQ(attempt("admin", "not the password").outcome, SignInOutcome::kRefused);
  EXPECT_EQ(attempt("nobody", kAdminPassword).outcome, SignInOutcome::kRefused);
  EXPECT_EQ(attempt("biller", "biller has no password yet").outcome, SignInOutcome::kRefused);
  const Json rows = audit_rows("sign_in_failed");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["user_id"], tokens_.admin.user_id);
  EXPECT_TRUE(rows[1]["user_id"].is_null());
  for (const auto& row : rows) {
    EXPECT_NE(row["metadata"].get<std::string>().find("wrong_credentials"), std::string::npos);
    EXPECT_EQ(row["metadata"].get<std::string>().find("nobody"), std::string::npos);
  }
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) AS n FROM web_sessions").value()["n"], 0);
}

// Without the decoy hash an unknown username would answer in a millisecond and a wrong password
// in a tenth of a second; the bounds are loose enough for a loaded machine.
TEST_F(SignInTest, UnknownUsersTakeAsLongAsWrongPasswords) {
  const auto median_ms = [&](const std::string& username) {
    std::vector<double> ms;
    for (int i = 0; i < 3; ++i) {
      const auto start = std::chrono::steady_clock::now();
      EXPECT_EQ(attempt(username, "not the password").outcome, SignInOutcome::kRefused);
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[1];
  };
  const double wrong = median_ms("admin");
  const double unknown = median_ms("nobody");
  EXPECT_GT(unknown, wrong / 2) << unknown << " ms against " << wrong << " ms";
  EXPECT_LT(unknown, wrong * 2) << unknown << " ms against " << wrong << " ms";
}

TEST_F(SignInTest, RepeatedFailuresThrottleEvenTheRightPassword) {
  for (int i = 0; i < site_->throttle.per_username; ++i) {
    EXPECT_EQ(attempt("admin", "guess " + std::to_string(i)).outcome, SignInOutcome::kRefused);
  }
  EXPECT_EQ(attempt("admin", kAdminPassword).outcome, SignInOutcome::kThrottled);
  EXPECT_EQ(audit_rows("sign_in_failed").back()["metadata"].get<std::string>().find("throttled") !=
                std::string::npos,
            true);
  clock_.advance(site_->throttle.window + std::chrono::seconds(1));
  EXPECT_EQ(attempt("admin", kAdminPassword).outcome, SignInOutcome::kSignedIn);
}

TEST_F(SignInTest, SignOutEndsTheSessionAndIsAudited) {
  SignInResult r = attempt("admin", kAdminPassword);
  auth::Caller admin{tokens_.admin.user_id, auth::Role::kAdmin, "10.1.1.1", ""};
  ASSERT_TRUE(sign_out(*site_, admin, r.session.secret).ok());
  EXPECT_FALSE(auth::resume_session(*db_, r.session.secret, site_->sessions, clock_.now()).ok());
  EXPECT_EQ(audit_rows("signed_out").size(), 1u);
}

}  // namespace
}  // namespace dossier::web
