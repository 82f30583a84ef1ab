// Spreadsheet safety (OWASP "CSV injection", ASVS 5.0 V1.2.10): a text cell that a
// spreadsheet program would take for a formula is prefixed with a single quote, so Excel and
// LibreOffice show it as text and never evaluate it.
//
// Applies to text cells only. Typed cells (integers, money, dates) are written from numbers
// and ISO dates the writers format themselves: a leading '-' there is a negative number,
// never a formula, and is left alone so that the number stays a number.
#pragma once

#include <string>
#include <string_view>

namespace dossier::formats::tabular {

//! Whether `text` starts with a character that makes a formula: = + - @ tab CR LF, or NUL
//! (ASVS 5.0 adds it, as some readers skip a leading NUL and then see the next character).
bool starts_like_formula(std::string_view text);

//! `text` with a leading "'" when starts_like_formula(), else unchanged.
std::string neutralized(std::string_view text);

}  // namespace dossier::formats::tabular
