#include "web/clients.h"

#include <algorithm>
#include <set>

#include "web/web_test_fixture.h"

namespace dossier::web {
namespace {

class ClientsTest : public testing::WebTest {
 protected:
  auth::Caller therapist(size_t i) const {
    return {tokens_.therapists.at(i).user_id, auth::Role::kTherapist, {}, {}};
  }
  auth::Caller admin() const { return {tokens_.admin.user_id, auth::Role::kAdmin, {}, {}}; }
  auth::Caller biller() const { return {tokens_.biller.user_id, auth::Role::kBiller, {}, {}}; }

  std::set<std::string> ids(const auth::Caller& caller, ClientQuery q = {.per_page = 1000}) {
    std::set<std::string> out;
    const Json listed = list_clients(*db_, caller, q).value();
    for (const auto& c : listed["clients"]) out.insert(c["id"].get<std::string>());
    return out;
  }
};

TEST_F(ClientsTest, TherapistsSeeTheirCareTeamsAdminsEveryone) {
  for (size_t i = 0; i < tokens_.therapists.size(); ++i) {
    std::set<std::string> care_team;
    auto rows = db_->query("SELECT patient_id FROM care_team WHERE user_id = ?",
                           {tokens_.therapists[i].user_id});
    ASSERT_TRUE(rows.ok());
    for (size_t r = 0; r < rows->size(); ++r) {
      care_team.insert((*rows)[r]["patient_id"].get<std::string>());
    }
    EXPECT_EQ(ids(therapist(i)), care_team) << i;
  }
  EXPECT_EQ(ids(admin()).size(), 30u);
  EXPECT_EQ(ids(biller()).size(), 30u);
}

TEST_F(ClientsTest, SearchMatchesAnyPartOfTheNameInAnyCase) {
  // An ASCII name, so that cutting its first letter off cuts no character in half (SQLite's
  // LOWER folds ASCII letters only).
  Json p;
  auto all = db_->query("SELECT id, given_name, family_name FROM patients ORDER BY id");
  ASSERT_TRUE(all.ok());
  for (size_t i = 0; i < all->size() && p.is_null(); ++i) {
    const std::string name =
        (*all)[i]["given_name"].get<std::string>() + (*all)[i]["family_name"].get<std::string>();
    if (std::all_of(name.begin(), name.end(), [](char c) { return c > 0; })) p = (*all)[i];
  }
  ASSERT_FALSE(p.is_null());
  const std::string family = p["family_name"];
  std::string shouted;
  for (char c : family) shouted.push_back(static_cast<char>(std::toupper(c)));
  const auto found = ids(admin(), {.search = shouted.substr(1), .per_page = 1000});
  EXPECT_TRUE(found.count(p["id"])) << shouted;
  const auto full =
      ids(admin(), {.search = p["given_name"].get<std::string>() + " " + family, .per_page = 1000});
  EXPECT_TRUE(full.count(p["id"]));
  EXPECT_TRUE(ids(admin(), {.search = "%", .per_page = 1000}).empty());  // literal, not LIKE's
}

TEST_F(ClientsTest, PagesCoverEveryClientOnce) {
  std::set<std::string> seen;
  Json page1 = list_clients(*db_, admin(), {.page = 1, .per_page = 7}).value();
  EXPECT_EQ(page1["pages"], 5);
  EXPECT_EQ(page1["total"], 30);
  EXPECT_TRUE(page1["previous_page"].is_null());
  EXPECT_EQ(page1["next_page"], 2);
  for (int n = 1; n <= 5; ++n) {
    Json page = list_clients(*db_, admin(), {.page = n, .per_page = 7}).value();
    for (const auto& c : page["clients"]) EXPECT_TRUE(seen.insert(c["id"]).second);
  }
  EXPECT_EQ(seen.size(), 30u);
  EXPECT_TRUE(list_clients(*db_, admin(), {.page = 6, .per_page = 7}).value()["clients"].empty());
}

TEST_F(ClientsTest, QueryParametersAreChecked) {
  EXPECT_EQ(parse_client_query("", "").value().page, 1);
  EXPECT_EQ(parse_client_query("ab", "3").value().page, 3);
  for (const char* bad : {"0", "-1", "two", "2x", "99999999999"}) {
    auto q = parse_client_query("", bad);
    ASSERT_FALSE(q.ok()) << bad;
    EXPECT_EQ(q.error().fields.at(0).path, "page");
  }
  EXPECT_EQ(parse_client_query(std::string(101, 'a'), "").error().fields.at(0).path, "q");
}

TEST_F(ClientsTest, OverviewShowsTheLatestScoresAndNotesOnlyToThoseWhoMayReadThem) {
  const std::string id = tokens_.therapists[0].patient_ids.at(0);
  const Json phq9 = db_->query_one(
                           "SELECT total_score, administered_on FROM assessments WHERE "
                           "patient_id = ? AND instrument = 'PHQ-9' ORDER BY "
                           "administered_on DESC LIMIT 1",
                           {id})
                        .value();
  const Json mine = client_overview(*db_, therapist(0), id, clock_.now()).value();
  if (!phq9.is_null()) {
    EXPECT_EQ(mine["assessments"]["phq9"]["total_score"], phq9["total_score"]);
    EXPECT_EQ(mine["assessments"]["phq9"]["administered_on"], phq9["administered_on"]);
  }
  EXPECT_FALSE(mine["recent_sessions"].empty());
  EXPECT_FALSE(mine["latest_note"].is_null());
  EXPECT_TRUE(client_overview(*db_, biller(), id, clock_.now()).value()["latest_note"].is_null());
  auto hidden = client_overview(*db_, therapist(1), id, clock_.now());
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(client_overview(*db_, admin(), "not-an-id", clock_.now()).error().code,
            ErrorCode::kNotFound);
}

}  // namespace
}  // namespace dossier::web
