#include "storage/slice_reader.h"

#include <algorithm>
#include <vector>

namespace dossier::storage {
namespace {

class SliceReader final : public BlobReader {
 public:
  SliceReader(std::unique_ptr<BlobReader> file, int64_t offset, int64_t length)
      : file_(std::move(file)), skip_(offset), left_(length), length_(length) {}

  int64_t size() const override { return length_; }

  Result<size_t> read(char* buffer, size_t max) override {
    DOSSIER_TRY(skip_to_window());
    if (left_ == 0 || max == 0) return size_t{0};
    const size_t want = static_cast<size_t>(std::min<int64_t>(left_, static_cast<int64_t>(max)));
    DOSSIER_ASSIGN_OR_RETURN(size_t got, file_->read(buffer, want));
    if (got == 0) return integrity_failure();
    left_ -= static_cast<int64_t>(got);
    return got;
  }

 private:
  Status skip_to_window() {
    if (skip_ == 0) return {};
    std::vector<char> scratch(64 * 1024);
    while (skip_ > 0) {
      const size_t want =
          static_cast<size_t>(std::min<int64_t>(skip_, static_cast<int64_t>(scratch.size())));
      DOSSIER_ASSIGN_OR_RETURN(size_t got, file_->read(scratch.data(), want));
      if (got == 0) return integrity_failure();
      skip_ -= static_cast<int64_t>(got);
    }
    return {};
  }

  std::unique_ptr<BlobReader> file_;
  int64_t skip_;
  int64_t left_;
  int64_t length_;
};

}  // namespace

std::unique_ptr<BlobReader> slice_reader(std::unique_ptr<BlobReader> file, int64_t offset,
                                         int64_t length) {
  return std::make_unique<SliceReader>(std::move(file), offset, length);
}

}  // namespace dossier::storage
