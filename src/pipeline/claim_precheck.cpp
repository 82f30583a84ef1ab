#include "pipeline/claim_precheck.h"

#include "claims/claim_check.h"
#include "core/clock.h"
#include "gather/gather.h"
#include "redact/redaction.h"

namespace dossier::pipeline {
namespace {

// A claim goes to the payer, so it is a disclosure for payment (the insurance profile); a
// superbill goes to the client first (client_access will do too). Other profiles strip or
// scramble what a claim must carry, and would turn it into a claim with blanks.
Status check_profile(const jobs::ExportRequest& request, claims::ClaimKind kind) {
  const Json redaction = request.parameters.value("redaction", Json::object());
  const Json profile = redaction.value("profile", Json());
  if (profile == "insurance") return {};
  if (kind == claims::ClaimKind::kSuperbill && profile == "client_access") return {};
  return Error::validation("redaction.profile",
                           kind == claims::ClaimKind::kSuperbill
                               ? "a superbill takes the insurance or client_access profile"
                               : "a claim takes the insurance profile (a payment disclosure)");
}

}  // namespace

Status check_claim_request(db::Database& db, const auth::Caller& caller,
                           const jobs::ExportRequest& request) {
  if (request.type != jobs::ExportType::kInsuranceReport) return {};
  const auto kind = claims::claim_kind_of(request.format);
  if (!kind) return {};
  DOSSIER_TRY(check_profile(request, *kind));
  // The job's row as it will be stored, without an id yet: gathering reads nothing else.
  const std::string type = jobs::export_type_name(request.type);
  const Json row = {{"id", ""},
                    {"export_type", type},
                    {"format", request.format},
                    {"patient_id", *request.patient_id},
                    {"parameters", request.parameters.dump()},
                    {"user_id", caller.user_id}};
  DOSSIER_ASSIGN_OR_RETURN(Json context, gather::gather(db, row, now_timestamp()));
  const auto settings = redact::settings_from(request.parameters, type);
  DOSSIER_TRY(redact::redact_export(db, *request.patient_id, settings, context));
  return claims::check_complete(context, *kind);
}

}  // namespace dossier::pipeline
