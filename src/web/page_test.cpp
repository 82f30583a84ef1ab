// The pages through the router, as a browser would send them: sign-in, redirects, CSRF, the
// shell, headers, idle expiry.
#include <regex>

#include "web/cookies.h"
#include "web/form.h"
#include "web/web.h"
#include "web/web_test_fixture.h"

namespace dossier::web {
namespace {

using testing::Answer;
using testing::csrf_of;
using testing::first_cookie_value;

class PageTest : public testing::WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    router_.emplace(*db_);
    add_web_routes(*router_, *site_);
  }

  Answer send(const std::string& method, const std::string& path, const std::string& body = "",
              const std::string& query = "") {
    http::Request r{method, path, {}, {}, body, "10.2.2.2"};
    if (!query.empty()) r.query["q"] = query;
    if (!cookies_.empty()) r.headers["cookie"] = cookies_;
    if (method == "POST") r.headers["content-type"] = "application/x-www-form-urlencoded";
    return testing::answer_of(router_->dispatch(r));
  }

  // Signs in as the admin through the form; leaves the session cookie in cookies_.
  std::string sign_in_as_admin() {
    Answer form = send("GET", "/");
    const std::string pre = first_cookie_value(form);
    cookies_ = pre_session_cookie_name(*site_) + "=" + pre;
    Answer done =
        send("POST", "/sign-in",
             "csrf_token=" + pre + "&username=admin&password=" + form_encode(kAdminPassword));
    EXPECT_EQ(done.status, 303);
    EXPECT_EQ(done.header("Location"), "/clients");
    const std::string secret = first_cookie_value(done);
    cookies_ = session_cookie_name(*site_) + "=" + secret;
    return csrf_of(send("GET", "/clients").body);
  }

  std::optional<http::Router> router_;
  std::string cookies_;
};

TEST_F(PageTest, SignedOutBrowsersGetTheSignInFormWithABoundToken) {
  Answer a = send("GET", "/");
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.headers.count("Set-Cookie"), 1u);
  EXPECT_NE(a.header("Set-Cookie").find("HttpOnly; SameSite=Strict"), std::string::npos);
  EXPECT_EQ(csrf_of(a.body), first_cookie_value(a));
  EXPECT_NE(a.body.find("<label for=\"username\">"), std::string::npos);
  EXPECT_EQ(a.body.find("Sign out"), std::string::npos);
}

TEST_F(PageTest, SignInWithoutTheTokenIsRefused) {
  send("GET", "/");
  Answer a = send("POST", "/sign-in",
                  std::string("username=admin&password=") + form_encode(kAdminPassword));
  EXPECT_EQ(a.status, 403);
  EXPECT_NE(a.body.find("<h1>Not allowed</h1>"), std::string::npos);
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) AS n FROM web_sessions").value()["n"], 0);
}

TEST_F(PageTest, SignedInPagesShowTheShellAndSignOutNeedsTheToken) {
  const std::string csrf = sign_in_as_admin();
  ASSERT_FALSE(csrf.empty());
  Answer clients = send("GET", "/clients");
  EXPECT_EQ(clients.status, 200);
  EXPECT_NE(clients.body.find("href=\"/audit\""), std::string::npos);  // admins see Audit
  EXPECT_NE(clients.body.find("aria-current=\"page\">Clients"), std::string::npos);
  EXPECT_EQ(send("GET", "/").header("Location"), "/clients");

  EXPECT_EQ(send("POST", "/sign-out", "").status, 403);
  EXPECT_EQ(send("POST", "/sign-out", "csrf_token=wrong").status, 403);
  Answer out = send("POST", "/sign-out", "csrf_token=" + csrf);
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(out.header("Location"), "/");
  EXPECT_NE(out.header("Set-Cookie").find("Max-Age=0"), std::string::npos);
  // Replayed, the old cookie is no session: the sign-in page says it ended, and drops it.
  Answer replay = send("GET", "/clients");
  EXPECT_EQ(replay.header("Location"), "/?ended=1");
  EXPECT_NE(replay.header("Set-Cookie").find("Max-Age=0"), std::string::npos);
}

TEST_F(PageTest, SignedOutPagesRedirectAndIdleSessionsEnd) {
  Answer a = send("GET", "/clients");
  EXPECT_EQ(a.status, 303);
  EXPECT_EQ(a.header("Location"), "/");
  sign_in_as_admin();
  clock_.advance(std::chrono::minutes(14));
  EXPECT_EQ(send("GET", "/clients").status, 200);
  clock_.advance(std::chrono::minutes(16));
  EXPECT_EQ(send("GET", "/clients").header("Location"), "/?ended=1");
  cookies_.clear();
  EXPECT_EQ(send("GET", "/sign-in").header("Location"), "/");
}

TEST_F(PageTest, EveryAnswerCarriesThePageHeaders) {
  sign_in_as_admin();
  for (const char* path : {"/", "/clients", "/clients/not-a-client", "/static/dossier.css"}) {
    Answer a = send("GET", path);
    EXPECT_NE(a.header("Content-Security-Policy").find("default-src 'self'"), std::string::npos)
        << path;
    EXPECT_NE(a.header("Content-Security-Policy").find("frame-ancestors 'none'"),
              std::string::npos);
    EXPECT_EQ(a.header("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(a.header("Referrer-Policy"), "no-referrer") << path;
    EXPECT_EQ(a.headers.count("Cache-Control"), 1u) << path;
  }
  Answer missing = send("GET", "/clients/not-a-client");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("<h1>Not found</h1>"), std::string::npos);
}

TEST_F(PageTest, OverHttpsTheCookiesAreSecureAndHostBound) {
  site_->secure_cookies = true;
  Answer a = send("GET", "/");
  EXPECT_TRUE(a.header("Set-Cookie").starts_with("__Host-dossier_sign_in="));
  EXPECT_NE(a.header("Set-Cookie").find("; Secure"), std::string::npos);
  sign_in_as_admin();
  EXPECT_TRUE(cookies_.starts_with("__Host-dossier_session="));
  EXPECT_EQ(send("GET", "/clients").status, 200);
}

TEST_F(PageTest, StylesheetIsServedWithoutASession) {
  Answer a = send("GET", "/static/dossier.css");
  EXPECT_EQ(a.status, 200);
  EXPECT_NE(a.body.find(":focus-visible"), std::string::npos);
  EXPECT_EQ(send("GET", "/static/nothing.css").status, 404);
}

TEST_F(PageTest, TheSearchIsEscapedWhereItIsShown) {
  sign_in_as_admin();
  Answer a = send("GET", "/clients", "", "<script>x</script>");
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.body.find("<script>"), std::string::npos);
  EXPECT_NE(a.body.find("&lt;script&gt;"), std::string::npos);
}

}  // namespace
}  // namespace dossier::web
