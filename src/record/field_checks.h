// Format checks for the codes and identifiers a clinical record carries. Pure functions over
// strings, shared by the resource API and by importers (JSON, FHIR) so that every way into
// the record accepts exactly the same values.
//
// Each check answers only "is this well-formed"; none of them echoes the value anywhere.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dossier::record {

//! Well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view s);

//! Number of code points in valid UTF-8 `s`.
size_t utf8_length(std::string_view s);

//! True when `s` contains a C0/C1 control character or DEL; with `allow_newlines`, tab, LF and
//! CR are allowed (multi-line text such as note sections).
bool has_control_characters(std::string_view s, bool allow_newlines);

//! ICD-10-CM code: letter, digit, letter-or-digit, optionally '.' and 1–4 letters-or-digits
//! (F41.1, F43.23, F32.A, Z63.0). Upper case only.
bool is_icd10_code(std::string_view s);

//! ICD-10-CM F10–F19: substance-use disorders, whose records fall under 42 CFR Part 2.
bool is_substance_use_code(std::string_view icd10);

//! CPT / HCPCS level I code: four digits and a digit or upper-case letter (90837, 0001F).
bool is_cpt_code(std::string_view s);

//! Why `minutes` does not fit `cpt` ("requires at least 53 minutes" for 90837), or nullopt
//! when it fits or the code has no time rule. Rules from DOMAIN.md; the code itself is not
//! repeated so the text can go into an error as is.
std::optional<std::string> cpt_duration_problem(std::string_view cpt, int minutes);

//! A CPT modifier: two upper-case letters or digits (95, GT, 93).
bool is_modifier(std::string_view s);

//! CMS place-of-service code: two digits.
bool is_place_of_service(std::string_view s);

//! POS 02 (telehealth not at home) and 10 (telehealth at home).
bool is_telehealth_place(std::string_view pos);

//! NPI: ten digits whose last is the Luhn check digit over "80840" + the first nine.
bool is_npi(std::string_view s);

//! US tax id (EIN/SSN style): nine digits, optionally with one dash after the second digit.
bool is_tax_id(std::string_view s);

//! A USPS state or territory abbreviation (upper case), including DC and military codes.
bool is_us_state(std::string_view s);

//! US ZIP code: 12345 or 12345-6789.
bool is_postal_code(std::string_view s);

//! A plausible e-mail address: one '@' with text on both sides, a dot in the domain, no spaces.
bool is_email(std::string_view s);

//! A phone number: digits, '+', '-', '.', spaces and parentheses, with 7–15 digits.
bool is_phone(std::string_view s);

//! NUCC health care provider taxonomy code: ten characters ending in 'X' (103T00000X).
bool is_taxonomy_code(std::string_view s);

//! A medical record number: 1–32 letters, digits, '-', '.', '/' or '_'.
bool is_mrn(std::string_view s);

//! A MIME type "type/subtype" (optionally with parameters) in printable ASCII.
bool is_content_type(std::string_view s);

//! A file name without directory parts: no '/', '\\', no control characters, not "." or "..".
bool is_plain_filename(std::string_view s);

//! Strict standard base64 with padding (RFC 4648 §4), no whitespace.
bool is_base64(std::string_view s);

}  // namespace dossier::record
