// The Templates and Audit pages through the router, as a browser sends them: the preview's
// own policy, a multipart upload's CSRF check, the Audit page's 404 for non-admins.
#include <regex>

#include "catalog/template_assets.h"
#include "catalog/template_store.h"
#include "web/form.h"
#include "web/web.h"
#include "web/web_test_fixture.h"

namespace dossier::web {
namespace {

using testing::Answer;
using testing::csrf_of;
using testing::first_cookie_value;

class AdminPagesTest : public testing::WebTest {
 protected:
  static constexpr const char* kPassword = "therapist password for tests";

  void SetUp() override {
    WebTest::SetUp();
    router_.emplace(*db_);
    add_web_routes(*router_, *site_);
    ASSERT_TRUE(catalog::install_system_templates(*db_).ok());
    ASSERT_TRUE(auth::set_password(*db_, tokens_.therapists[0].username, kPassword).ok());
  }

  Answer send(http::Request r) {
    r.remote_addr = "10.3.3.3";
    if (!cookies_.empty()) r.headers["cookie"] = cookies_;
    return testing::answer_of(router_->dispatch(r));
  }
  Answer get(const std::string& path) { return send({"GET", path, {}, {}, "", ""}); }
  Answer post(const std::string& path, const std::string& body) {
    http::Request r{"POST", path, {}, {}, body, ""};
    r.headers["content-type"] = "application/x-www-form-urlencoded";
    return send(std::move(r));
  }

  // Signs in through the form; keeps the session cookie and returns the page's CSRF token.
  std::string sign_in(const std::string& username, const std::string& password) {
    cookies_.clear();
    Answer form = get("/");
    cookies_ = pre_session_cookie_name(*site_) + "=" + first_cookie_value(form);
    Answer done =
        post("/sign-in", "csrf_token=" + csrf_of(form.body) + "&username=" + form_encode(username) +
                             "&password=" + form_encode(password));
    EXPECT_EQ(done.header("Location"), "/clients");
    cookies_ = session_cookie_name(*site_) + "=" + first_cookie_value(done);
    return csrf_of(get("/clients").body);
  }
  std::string sign_in_as_therapist() { return sign_in(tokens_.therapists[0].username, kPassword); }

  std::string own_copy() {
    const auth::Caller me{tokens_.therapists[0].user_id, auth::Role::kTherapist, {}, {}};
    const Json copy = catalog::create_template(
                          *db_, me, {{"copy_of", catalog::system_template_id("progress_report")}})
                          .value();
    return copy["id"];
  }

