// A slice of a stored file: exactly its bytes, read through small and large buffers, and a
// file shorter than the slice is an integrity failure rather than a short answer.
#include "storage/slice_reader.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace dossier::storage {
namespace {

// A reader over a string that hands out at most `step` bytes a call, as stores do.
class StringReader final : public BlobReader {
 public:
  StringReader(std::string data, size_t step) : data_(std::move(data)), step_(step) {}
  int64_t size() const override { return static_cast<int64_t>(data_.size()); }
  Result<size_t> read(char* buffer, size_t max) override {
    const size_t n = std::min({max, step_, data_.size() - at_});
    std::copy_n(data_.data() + at_, n, buffer);
    at_ += n;
    return n;
  }

 private:
  std::string data_;
  size_t step_;
  size_t at_ = 0;
};

std::string read_all(BlobReader& reader, size_t buffer_size) {
  std::string out;
  std::string buffer(buffer_size, '\0');
  while (true) {
    auto n = reader.read(buffer.data(), buffer.size());
    EXPECT_TRUE(n.ok());
    if (!n.ok() || *n == 0) return out;
    out.append(buffer.data(), *n);
  }
}

TEST(SliceReader, ServesExactlyItsWindow) {
  std::string data;
  for (int i = 0; i < 200000; ++i) data += static_cast<char>('a' + i % 26);
  for (size_t step : {1u, 7u, 65536u}) {
    for (size_t buffer : {3u, 4096u, 1u << 20}) {
      auto slice = slice_reader(std::make_unique<StringReader>(data, step), 70001, 100003);
      EXPECT_EQ(slice->size(), 100003);
      EXPECT_EQ(read_all(*slice, buffer), data.substr(70001, 100003)) << step << " " << buffer;
    }
  }
  auto empty = slice_reader(std::make_unique<StringReader>(data, 10), 5, 0);
  EXPECT_EQ(read_all(*empty, 16), "");
}

TEST(SliceReader, AFileShorterThanTheWindowIsAnIntegrityFailure) {
  char buffer[64];
  auto past_end = slice_reader(std::make_unique<StringReader>("short", 10), 10, 5);
  auto read = past_end->read(buffer, sizeof buffer);
  ASSERT_FALSE(read.ok());
  EXPECT_TRUE(is_integrity_failure(read.error()));
  auto cut = slice_reader(std::make_unique<StringReader>("0123456789", 10), 5, 10);
  ASSERT_EQ(*cut->read(buffer, sizeof buffer), 5u);
  EXPECT_TRUE(is_integrity_failure(cut->read(buffer, sizeof buffer).error()));
}

}  // namespace
}  // namespace dossier::storage
