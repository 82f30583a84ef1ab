// Whether the record holds everything a claim needs. A claim with blanks is worse than none:
// a payer rejects it, often weeks later, so a claim format is refused up front instead.
//
// Which formats need which items:
//   - x12 and cms1500 (kPayerClaim): the billing provider (practice NPI with a valid check
//     digit, tax ID, address, phone), the rendering provider's NPI (claim and every line),
//     the client's name, birth date and address, the primary coverage (payer name and ID,
//     member ID, the subscriber's name when it is not the client), a diagnosis, a billable
//     (kept) session.
//   - superbill (kSuperbill): what an out-of-network client's insurer needs from the
//     practice — its NPI and tax ID, the therapist's NPI and license, a diagnosis and a
//     billable session; no coverage (the client may have none on file).
//   - json, pdf and docx are reports, not claims: they show what the record holds, blanks
//     included, and are never refused for them.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/json.h"
#include "core/result.h"

namespace dossier::claims {

enum class ClaimKind { kPayerClaim, kSuperbill };

//! The kind of claim `format` writes, or nullopt for the report formats.
std::optional<ClaimKind> claim_kind_of(std::string_view format);

//! Every item an insurance_report context (gather/insurance_report.cpp) lacks for a claim of
//! `kind`, each named by its place in the context ("practice.npi", "coverage.member_id",
//! "service_lines[2].rendering_provider.npi"); the problems never echo a value.
std::vector<FieldProblem> missing_items(const Json& context, ClaimKind kind);

//! OK, or kUnprocessable (422) listing every missing item.
Status check_complete(const Json& context, ClaimKind kind);

}  // namespace dossier::claims
