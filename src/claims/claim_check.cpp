#include "claims/claim_check.h"

#include "record/field_checks.h"

namespace dossier::claims {
namespace {

bool blank(const Json& object, const char* key) {
  if (!object.is_object()) return true;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return true;
  return it->is_string() && it->get<std::string>().find_first_not_of(" \t") == std::string::npos;
}

class Items {
 public:
  void require(const Json& object, const std::string& prefix,
               std::initializer_list<const char*> keys) {
    for (const char* key : keys) {
      if (blank(object, key)) add(prefix + "." + key, "is missing");
    }
  }

  // Present, and a real NPI: a mistyped one is rejected by every payer's front end.
  void require_npi(const Json& object, const std::string& prefix) {
    if (blank(object, "npi")) {
      add(prefix + ".npi", "is missing");
    } else if (!object["npi"].is_string() || !record::is_npi(object["npi"].get<std::string>())) {
      add(prefix + ".npi", "is not a valid NPI (10 digits with a Luhn check digit)");
    }
  }

  void add(std::string path, std::string problem) {
    for (const auto& p : problems_) {
      if (p.path == path) return;
    }
    problems_.push_back({std::move(path), std::move(problem)});
  }

  std::vector<FieldProblem> take() { return std::move(problems_); }

 private:
  std::vector<FieldProblem> problems_;
};

void check_providers(const Json& ctx, ClaimKind kind, Items& items) {
  const Json& practice = ctx.value("practice", Json());
  if (practice.is_null()) {
    items.add("practice", "is missing: the practice is the billing provider");
  } else {
    items.require_npi(practice, "practice");
    items.require(practice, "practice", {"name", "tax_id"});
    if (kind == ClaimKind::kPayerClaim) {
      items.require(practice, "practice",
                    {"address_line1", "city", "state", "postal_code", "phone"});
    }
  }
  const Json& claim = ctx.value("claim_info", Json::object());
  const Json& rendering = claim.value("rendering_provider", Json());
  if (rendering.is_null()) {
    items.add("rendering_provider", "is missing: the client has no therapist on the care team");
  } else {
    items.require_npi(rendering, "rendering_provider");
    if (kind == ClaimKind::kSuperbill) {
      items.require(rendering, "rendering_provider", {"license_number"});
    }
  }
  const Json& lines = ctx.value("service_lines", Json::array());
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string prefix = "service_lines[" + std::to_string(i) + "]";
    const Json& line_provider = lines[i].value("rendering_provider", Json());
    if (line_provider.is_null()) {
      items.add(prefix + ".rendering_provider", "is missing");
    } else {
      items.require_npi(line_provider, prefix + ".rendering_provider");
    }
  }
}

void check_client(const Json& ctx, ClaimKind kind, Items& items) {
  const Json& patient = ctx.value("patient", Json());
  items.require(patient, "patient", {"given_name", "family_name", "birth_date"});
  if (kind == ClaimKind::kSuperbill) return;
  items.require(patient, "patient", {"sex", "address_line1", "city", "state", "postal_code"});
  const Json& coverage = ctx.value("coverage", Json());
  if (coverage.is_null()) {
    items.add("coverage", "is missing: the client has no primary coverage");
    return;
  }
  items.require(coverage, "coverage", {"payer_name", "payer_id", "member_id"});
  if (coverage.value("subscriber_relationship", std::string("self")) != "self") {
    items.require(coverage, "coverage", {"subscriber_given_name", "subscriber_family_name"});
  }
}

}  // namespace

std::optional<ClaimKind> claim_kind_of(std::string_view format) {
  if (format == "x12" || format == "cms1500") return ClaimKind::kPayerClaim;
  if (format == "superbill") return ClaimKind::kSuperbill;
  return std::nullopt;
}

std::vector<FieldProblem> missing_items(const Json& context, ClaimKind kind) {
  Items items;
  check_providers(context, kind, items);
  check_client(context, kind, items);
  const Json& claim = context.value("claim_info", Json::object());
  if (claim.value("diagnosis_codes", Json::array()).empty()) {
    items.add("diagnoses", "is missing: the client has no active diagnosis");
  }
  if (context.value("service_lines", Json::array()).empty()) {
    items.add("sessions", "is missing: no kept session in the requested sessions or dates");
  }
  return items.take();
}

Status check_complete(const Json& context, ClaimKind kind) {
  std::vector<FieldProblem> missing = missing_items(context, kind);
  if (missing.empty()) return {};
  Error e = Error::make(ErrorCode::kUnprocessable,
                        "the claim cannot be complete: the record lacks every item listed");
  e.fields = std::move(missing);
  return e;
}

}  // namespace dossier::claims
