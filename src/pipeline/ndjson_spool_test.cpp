// The spool hands back each type's lines contiguously, in the order asked, with slices that
// cut the written bytes exactly — across sealed chunks and the unsealed tail alike.
#include "pipeline/ndjson_spool.h"

#include <gtest/gtest.h>

namespace dossier::pipeline {
namespace {

TEST(NdjsonSpool, WritesTypesContiguouslyWithExactSlices) {
  NdjsonSpool spool(/*chunk_bytes=*/16);  // small chunks: most lines go through the sealed files
  std::map<std::string, std::string> expected;
  for (int i = 0; i < 50; ++i) {
    const std::string type = i % 3 == 0 ? "Patient" : i % 3 == 1 ? "Observation" : "Goal";
    const std::string line =
        R"({"resourceType":")" + type + R"(","id":")" + std::to_string(i) + "\"}";
    ASSERT_TRUE(spool.add(type, line).ok());
    expected[type] += line + "\n";
  }
  std::string written;
  auto parts = spool.write_to({"Patient", "Encounter", "Goal", "Observation"},
                              [&written](std::string_view b) {
                                written.append(b);
                                return Status{};
                              });
  ASSERT_TRUE(parts.ok());
  ASSERT_EQ(parts->size(), 3u);  // no Encounter lines, no Encounter slice
  EXPECT_EQ((*parts)[0].type, "Patient");
  EXPECT_EQ((*parts)[1].type, "Goal");
  EXPECT_EQ((*parts)[2].type, "Observation");
  EXPECT_EQ((*parts)[0].count, 17);
  EXPECT_EQ((*parts)[1].count, 16);
  EXPECT_EQ((*parts)[2].count, 17);
  for (const auto& p : *parts) {
    EXPECT_EQ(written.substr(p.offset, p.length), expected[p.type]) << p.type;
  }
  EXPECT_EQ(written.size(),
            expected["Patient"].size() + expected["Goal"].size() + expected["Observation"].size());
}

TEST(NdjsonSpool, ASinkErrorIsPassedOn) {
  NdjsonSpool spool;
  ASSERT_TRUE(spool.add("Patient", "{}").ok());
  auto parts = spool.write_to({"Patient"}, [](std::string_view) -> Status {
    return Error::make(ErrorCode::kUnavailable, "storage down");
  });
  ASSERT_FALSE(parts.ok());
  EXPECT_EQ(parts.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace dossier::pipeline
