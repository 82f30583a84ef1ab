// Kick-off checks of a Bulk Data export: headers, _outputFormat, _type, _since and
// parameters the server does not support.
#include "fhir/bulk_request.h"

#include <gtest/gtest.h>

namespace dossier::fhir {
namespace {

using Map = std::map<std::string, std::string>;

const Map kAsync = {{"prefer", "respond-async"}, {"accept", "application/fhir+json"}};

Result<BulkRequest> parse(const Map& query, const Map& headers = kAsync) {
  return parse_bulk_request(BulkLevel::kSystem, "", headers, query);
}

std::string failed_field(const Result<BulkRequest>& r) {
  EXPECT_FALSE(r.ok());
  if (r.ok()) return "";
  EXPECT_EQ(r.error().code, ErrorCode::kValidation);
  return r.error().fields.empty() ? "" : r.error().fields[0].path;
}

TEST(BulkRequest, DefaultsToEveryTypeAndNoSince) {
  auto r = parse({});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->types, bulk_resource_types());
  EXPECT_EQ(r->since, "");
  EXPECT_EQ(r->level, BulkLevel::kSystem);
}

TEST(BulkRequest, NeedsRespondAsync) {
  EXPECT_EQ(failed_field(parse({}, {{"accept", "application/fhir+json"}})), "Prefer");
  EXPECT_EQ(failed_field(parse({}, {{"prefer", "return=minimal"}})), "Prefer");
  EXPECT_TRUE(parse({}, {{"prefer", "handling=lenient, respond-async"}}).ok());
  // Accept may be left out; one that rules out FHIR JSON is refused.
  EXPECT_TRUE(parse({}, {{"prefer", "respond-async"}}).ok());
  EXPECT_EQ(failed_field(parse({}, {{"prefer", "respond-async"}, {"accept", "text/csv"}})),
            "Accept");
}

TEST(BulkRequest, OutputFormatsOfTheIg) {
  for (const char* f : {"application/fhir+ndjson", "application/ndjson", "ndjson"}) {
    EXPECT_TRUE(parse({{"_outputFormat", f}}).ok()) << f;
  }
  EXPECT_EQ(failed_field(parse({{"_outputFormat", "application/fhir+json"}})), "_outputFormat");
  EXPECT_EQ(failed_field(parse({{"_outputFormat", "text/csv"}})), "_outputFormat");
}

TEST(BulkRequest, TypesAreKeptInManifestOrderAndUnknownOnesNamed) {
  auto r = parse({{"_type", "Observation,Patient, Observation"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->types, (std::vector<std::string>{"Patient", "Observation"}));
  auto bad = parse({{"_type", "Patient,Claim"}});
  EXPECT_EQ(failed_field(bad), "_type");
  EXPECT_NE(bad.error().fields[0].problem.find("'Claim'"), std::string::npos);
  EXPECT_EQ(failed_field(parse({{"_type", ""}})), "_type");
}

TEST(BulkRequest, SinceIsAnInstantNormalizedToUtc) {
  auto r = parse({{"_since", "2026-03-01T10:00:00+02:00"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->since, "2026-03-01T08:00:00.000Z");
  EXPECT_EQ(parse({{"_since", "2026-03-01T10:00:00.5Z"}})->since, "2026-03-01T10:00:00.500Z");
  for (const char* bad : {"2026-03-01", "2026-03-01T10:00Z", "2026-03-01T10:00:00", "yesterday",
                          "2026-02-30T10:00:00Z"}) {
    EXPECT_EQ(failed_field(parse({{"_since", bad}})), "_since") << bad;
  }
}

TEST(BulkRequest, UnsupportedParametersAreRefusedUnlessLenient) {
  EXPECT_EQ(failed_field(parse({{"_typeFilter", "Patient?active=true"}})), "_typeFilter");
  auto lenient = parse({{"_typeFilter", "x"}}, {{"prefer", "respond-async, handling=lenient"}});
  EXPECT_TRUE(lenient.ok());
}

TEST(BulkRequest, RoundTripsThroughJobParameters) {
  auto r = parse_bulk_request(BulkLevel::kGroup, "caseload-x", kAsync,
                              {{"_type", "Patient,Goal"}, {"_since", "2026-01-01T00:00:00Z"}});
  ASSERT_TRUE(r.ok());
  const BulkRequest back = bulk_request_from(bulk_request_json(*r));
  EXPECT_EQ(back.level, BulkLevel::kGroup);
  EXPECT_EQ(back.group_id, "caseload-x");
  EXPECT_EQ(back.types, r->types);
  EXPECT_EQ(back.since, r->since);
}

}  // namespace
}  // namespace dossier::fhir
