// Portable `?` placeholders to PostgreSQL's numbered `$1, $2, …`.
#pragma once

#include <string>
#include <string_view>

namespace dossier::db::postgres {

//! Rewrites every `?` outside string literals, quoted identifiers and comments as `$n`,
//! numbered from 1 in order of appearance; everything else is copied unchanged.
std::string numbered_placeholders(std::string_view sql);

}  // namespace dossier::db::postgres
