#include "storage/key_ring.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>
#include <vector>

#include "core/ids.h"

namespace dossier::storage {
namespace {

namespace fs = std::filesystem;

// Processes of a practice that start together on an empty keys directory race to make its
// first key and its link secret; threads opening their own KeyRing race the same way.
TEST(KeyRingTest, ProcessesStartingTogetherAgreeOnTheFirstKeyAndTheLinkSecret) {
  const fs::path dir = fs::temp_directory_path() / ("dossier-keys-" + new_uuid());
  constexpr int kOpeners = 8;
  std::vector<std::string> key_ids(kOpeners), secrets(kOpeners);
  std::vector<std::thread> openers;
  for (int i = 0; i < kOpeners; ++i) {
    openers.emplace_back([&, i] {
      auto ring = KeyRing::open(dir.string());
      if (!ring.ok()) return;
      auto key = (*ring)->current();
      auto secret = (*ring)->link_secret();
      if (key.ok()) key_ids[i] = key->id;
      if (secret.ok()) secrets[i] = *secret;
    });
  }
  for (auto& t : openers) t.join();
  for (int i = 0; i < kOpeners; ++i) {
    EXPECT_FALSE(key_ids[i].empty()) << "opener " << i;
    EXPECT_EQ(key_ids[i], key_ids[0]) << "opener " << i;
    EXPECT_EQ(secrets[i].size(), 32u) << "opener " << i;
    EXPECT_EQ(secrets[i], secrets[0]) << "opener " << i;
  }
  fs::remove_all(dir);
}

TEST(KeyRingTest, AddKeyMakesTheNewKeyCurrentAndKeepsTheOldOne) {
  const fs::path dir = fs::temp_directory_path() / ("dossier-keys-" + new_uuid());
  auto ring = *KeyRing::open(dir.string());
  const MasterKey first = *ring->current();
  const std::string added = *ring->add_key();
  EXPECT_NE(added, first.id);
  EXPECT_EQ(ring->current()->id, added);
  EXPECT_EQ(ring->find(first.id)->bytes, first.bytes);
  EXPECT_EQ(ring->find(added)->bytes.size(), 32u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace dossier::storage
