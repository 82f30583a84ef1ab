#include "web/audit_view.h"

#include "web/web_test_fixture.h"

namespace dossier::web {
namespace {

class AuditViewTest : public testing::WebTest {
 protected:
  auth::Caller admin() const { return {tokens_.admin.user_id, auth::Role::kAdmin, {}, {}}; }
  auth::Caller therapist() const {
    return {tokens_.therapists.at(0).user_id, auth::Role::kTherapist, {}, {}};
  }

  Result<audit::Query> parse(std::map<std::string, std::string> query) {
    http::Request request;
    request.query = std::move(query);
    return parse_audit_filters(request, admin());
  }
};

TEST_F(AuditViewTest, OnlyAdminsHaveTheTrail) {
  const audit::Query q = parse({}).value();
  EXPECT_EQ(audit_trail(*db_, key_, therapist(), q, false).error().code, ErrorCode::kNotFound);
  auth::Caller biller{tokens_.biller.user_id, auth::Role::kBiller, {}, {}};
  EXPECT_EQ(audit_trail(*db_, key_, biller, q, false).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(audit_trail(*db_, key_, admin(), q, false).ok());
}

TEST_F(AuditViewTest, EmptyFieldsFilterNothingAndTheLastDayIsIncluded) {
  const audit::Query q = parse({{"user_id", ""},
                                {"action", "previewed"},
                                {"since", "2026-01-01"},
                                {"until", "2026-01-31"}})
                             .value();
  EXPECT_FALSE(q.user_id);
  EXPECT_EQ(q.action, "previewed");
  EXPECT_EQ(q.since, "2026-01-01");
  EXPECT_EQ(q.until, "2026-02-01");
  EXPECT_EQ(q.limit, kAuditPageSize);
}

TEST_F(AuditViewTest, BadFiltersNameTheirFields) {
  auto bad = parse({{"user_id", "someone"}, {"action", "burned"}, {"until", "31/01/2026"}});
  ASSERT_FALSE(bad.ok());
  std::set<std::string> named;
  for (const auto& f : bad.error().fields) named.insert(f.path);
  EXPECT_EQ(named, (std::set<std::string>{"user_id", "action", "until"}));
}

TEST_F(AuditViewTest, EntriesCarryNamesAndFiltersApply) {
  const std::string patient = tokens_.therapists.at(0).patient_ids.at(0);
  ASSERT_TRUE(
      audit::append(*db_, key_, therapist(), {"previewed", std::nullopt, patient, {}}).ok());
  ASSERT_TRUE(
      audit::append(*db_, key_, admin(), {"signed_in", std::nullopt, std::nullopt, {}}).ok());
  const Json trail =
      audit_trail(*db_, key_, admin(), parse({{"action", "previewed"}}).value(), true).value();
  ASSERT_EQ(trail["entries"].size(), 1u);
  const Json& e = trail["entries"][0];
  EXPECT_EQ(e["action"], "previewed");
  EXPECT_EQ(e["patient_id"], patient);
  const Json client =
      db_->query_one("SELECT given_name, family_name FROM patients WHERE id = ?", {patient})
          .value();
  EXPECT_EQ(e["client"], client["given_name"].get<std::string>() + " " +
                             client["family_name"].get<std::string>());
  EXPECT_TRUE(e["user"].is_string());
  EXPECT_TRUE(trail["chain"]["ok"].get<bool>());
  EXPECT_GE(trail["chain"]["rows_checked"].get<int64_t>(), 2);
  EXPECT_EQ(trail["clients"].size(), 30u);
  EXPECT_NE(std::find(trail["actions"].begin(), trail["actions"].end(), "access_refused"),
            trail["actions"].end());
  EXPECT_TRUE(audit_trail(*db_, key_, admin(), {}, false).value()["chain"].is_null());
}

}  // namespace
}  // namespace dossier::web
