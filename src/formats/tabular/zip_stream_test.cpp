#include "formats/tabular/zip_stream.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <map>
#include <random>

namespace dossier::formats::tabular {
namespace {

// Reads every entry back with libzip, which checks each entry's CRC-32 as it reads.
std::map<std::string, std::string> read_back(const std::string& archive) {
  std::map<std::string, std::string> out;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(archive.data(), archive.size(), 0, &error);
  EXPECT_NE(src, nullptr);
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  EXPECT_NE(z, nullptr) << zip_error_strerror(&error);
  if (z == nullptr) {
    zip_source_free(src);
    return out;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
    zip_stat_t st;
    zip_stat_index(z, i, 0, &st);
    zip_file_t* f = zip_fopen_index(z, i, 0);
    std::string data(st.size, '\0');
    EXPECT_EQ(zip_fread(f, data.data(), st.size), static_cast<zip_int64_t>(st.size));
    char extra;
    EXPECT_EQ(zip_fread(f, &extra, 1), 0) << "CRC or size mismatch in " << st.name;
    zip_fclose(f);
    out[st.name] = data;
  }
  zip_close(z);
  return out;
}

TEST(ZipStreamWriter, LibzipReadsBackWhatWasStreamed) {
  std::string archive;
  int chunks = 0;
  ZipStreamWriter zip([&](std::string_view c) {
    archive.append(c);
    ++chunks;
    return Status{};
  });
  std::mt19937 rng(7);
  std::string noise(300 * 1024, '\0');
  for (auto& ch : noise) ch = static_cast<char>(rng());
  ASSERT_TRUE(zip.begin_entry("notes.csv").ok());
  ASSERT_TRUE(zip.write("\"a\",\"b\"\r\n").ok());
  ASSERT_TRUE(zip.write("\"ç\",\"d\"\r\n").ok());
  ASSERT_TRUE(zip.end_entry().ok());
  ASSERT_TRUE(zip.begin_entry("empty.csv").ok());
  ASSERT_TRUE(zip.end_entry().ok());
  ASSERT_TRUE(zip.begin_entry("dir/noise.bin").ok());
  const ByteSink entry = zip.entry_sink();
  for (size_t at = 0; at < noise.size(); at += 10000) {
    ASSERT_TRUE(entry(std::string_view(noise).substr(at, 10000)).ok());
  }
  ASSERT_TRUE(zip.end_entry().ok());
  ASSERT_TRUE(zip.finish().ok());
  EXPECT_GT(chunks, 3);  // streamed, not handed over whole at the end

  const auto entries = read_back(archive);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries.at("notes.csv"), "\"a\",\"b\"\r\n\"ç\",\"d\"\r\n");
  EXPECT_EQ(entries.at("empty.csv"), "");
  EXPECT_EQ(entries.at("dir/noise.bin"), noise);
}

TEST(ZipStreamWriter, StoredEntriesReadBackAndMixWithDeflatedOnes) {
  std::string archive;
  ZipStreamWriter zip([&](std::string_view c) {
    archive.append(c);
    return Status{};
  });
  const std::string text(100 * 1024, 'a');  // deflates to almost nothing, unless stored
  ASSERT_TRUE(zip.begin_entry("stored.pdf", false).ok());
  ASSERT_TRUE(zip.write(text).ok());
  ASSERT_TRUE(zip.end_entry().ok());
  ASSERT_TRUE(zip.begin_entry("deflated.json").ok());
  ASSERT_TRUE(zip.write(text).ok());
  ASSERT_TRUE(zip.end_entry().ok());
  ASSERT_TRUE(zip.finish().ok());
  EXPECT_GT(archive.size(), text.size());  // the stored copy is kept whole
  EXPECT_LT(archive.size(), text.size() + text.size() / 10);
  const auto entries = read_back(archive);
  EXPECT_EQ(entries.at("stored.pdf"), text);
  EXPECT_EQ(entries.at("deflated.json"), text);
}

TEST(ZipStreamWriter, EqualInputGivesEqualBytes) {
  auto make = [] {
    std::string out;
    ZipStreamWriter zip([&](std::string_view c) {
      out.append(c);
      return Status{};
    });
    EXPECT_TRUE(zip.begin_entry("a.csv").ok() && zip.write("x").ok() && zip.end_entry().ok());
    EXPECT_TRUE(zip.finish().ok());
    return out;
  };
  EXPECT_EQ(make(), make());
}

TEST(ZipStreamWriter, ASinkErrorIsReturned) {
  ZipStreamWriter zip([](std::string_view) -> Status { return Error::internal("gone"); });
  ASSERT_TRUE(zip.begin_entry("a.csv").ok());  // still buffered
  ASSERT_TRUE(zip.end_entry().ok());
  EXPECT_FALSE(zip.finish().ok());
}

}  // namespace
}  // namespace dossier::formats::tabular
