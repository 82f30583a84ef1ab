#include "redact/scrubber.h"

#include <gtest/gtest.h>

#include "redact/identifiers.h"
#include "redact/text_fold.h"

namespace dossier::redact {
namespace {

std::string scrub(const std::vector<Term>& terms, const std::vector<Pattern>& patterns,
                  const std::string& text, Counts* counts = nullptr) {
  Counts local;
  return Scrubber(terms, patterns).scrub(text, counts ? *counts : local);
}

TEST(FoldTest, StripsAccentsLowersAndMapsBack) {
  const FoldedText f = fold("José  Ó’Neil");
  EXPECT_EQ(f.text, "jose o'neil");
  ASSERT_EQ(f.origin.size(), f.text.size() + 1);
  EXPECT_EQ(f.origin[3], 3u);  // "é" starts at byte 3 of the original
  EXPECT_EQ(f.origin[4], 5u);  // the first of two spaces
  EXPECT_EQ(f.origin[5], 7u);  // "Ó" after both spaces
  EXPECT_EQ(f.origin.back(), std::string("José  Ó’Neil").size());
}

TEST(ScrubberTest, NamesMatchWholeWordsWhateverTheirCaseAndAccents) {
  Counts counts;
  const std::string out = scrub({{"José", "name"}, {"O'Neil", "name"}}, {},
                                "JOSE met jose and José. Josefina and O’NEIL's sister.", &counts);
  EXPECT_EQ(out,
            "[REDACTED:name] met [REDACTED:name] and [REDACTED:name]. Josefina and "
            "[REDACTED:name]'s sister.");
  EXPECT_EQ(counts["name"], 4);
}

TEST(ScrubberTest, TheLongerTermWins) {
  EXPECT_EQ(scrub({{"Mary", "name"}, {"Mary Ann", "name"}}, {}, "Mary Ann called; Mary too."),
            "[REDACTED:name] called; [REDACTED:name] too.");
}

TEST(ScrubberTest, TermsShorterThanTwoCharactersAreIgnored) {
  EXPECT_EQ(scrub({{"J", "name"}, {" ", "name"}}, {}, "J. said a word"), "J. said a word");
}

TEST(ScrubberTest, EveryBirthDateSpellingIsFound) {
  std::vector<Term> terms;
  for (const auto& s : date_spellings("1985-03-02")) terms.push_back({s, "birth_date"});
  for (const std::string text : {"1985-03-02", "03/02/1985", "3/2/1985", "3/2/85", "March 2, 1985",
                                 "march 2 1985", "Mar. 2, 1985", "2 March 1985", "2 mar 1985"}) {
    EXPECT_EQ(scrub(terms, {}, "born " + text + "."), "born [REDACTED:birth_date].") << text;
  }
  EXPECT_EQ(scrub(terms, {}, "seen 3/2/1986"), "seen 3/2/1986");
}

TEST(ScrubberTest, PatternsFindIdentifierShapes) {
  const std::vector<Pattern> all = {Pattern::kSsn, Pattern::kPhone, Pattern::kEmail,
                                    Pattern::kUrl, Pattern::kIp,    Pattern::kDate};
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"SSN 123-45-6789 on file", "SSN [REDACTED:ssn] on file"},
      {"call (555) 123-4567 or 555.123.4567", "call [REDACTED:phone] or [REDACTED:phone]"},
      {"call +1 555 123 4567.", "call [REDACTED:phone]."},
      {"mail ava.k@example.org, thanks", "mail [REDACTED:email], thanks"},
      {"see https://example.org/a?b=1.", "see [REDACTED:url]."},
      {"(www.example.com)", "([REDACTED:url])"},
      {"from 192.168.10.2 today", "from [REDACTED:ip_address] today"},
      {"on 2025-03-04T10:00:00Z", "on [REDACTED:date]"},
      {"on 3/4/25 and 03.04.2025", "on [REDACTED:date] and [REDACTED:date]"},
      {"March 4th, 2025 and 4 March and Sept 2024",
       "[REDACTED:date] and [REDACTED:date] and [REDACTED:date]"},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(scrub({}, all, in), want) << in;
}

TEST(ScrubberTest, NumbersThatAreNotIdentifiersStay) {
  const std::vector<Pattern> all = {Pattern::kSsn, Pattern::kPhone, Pattern::kIp, Pattern::kDate};
  for (const std::string text :
       {"NPI 1234567890", "PHQ-9 score 14 in 2025", "EIN 12-3456789", "CPT 90837, 53 minutes",
        "may want to try", "version 1.2.3", "ICD-10 F41.1"}) {
    EXPECT_EQ(scrub({}, all, text), text);
  }
}

TEST(ScrubberTest, OverlappingMatchesAreOneReplacement) {
  Counts counts;
  EXPECT_EQ(scrub({{"Ava", "name"}}, {Pattern::kEmail}, "write ava.k@example.org", &counts),
            "write [REDACTED:email]");
  EXPECT_EQ(counts.size(), 1u);
  EXPECT_EQ(counts["email"], 1);
}

TEST(ScrubberTest, MalformedTextIsScrubbedNotRejected) {
  const std::string bad = std::string("Ava\xff\xfe") + " and Ava";
  const std::string out = scrub({{"Ava", "name"}}, {}, bad);
  EXPECT_EQ(out.substr(out.size() - 15), "[REDACTED:name]");
}

}  // namespace
}  // namespace dossier::redact
