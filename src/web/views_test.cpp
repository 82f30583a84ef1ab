#include "web/views.h"

#include <gtest/gtest.h>

#include "tmpl/template.h"

namespace dossier::web {
namespace {

const Json kShell = {{"practice", "Harbor & Pine Therapy"},
                     {"time_zone", "America/Chicago"},
                     {"title", "Client record"},
                     {"user", {{"name", "Robin Ames"}, {"role", "biller"}}},
                     {"csrf_token", "tok"},
                     {"nav", {{{"href", "/clients"}, {"label", "Clients"}, {"current", true}}}}};

TEST(ViewsTest, EveryTemplateParses) {
  int templates = 0;
  for (const auto& f : embedded_web_files()) {
    if (!f.path.ends_with(".j2")) continue;
    ++templates;
    auto parsed = tmpl::Template::parse(f.content, f.path);
    EXPECT_TRUE(parsed.ok()) << f.path << ": " << parsed.error().detail;
  }
  EXPECT_GE(templates, 5);
  ASSERT_NE(static_file("dossier.css"), nullptr);
  EXPECT_EQ(static_file("../templates/layout.html.j2"), nullptr);
}

TEST(ViewsTest, TheLayoutWrapsThePageWithLandmarksAndTheSignOutForm) {
  const Json page = {
      {"heading", "Not found"}, {"message", "No such page."}, {"fields", Json::array()}};
  auto html = render_view("error", page, kShell);
  ASSERT_TRUE(html.ok()) << html.error().detail;
  for (const char* part :
       {"<html lang=\"en\">", "<a class=\"skip-link\" href=\"#main\">", "<header",
        "<nav class=\"site-nav\" aria-label=\"Main\">", "<main id=\"main\" tabindex=\"-1\">",
        "<h1>Not found</h1>", "Harbor &amp; Pine Therapy",
        "<input type=\"hidden\" name=\"csrf_token\" value=\"tok\">",
        "aria-current=\"page\">Clients</a>",
        "<link rel=\"stylesheet\" href=\"/static/dossier.css\">"}) {
    EXPECT_NE(html->find(part), std::string::npos) << part;
  }
  EXPECT_EQ(html->find("<script"), std::string::npos);
  EXPECT_EQ(html->find("style=\""), std::string::npos);  // the CSP allows no inline style
}

TEST(ViewsTest, AnEmptyRecordRendersItsPlaceholders) {
  const Json page = {{"client",
                      {{"id", "0190f0e2-7c1a-7abc-8def-0123456789ab"},
                       {"name", "Ada <Lovelace>"},
                       {"preferred_name", nullptr},
                       {"birth_date", "1990-01-01"},
                       {"mrn", "MRN-1"},
                       {"status", "active"}}},
                     {"upcoming_sessions", Json::array()},
                     {"recent_sessions", Json::array()},
                     {"goals", Json::array()},
                     {"assessments", {{"phq9", nullptr}, {"gad7", nullptr}}},
                     {"diagnoses", Json::array()},
                     {"latest_note", nullptr}};
  auto html = render_view("client", page, kShell);
  ASSERT_TRUE(html.ok()) << html.error().detail;
  EXPECT_NE(html->find("Ada &lt;Lovelace&gt;"), std::string::npos);
  EXPECT_NE(html->find("No upcoming sessions."), std::string::npos);
  EXPECT_NE(html->find("No goals yet."), std::string::npos);
  EXPECT_NE(html->find("none recorded"), std::string::npos);
  EXPECT_EQ(html->find("Latest progress note"), std::string::npos);
}

TEST(ViewsTest, SessionTimesAreInThePracticesZone) {
  const Json session = {{"start_time", "2026-03-02T15:00:00.000Z"},
                        {"duration_minutes", 50},
                        {"cpt_code", "90837"},
                        {"status", "no_show"},
                        {"telehealth", true}};
  const Json page = {{"client",
                      {{"id", "x"},
                       {"name", "A B"},
                       {"birth_date", "1990-01-01"},
                       {"mrn", "M"},
                       {"status", "active"}}},
                     {"upcoming_sessions", Json::array()},
                     {"recent_sessions", {session}},
                     {"goals", Json::array()},
                     {"assessments", {{"phq9", nullptr}, {"gad7", nullptr}}},
                     {"diagnoses", Json::array()},
                     {"latest_note", nullptr}};
  auto html = render_view("client", page, kShell);
  ASSERT_TRUE(html.ok()) << html.error().detail;
  EXPECT_NE(html->find("2026-03-02 09:00"), std::string::npos);  // CST, UTC−6
  EXPECT_NE(html->find("no show"), std::string::npos);
  EXPECT_NE(html->find("50 min, telehealth"), std::string::npos);
}

TEST(ViewsTest, AnUnknownViewIsAnError) {
  EXPECT_EQ(render_view("nothing", Json::object(), kShell).error().code, ErrorCode::kInternal);
}

}  // namespace
}  // namespace dossier::web
