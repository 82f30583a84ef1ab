#include "web/cookies.h"

#include <gtest/gtest.h>

namespace dossier::web {
namespace {

TEST(CookiesTest, FindsTheNamedCookie) {
  const std::string header = "theme=dark; dossier_session=abc123;other=x ; last=";
  EXPECT_EQ(cookie_value(header, "dossier_session"), "abc123");
  EXPECT_EQ(cookie_value(header, "other"), "x");
  EXPECT_EQ(cookie_value(header, "last"), "");
  EXPECT_EQ(cookie_value(header, "session"), std::nullopt);  // not a suffix match
  EXPECT_EQ(cookie_value("", "a"), std::nullopt);
}

TEST(CookiesTest, SetCookieCarriesTheFlags) {
  EXPECT_EQ(set_cookie("s", "v", {}), "s=v; Path=/; HttpOnly; SameSite=Strict");
  EXPECT_EQ(set_cookie("s", "", {.secure = true, .max_age = 0}),
            "s=; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=0");
}

}  // namespace
}  // namespace dossier::web
