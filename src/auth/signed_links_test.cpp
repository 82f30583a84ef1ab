#include "auth/signed_links.h"

#include <gtest/gtest.h>

namespace dossier::auth {
namespace {

// The query parameters of a download path, in order: expires, user, signature.
std::vector<std::string> parts(const std::string& path) {
  std::vector<std::string> out;
  size_t at = path.find('?');
  while (at != std::string::npos) {
    const size_t eq = path.find('=', at);
    const size_t next = path.find('&', eq);
    out.push_back(path.substr(eq + 1, next == std::string::npos ? next : next - eq - 1));
    at = next;
  }
  return out;
}

TEST(SignedLinksTest, ALinkChecksOnlyAsSignedAndUntilItExpires) {
  const LinkSigner signer(std::string(32, 's'));
  const std::string path = signer.download_path("job-1", "user-1", 2000);
  ASSERT_TRUE(
      path.starts_with("/api/v1/export/download/job-1?expires=2000&user=user-1&signature="));
  const auto p = parts(path);
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[2].size(), 64u);
  EXPECT_EQ(signer.check("job-1", "user-1", p[0], p[2], 1999), LinkCheck::kValid);
  EXPECT_EQ(signer.check("job-1", "user-1", p[0], p[2], 2000), LinkCheck::kExpired);
  EXPECT_EQ(signer.check("job-2", "user-1", p[0], p[2], 1999), LinkCheck::kBadSignature);
  EXPECT_EQ(signer.check("job-1", "user-2", p[0], p[2], 1999), LinkCheck::kBadSignature);
  EXPECT_EQ(signer.check("job-1", "user-1", "9999", p[2], 1999), LinkCheck::kBadSignature);
  std::string flipped = p[2];
  flipped[10] = flipped[10] == 'a' ? 'b' : 'a';
  EXPECT_EQ(signer.check("job-1", "user-1", p[0], flipped, 1999), LinkCheck::kBadSignature);
  EXPECT_EQ(signer.check("job-1", "user-1", p[0], "", 1999), LinkCheck::kBadSignature);
  const LinkSigner other(std::string(32, 't'));
  EXPECT_EQ(other.check("job-1", "user-1", p[0], p[2], 1999), LinkCheck::kBadSignature);
}

}  // namespace
}  // namespace dossier::auth
