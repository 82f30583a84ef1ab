#include "web/form.h"

#include <gtest/gtest.h>

#include "web/csrf.h"

namespace dossier::web {
namespace {

TEST(FormTest, DecodesPairsPlusesAndEscapes) {
  auto f = parse_form("username=dana.okafor&password=p%40ss+word%21&csrf_token=abc-_");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(form_value(*f, "username"), "dana.okafor");
  EXPECT_EQ(form_value(*f, "password"), "p@ss word!");
  EXPECT_EQ(form_value(*f, "csrf_token"), "abc-_");
  EXPECT_EQ(form_value(*f, "absent"), "");
}

TEST(FormTest, EdgeCases) {
  auto f = parse_form("&a=&b&=x&c=1=2&a=second&%C3%A9t%C3%A9=%E2%82%AC&&");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(form_value(*f, "a"), "");  // the first value wins
  EXPECT_EQ(form_value(*f, "b"), "");  // a name alone
  EXPECT_EQ(form_value(*f, ""), "x");  // an empty name is still a name
  EXPECT_EQ(form_value(*f, "c"), "1=2");
  EXPECT_EQ(form_value(*f, "été"), "€");
  EXPECT_TRUE(parse_form("").value().empty());
}

TEST(FormTest, MalformedEscapesAndNonUtf8AreRefused) {
  for (const char* body : {"a=%", "a=%4", "a=%zz", "a=%C3", "a=%FF", "%=1", "a=%00"}) {
    auto f = parse_form(body);
    ASSERT_FALSE(f.ok()) << body;
    EXPECT_EQ(f.error().fields.at(0).path, "body") << body;
  }
}

TEST(FormTest, EncodeRoundTrips) {
  const std::string text = "Smith & Søn 100% a+b=c/d?";
  EXPECT_EQ(form_encode(text), "Smith+%26+S%C3%B8n+100%25+a%2Bb%3Dc%2Fd%3F");
  EXPECT_EQ(form_decode(form_encode(text)).value(), text);
}

TEST(CsrfTest, OnlyTheExactTokenMatches) {
  const FormFields with = {{"csrf_token", "tok-123"}};
  EXPECT_TRUE(csrf_token_matches("tok-123", with));
  EXPECT_FALSE(csrf_token_matches("tok-124", with));
  EXPECT_FALSE(csrf_token_matches("tok-1234", with));
  EXPECT_FALSE(csrf_token_matches("tok-123", FormFields{}));
  // No expected token (no session): nothing matches, not even an empty field.
  EXPECT_FALSE(csrf_token_matches("", FormFields{{"csrf_token", ""}}));
}

}  // namespace
}  // namespace dossier::web
