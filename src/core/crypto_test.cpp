#include "core/crypto.h"

#include <gtest/gtest.h>

namespace dossier::crypto {
namespace {

TEST(Sha256, PiecesHashLikeTheWhole) {
  const std::string data(100000, 'x');
  Sha256 incremental;
  for (size_t at = 0; at < data.size(); at += 7919) {
    incremental.update(std::string_view(data).substr(at, 7919));
  }
  EXPECT_EQ(incremental.hex(), sha256_hex(data));
}

TEST(Sha256, NothingAddedIsTheEmptyDigest) {
  Sha256 empty;
  EXPECT_EQ(empty.hex(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace dossier::crypto
