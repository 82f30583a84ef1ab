#include "http/router.h"

#include <gtest/gtest.h>

#include "auth/tokens.h"
#include "core/clock.h"
#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"

namespace dossier::http {
namespace {

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(db::SqliteDatabase::open(":memory:")).value();
    ASSERT_TRUE(db::migrate(*db_).ok());
    const std::string now = now_timestamp();
    ASSERT_TRUE(
        db_->execute(
               "INSERT INTO users (id, role, given_name, family_name, created_at, updated_at) "
               "VALUES ('u1', 'therapist', 'A', 'B', ?, ?)",
               {now, now})
            .ok());
    token_ = *auth::issue_token(*db_, "u1", "test");
    router_ = std::make_unique<Router>(*db_);
    router_->add("GET", "/things/{id}", [](const Context& ctx) -> Result<Response> {
      return Response::json(200, {{"id", ctx.param("id")}, {"user", ctx.caller.user_id}});
    });
    router_->add("POST", "/things", [](const Context& ctx) -> Result<Response> {
      DOSSIER_ASSIGN_OR_RETURN(Json body, ctx.json_body());
      return Error::validation("name", "is required");
    });
  }

  Response call(std::string method, std::string path, std::string body = "", bool authed = true) {
    Request r{std::move(method), std::move(path), {}, {}, std::move(body), "127.0.0.1"};
    if (authed) r.headers["authorization"] = "Bearer " + token_;
    return router_->dispatch(r);
  }

  std::unique_ptr<db::SqliteDatabase> db_;
  std::unique_ptr<Router> router_;
  std::string token_;
};

TEST_F(RouterTest, RoutesWithPathParametersAndCaller) {
  Response r = call("GET", "/things/abc");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Json::parse(r.body)["id"], "abc");
  EXPECT_EQ(Json::parse(r.body)["user"], "u1");
}

TEST_F(RouterTest, MissingTokenIs401WithErrorShape) {
  Response r = call("GET", "/things/abc", "", false);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(Json::parse(r.body)["error"], "unauthenticated");
}

TEST_F(RouterTest, BadJsonNamesTheBody) {
  Response r = call("POST", "/things", "{not json");
  EXPECT_EQ(r.status, 400);
  const Json body = Json::parse(r.body);
  EXPECT_EQ(body["error"], "validation_failed");
  EXPECT_EQ(body["fields"][0]["path"], "body");
}

TEST_F(RouterTest, ValidationErrorsCarryFields) {
  Response r = call("POST", "/things", "{}");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Json::parse(r.body)["fields"][0]["path"], "name");
}

TEST_F(RouterTest, UnknownRouteIs404) {
  EXPECT_EQ(call("GET", "/nothing/here").status, 404);
  EXPECT_EQ(call("DELETE", "/things/abc").status, 404);
}

class FakeClock final : public Clock {
 public:
  TimePoint now() const override { return now_; }
  void advance(std::chrono::seconds d) { now_ += d; }

 private:
  TimePoint now_ = std::chrono::system_clock::from_time_t(1700000000);
};

TEST_F(RouterTest, ATokenOverItsLimitGets429WithRetryAfter) {
  FakeClock clock;
  RateLimiter limiter(60, 2, clock);
  router_->limit_rate(limiter);
  EXPECT_EQ(call("GET", "/things/a").status, 200);
  EXPECT_EQ(call("GET", "/things/a").status, 200);
  Response r = call("GET", "/things/a");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(Json::parse(r.body)["error"], "rate_limited");
  EXPECT_EQ(r.headers, (std::vector<std::pair<std::string, std::string>>{{"Retry-After", "1"}}));
  // Another token, and requests without one, have buckets of their own.
  const std::string second = *auth::issue_token(*db_, "u1", "second");
  Request other{"GET", "/things/a", {}, {{"authorization", "Bearer " + second}}, "", "127.0.0.1"};
  EXPECT_EQ(router_->dispatch(other).status, 200);
  EXPECT_EQ(call("GET", "/things/a", "", false).status, 401);
  clock.advance(std::chrono::seconds(1));
  EXPECT_EQ(call("GET", "/things/a").status, 200);
}

TEST_F(RouterTest, FailedTokensCountAgainstTheAddress) {
  FakeClock clock;
  RateLimiter limiter(60, 3, clock);
  router_->limit_rate(limiter);
  auto with_token = [&](const std::string& token, const std::string& addr) {
    Request r{"GET", "/things/a", {}, {{"authorization", "Bearer " + token}}, "", addr};
    return router_->dispatch(r).status;
  };
  EXPECT_EQ(with_token("dsr_guess1", "10.0.0.1"), 401);
  EXPECT_EQ(with_token("dsr_guess2", "10.0.0.1"), 401);
  EXPECT_EQ(call("GET", "/nothing/here", "", false).status, 404);  // 127.0.0.1's own bucket
  EXPECT_EQ(with_token("dsr_guess3", "10.0.0.1"), 401);
  EXPECT_EQ(with_token("dsr_guess4", "10.0.0.1"), 429);
  EXPECT_EQ(with_token(token_, "10.0.0.1"), 200) << "a valid token is counted on its own";
}

TEST_F(RouterTest, ARevokedTokenIsRefusedOnTheNextRequest) {
  auto issued = auth::create_token(*db_, "u1", "short-lived");
  ASSERT_TRUE(issued.ok());
  Request r{"GET", "/things/a", {}, {{"authorization", "Bearer " + issued->secret}}, "", "::1"};
  EXPECT_EQ(router_->dispatch(r).status, 200);
  ASSERT_TRUE(auth::revoke_token(*db_, issued->id).ok());
  Response refused = router_->dispatch(r);
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(Json::parse(refused.body)["error"], "unauthenticated");
}

}  // namespace
}  // namespace dossier::http
