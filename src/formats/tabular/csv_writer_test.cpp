#include "formats/tabular/csv_writer.h"

#include <gtest/gtest.h>

namespace dossier::formats::tabular {
namespace {

struct Collector {
  std::string bytes;
  int calls = 0;
  ByteSink sink() {
    return [this](std::string_view chunk) {
      bytes.append(chunk);
      ++calls;
      return Status{};
    };
  }
};

TEST(CsvWriter, QuotesEveryFieldDoublesQuotesAndEndsLinesWithCrlf) {
  Collector c;
  const ByteSink sink = c.sink();
  CsvWriter csv(sink, false);
  ASSERT_TRUE(csv.row({"name", "note"}).ok());
  ASSERT_TRUE(csv.row({"Doe, \"JJ\"", "line one\nline two"}).ok());
  ASSERT_TRUE(csv.row({"", "Ünïcode"}).ok());
  ASSERT_TRUE(csv.finish().ok());
  EXPECT_EQ(c.bytes,
            "\"name\",\"note\"\r\n"
            "\"Doe, \"\"JJ\"\"\",\"line one\nline two\"\r\n"
            "\"\",\"Ünïcode\"\r\n");
}

TEST(CsvWriter, StartsWithAByteOrderMarkOnlyWhenAsked) {
  Collector with, without;
  const ByteSink a = with.sink(), b = without.sink();
  CsvWriter bom(a, true), plain(b, false);
  ASSERT_TRUE(bom.row({"x"}).ok() && bom.finish().ok());
  ASSERT_TRUE(plain.row({"x"}).ok() && plain.finish().ok());
  EXPECT_EQ(with.bytes, "\xEF\xBB\xBF\"x\"\r\n");
  EXPECT_EQ(without.bytes, "\"x\"\r\n");
}

// Memory stays flat: the writer hands over chunks as it goes rather than the whole file.
TEST(CsvWriter, StreamsInChunks) {
  Collector c;
  const ByteSink sink = c.sink();
  CsvWriter csv(sink, false);
  const std::string field(1000, 'x');
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(csv.row({field}).ok());
  ASSERT_TRUE(csv.finish().ok());
  EXPECT_EQ(c.bytes.size(), 1000u * (field.size() + 4));
  EXPECT_GT(c.calls, 10);
}

TEST(CsvWriter, ASinkErrorStopsTheWriter) {
  int calls = 0;
  const ByteSink failing = [&calls](std::string_view) -> Status {
    ++calls;
    return Error::internal("disk full");
  };
  CsvWriter csv(failing, false);
  const std::string field(70 * 1024, 'x');
  EXPECT_FALSE(csv.row({field}).ok());
  EXPECT_FALSE(csv.row({"more"}).ok());
  EXPECT_FALSE(csv.finish().ok());
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace dossier::formats::tabular