  std::optional<http::Router> router_;
  std::string cookies_;
};

TEST_F(AdminPagesTest, APreviewIsFramedOnlyByDossierAndRunsNothing) {
  const std::string csrf = sign_in_as_therapist();
  const std::string id = own_copy();
  const std::string client = tokens_.therapists[0].patient_ids.at(0);
  Answer a = post("/templates/" + id + "/preview",
                  "csrf_token=" + csrf + "&client_id=" + client +
                      "&format=html&template_content=" + form_encode("<p>Draft {{ 6 * 7 }}</p>"));
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_NE(a.body.find("Draft 42"), std::string::npos);
  EXPECT_EQ(a.headers.count("Content-Security-Policy"), 1u);
  EXPECT_NE(a.header("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
  EXPECT_NE(a.header("Content-Security-Policy").find("frame-ancestors 'self'"), std::string::npos);
  EXPECT_EQ(a.header("X-Frame-Options"), "");
  EXPECT_EQ(a.header("Cache-Control"), "no-store");
  // Pages keep their own policy and refuse framing.
  Answer page = get("/templates/" + id);
  EXPECT_EQ(page.header("X-Frame-Options"), "DENY");
  EXPECT_NE(page.header("Content-Security-Policy").find("frame-ancestors 'none'"),
            std::string::npos);
}

TEST_F(AdminPagesTest, APreviewSyntaxErrorGivesItsLineAndColumn) {
  const std::string csrf = sign_in_as_therapist();
  Answer a = post("/templates/" + own_copy() + "/preview",
                  "csrf_token=" + csrf + "&client_id=" + tokens_.therapists[0].patient_ids.at(0) +
                      "&template_content=" + form_encode("<p>ok</p>\n{% for %}"));
  EXPECT_EQ(a.status, 422);
  EXPECT_TRUE(std::regex_search(a.body, std::regex("line 2, column \\d+")));
}

TEST_F(AdminPagesTest, APreviewOfAClientOutOfSightIsA404AndAudited) {
  const std::string csrf = sign_in_as_therapist();
  const std::string other = tokens_.therapists[1].patient_ids.at(0);
  Answer a = post("/templates/" + own_copy() + "/preview",
                  "csrf_token=" + csrf + "&client_id=" + other + "&format=html");
  EXPECT_EQ(a.status, 404);
  EXPECT_NE(a.body.find("cannot be previewed for this client"), std::string::npos);
  EXPECT_EQ(a.body.find(other), std::string::npos);
  const Json refused = db_->query_one(
                              "SELECT patient_id, metadata FROM export_audit_log WHERE action = "
                              "'access_refused' ORDER BY id DESC LIMIT 1")
                           .value();
  EXPECT_EQ(refused["patient_id"], other);
}

TEST_F(AdminPagesTest, ABillerNeverPreviewsNotes) {
  ASSERT_TRUE(auth::set_password(*db_, "biller", kPassword).ok());
  const std::string csrf = sign_in("biller", kPassword);
  const std::string notes = catalog::system_template_id("session_notes");
  Answer a = post("/templates/" + notes + "/preview",
                  "csrf_token=" + csrf + "&client_id=" + tokens_.therapists[0].patient_ids.at(0) +
                      "&format=html");
  EXPECT_EQ(a.status, 403);
  EXPECT_NE(a.body.find("cannot be previewed"), std::string::npos);
  // Billers still read templates and preview the ones their role allows.
  EXPECT_EQ(get("/templates/" + notes).status, 200);
  Answer progress =
      post("/templates/" + catalog::system_template_id("insurance_report") + "/preview",
           "csrf_token=" + csrf + "&client_id=" + tokens_.therapists[0].patient_ids.at(0) +
               "&format=html");
  EXPECT_EQ(progress.status, 200) << progress.body.substr(0, 300);
}

TEST_F(AdminPagesTest, AMultipartUploadNeedsTheFormsToken) {
  const std::string csrf = sign_in_as_therapist();
  const std::string id = own_copy();
  const std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>";
  auto upload = [&](const std::string& token) {
    http::Request r{"POST", "/templates/" + id + "/assets", {}, {}, "", ""};
    r.headers["content-type"] = "multipart/form-data; boundary=x";
    r.parts.push_back({"csrf_token", "", "", token});
    r.parts.push_back({"asset_name", "", "", "mark.svg"});
    r.parts.push_back({"image", "m.svg", "image/svg+xml", svg});
    return send(std::move(r));
  };
  EXPECT_EQ(upload("not the token").status, 403);
  http::Request garbled{"POST", "/templates/" + id + "/assets", {}, {}, "", ""};
  garbled.headers["content-type"] = "multipart/form-data; boundary=x";
  garbled.parts.push_back({"csrf_token", "", "", csrf});
  garbled.parts.push_back({"asset_name", "", "", "mark\xff.svg"});
  EXPECT_EQ(send(std::move(garbled)).status, 400);
  EXPECT_TRUE(catalog::list_template_assets(*db_, id).value()["assets"].empty());
  Answer done = upload(csrf);
  EXPECT_EQ(done.status, 303);
  EXPECT_EQ(done.header("Location"), "/templates/" + id + "?done=uploaded");
  EXPECT_EQ(catalog::list_template_assets(*db_, id).value()["assets"][0]["name"], "mark.svg");
}

TEST_F(AdminPagesTest, TheAuditPageIsA404ForAllButAdmins) {
  sign_in_as_therapist();
  EXPECT_EQ(get("/audit").status, 404);
  EXPECT_EQ(get("/clients").body.find("href=\"/audit\""), std::string::npos);
  sign_in("admin", kAdminPassword);
  Answer a = get("/audit");
  EXPECT_EQ(a.status, 200);
  EXPECT_NE(a.body.find("<td class=\"action\">signed in</td>"), std::string::npos);
}

}  // namespace
}  // namespace dossier::web
