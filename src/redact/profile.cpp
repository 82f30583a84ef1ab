#include "redact/profile.h"

#include <array>

namespace dossier::redact {
namespace {

constexpr std::array<std::pair<Profile, std::string_view>, 6> kNames = {{
    {Profile::kTreatment, "treatment"},
    {Profile::kInsurance, "insurance"},
    {Profile::kTransfer, "transfer"},
    {Profile::kClientAccess, "client_access"},
    {Profile::kLegal, "legal"},
    {Profile::kResearch, "research"},
}};

}  // namespace

std::optional<Profile> parse_profile(std::string_view name) {
  for (const auto& [p, n] : kNames) {
    if (n == name) return p;
  }
  return std::nullopt;
}

std::string_view profile_name(Profile p) {
  for (const auto& [q, n] : kNames) {
    if (q == p) return n;
  }
  return "";
}

const std::vector<std::string>& profile_names() {
  static const std::vector<std::string> kList = [] {
    std::vector<std::string> list;
    for (const auto& [p, n] : kNames) list.emplace_back(n);
    return list;
  }();
  return kList;
}

Profile default_profile(std::string_view export_type) {
  return export_type == "insurance_report" ? Profile::kInsurance : Profile::kTreatment;
}

// Unsigned AI drafts are nobody's clinical statement yet: they stay inside the practice.
// An SSN is never needed outside it either.
Policy policy_for(Profile p) {
  Policy policy;
  if (p == Profile::kTreatment) return policy;
  policy.unsigned_ai_drafts = false;
  policy.needs_part2_consent = true;
  policy.patterns = {Pattern::kSsn};
  switch (p) {
    case Profile::kInsurance:
      // Minimum necessary (45 CFR 164.502(b)): what a claim or review needs, nothing more.
      policy.psychotherapy_notes_with_authorization = false;
      policy.transcripts = false;
      policy.attachments = false;
      policy.contacts = false;
      policy.contact_email = false;
      policy.patterns = {Pattern::kSsn, Pattern::kEmail, Pattern::kUrl, Pattern::kIp};
      break;
    case Profile::kClientAccess:
      // Psychotherapy notes are outside the right of access (45 CFR 164.524(a)(1)(i)).
      policy.psychotherapy_notes_with_authorization = false;
      break;
    case Profile::kResearch:
      // Safe Harbor (45 CFR 164.514(b)(2)): the 18 identifiers go, dates keep only the year.
      policy.psychotherapy_notes_with_authorization = false;
      policy.transcripts = false;
      policy.attachments = false;
      policy.contacts = false;
      policy.contact_email = false;
      policy.client_identifiers = false;
      policy.dates = false;
      policy.record_ids = false;
      policy.patterns = {Pattern::kSsn, Pattern::kPhone, Pattern::kEmail,
                         Pattern::kUrl, Pattern::kIp,    Pattern::kDate};
      break;
    default:
      break;
  }
  return policy;
}

}  // namespace dossier::redact
