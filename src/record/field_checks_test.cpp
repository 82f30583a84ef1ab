#include "record/field_checks.h"

#include <gtest/gtest.h>

#include "record/assessment_scoring.h"

namespace dossier::record {
namespace {

TEST(FieldChecksTest, Icd10Codes) {
  for (const char* ok : {"F41.1", "F43.23", "F32.A", "Z63.0", "F90.2", "F41", "S06.0X1A"}) {
    EXPECT_TRUE(is_icd10_code(ok)) << ok;
  }
  for (const char* bad : {"", "F4", "f41.1", "41.1", "F41.", "F41.12345", "FF1.1", "F41-1"}) {
    EXPECT_FALSE(is_icd10_code(bad)) << bad;
  }
  EXPECT_TRUE(is_substance_use_code("F10.20"));
  EXPECT_TRUE(is_substance_use_code("F19"));
  EXPECT_FALSE(is_substance_use_code("F20.9"));
  EXPECT_FALSE(is_substance_use_code("F41.1"));
}

TEST(FieldChecksTest, CptCodesAndDurations) {
  EXPECT_TRUE(is_cpt_code("90837"));
  EXPECT_TRUE(is_cpt_code("0001F"));
  EXPECT_FALSE(is_cpt_code("9083"));
  EXPECT_FALSE(is_cpt_code("9083A7"));
  EXPECT_FALSE(is_cpt_code("A0837"));
  EXPECT_FALSE(cpt_duration_problem("90832", 16));
  EXPECT_FALSE(cpt_duration_problem("90832", 37));
  EXPECT_TRUE(cpt_duration_problem("90832", 15));
  EXPECT_TRUE(cpt_duration_problem("90832", 38));
  EXPECT_FALSE(cpt_duration_problem("90834", 38));
  EXPECT_FALSE(cpt_duration_problem("90834", 52));
  EXPECT_TRUE(cpt_duration_problem("90834", 53));
  EXPECT_FALSE(cpt_duration_problem("90837", 53));
  EXPECT_FALSE(cpt_duration_problem("90837", 120));
  EXPECT_EQ(cpt_duration_problem("90837", 52).value_or(""), "requires at least 53 minutes");
  EXPECT_EQ(cpt_duration_problem("90839", 75).value_or(""), "requires 30 to 74 minutes");
  EXPECT_FALSE(cpt_duration_problem("90839", 30));
  EXPECT_TRUE(cpt_duration_problem("90847", 25));
  EXPECT_FALSE(cpt_duration_problem("90846", 26));
  EXPECT_TRUE(cpt_duration_problem("90791", 10));
  EXPECT_FALSE(cpt_duration_problem("90853", 1));
  EXPECT_FALSE(cpt_duration_problem("96127", 5));  // no time rule
}

TEST(FieldChecksTest, NpiUsesLuhnOverPrefix80840) {
  EXPECT_TRUE(is_npi("1234567893"));
  EXPECT_FALSE(is_npi("1234567890"));
  EXPECT_FALSE(is_npi("123456789"));
  EXPECT_FALSE(is_npi("12345678930"));
  EXPECT_FALSE(is_npi("123456789X"));
}

TEST(FieldChecksTest, IdentifiersAndContactDetails) {
  EXPECT_TRUE(is_tax_id("123456789"));
  EXPECT_TRUE(is_tax_id("12-3456789"));
  EXPECT_FALSE(is_tax_id("123-456789"));
  EXPECT_FALSE(is_tax_id("12345678"));
  EXPECT_TRUE(is_us_state("CA"));
  EXPECT_TRUE(is_us_state("DC"));
  EXPECT_FALSE(is_us_state("ca"));
  EXPECT_FALSE(is_us_state("XX"));
  EXPECT_TRUE(is_postal_code("94110"));
  EXPECT_TRUE(is_postal_code("94110-1234"));
  EXPECT_FALSE(is_postal_code("9411"));
  EXPECT_TRUE(is_email("a.b@example.org"));
  EXPECT_FALSE(is_email("example.org"));
  EXPECT_FALSE(is_email("a@b"));
  EXPECT_FALSE(is_email("a b@example.org"));
  EXPECT_FALSE(is_email("a@@example.org"));
  EXPECT_TRUE(is_phone("+1 (555) 010-0199"));
  EXPECT_FALSE(is_phone("555-CALL-NOW"));
  EXPECT_FALSE(is_phone("12345"));
  EXPECT_TRUE(is_place_of_service("02"));
  EXPECT_FALSE(is_place_of_service("2"));
  EXPECT_TRUE(is_telehealth_place("10"));
  EXPECT_FALSE(is_telehealth_place("11"));
  EXPECT_TRUE(is_modifier("95"));
  EXPECT_TRUE(is_modifier("GT"));
  EXPECT_FALSE(is_modifier("G"));
  EXPECT_FALSE(is_modifier("gt"));
  EXPECT_TRUE(is_taxonomy_code("103T00000X"));
  EXPECT_FALSE(is_taxonomy_code("103T00000"));
}

TEST(FieldChecksTest, Utf8AndControlCharacters) {
  EXPECT_TRUE(is_valid_utf8("Zoë Ωmega 山田 🙂"));
  EXPECT_FALSE(is_valid_utf8("\xC3"));              // truncated
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_EQ(utf8_length("山田"), 2u);
  EXPECT_TRUE(has_control_characters("a\nb", false));
  EXPECT_FALSE(has_control_characters("a\nb", true));
  EXPECT_TRUE(
      has_control_characters("a\x01"
                             "b",
                             true));
  EXPECT_TRUE(has_control_characters("a\xC2\x85", true));  // U+0085 NEL
}

TEST(FieldChecksTest, FilesAndBase64) {
  EXPECT_TRUE(is_plain_filename("intake form.pdf"));
  EXPECT_FALSE(is_plain_filename("../etc/passwd"));
  EXPECT_FALSE(is_plain_filename("a\\b.pdf"));
  EXPECT_FALSE(is_plain_filename(".."));
  EXPECT_TRUE(is_content_type("application/pdf"));
  EXPECT_TRUE(is_content_type("text/plain; charset=utf-8"));
  EXPECT_FALSE(is_content_type("pdf"));
  EXPECT_TRUE(is_base64("aGkh"));
  EXPECT_TRUE(is_base64("aGk="));
  EXPECT_FALSE(is_base64("aGk"));
  EXPECT_FALSE(is_base64("a=Gk"));
  EXPECT_FALSE(is_base64("aG k"));
  EXPECT_TRUE(is_mrn("MRN-00012"));
  EXPECT_FALSE(is_mrn("MRN 12"));
}

TEST(AssessmentScoringTest, Phq9Bands) {
  EXPECT_EQ(assessment_item_count("PHQ-9"), 9);
  EXPECT_EQ(assessment_severity("PHQ-9", 0), "minimal");
  EXPECT_EQ(assessment_severity("PHQ-9", 4), "minimal");
  EXPECT_EQ(assessment_severity("PHQ-9", 5), "mild");
  EXPECT_EQ(assessment_severity("PHQ-9", 9), "mild");
  EXPECT_EQ(assessment_severity("PHQ-9", 10), "moderate");
  EXPECT_EQ(assessment_severity("PHQ-9", 14), "moderate");
  EXPECT_EQ(assessment_severity("PHQ-9", 15), "moderately_severe");
  EXPECT_EQ(assessment_severity("PHQ-9", 19), "moderately_severe");
  EXPECT_EQ(assessment_severity("PHQ-9", 20), "severe");
  EXPECT_EQ(assessment_severity("PHQ-9", 27), "severe");
  EXPECT_EQ(assessment_severity("PHQ-9", 28), "");
  EXPECT_EQ(assessment_severity("PHQ-9", -1), "");
}

TEST(AssessmentScoringTest, Gad7Bands) {
  EXPECT_EQ(assessment_item_count("GAD-7"), 7);
  EXPECT_EQ(assessment_severity("GAD-7", 4), "minimal");
  EXPECT_EQ(assessment_severity("GAD-7", 5), "mild");
  EXPECT_EQ(assessment_severity("GAD-7", 10), "moderate");
  EXPECT_EQ(assessment_severity("GAD-7", 14), "moderate");
  EXPECT_EQ(assessment_severity("GAD-7", 15), "severe");
  EXPECT_EQ(assessment_severity("GAD-7", 19), "severe");
  EXPECT_EQ(assessment_severity("GAD-7", 21), "severe");
  EXPECT_EQ(assessment_severity("GAD-7", 22), "");
  EXPECT_EQ(assessment_severity("BDI-II", 5), "");
}

}  // namespace
}  // namespace dossier::record
