// Bodies of HTML form posts (application/x-www-form-urlencoded, as the WHATWG URL standard
// defines it): name=value pairs joined by '&', '+' for a space, %XX for a byte.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/result.h"

namespace dossier::web {

using FormFields = std::map<std::string, std::string, std::less<>>;

//! The fields of `body`. A name given twice keeps its first value (no page's form repeats a
//! name). Pairs without '=' are names with an empty value; empty pairs are skipped.
//! kValidation naming "body" when a '%' is not followed by two hex digits or a decoded name
//! or value is not UTF-8.
Result<FormFields> parse_form(std::string_view body);

//! `text` with '+' as space and %XX decoded; the errors of parse_form.
Result<std::string> form_decode(std::string_view text);

//! `text` encoded as a form or query value: letters, digits and "*-._" as they are, ' ' as
//! '+', every other byte as %XX. form_decode(form_encode(t)) == t for UTF-8 `t`.
std::string form_encode(std::string_view text);

//! The value of `name` in `fields`, or "" when it is absent.
const std::string& form_value(const FormFields& fields, std::string_view name);

}  // namespace dossier::web
