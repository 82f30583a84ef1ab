#include "http/fhir_outcome.h"

#include <gtest/gtest.h>

#include "http/error_mapping.h"

namespace dossier::http {
namespace {

TEST(FhirOutcome, ErrorsBecomeOperationOutcomesWithTheirStatus) {
  Error error = Error::validation("include_sections.goals", "must be true or false");
  Response r = as_operation_outcome(error_response(error));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "application/fhir+json");
  const Json body = Json::parse(r.body);
  EXPECT_EQ(body["resourceType"], "OperationOutcome");
  ASSERT_EQ(body["issue"].size(), 2u);
  EXPECT_EQ(body["issue"][0]["code"], "invalid");
  EXPECT_EQ(body["issue"][1]["expression"][0], "include_sections.goals");
  EXPECT_EQ(body["issue"][1]["diagnostics"], "must be true or false");

  Response missing = as_operation_outcome(error_response(Error::not_found("patient")));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(Json::parse(missing.body)["issue"][0]["code"], "not-found");
  Response limited = error_response(Error::make(ErrorCode::kRateLimited, "slow down"));
  limited.headers.emplace_back("Retry-After", "3");
  limited = as_operation_outcome(std::move(limited));
  EXPECT_EQ(Json::parse(limited.body)["issue"][0]["code"], "throttled");
  EXPECT_EQ(limited.headers.at(0).second, "3");
}

TEST(FhirOutcome, SuccessesPassThrough) {
  Response ok = Response::json(200, {{"resourceType", "Bundle"}});
  EXPECT_EQ(as_operation_outcome(ok).body, ok.body);
}

}  // namespace
}  // namespace dossier::http
