// Envelope encryption of every stored export, around any BlobStore (local or S3).
//
// Each file gets a fresh random 256-bit data key, wrapped with AES-256-GCM by the current
// master key of a KeyRing; the header of the stored file carries the master key's id and the
// wrapped data key. The content follows in segments of 64 KiB, each sealed with AES-256-GCM
// under the data key, its nonce made of a random per-file prefix and the segment's number,
// its associated data the file's storage key and whether it is the last segment. So a reader
// detects altered, reordered, truncated or extended content, and a file moved under another
// key; writers and readers hold one segment in memory, whatever the file's size; and only
// ciphertext ever reaches the inner store (and so the disk).
//
//   header   "DSRENC01" | u8 n | key id (n bytes) | wrap nonce (12) | wrapped key (32 + 16)
//            | nonce prefix (8) | u32 segment size, big-endian
//   segments (segment size + 16) bytes each; the last holds 0 … segment size − 1 bytes + 16
//
// Thread safety: as BlobStore.
#pragma once

#include <memory>
#include <string>

#include "storage/blob_store.h"
#include "storage/key_ring.h"

namespace dossier::storage {

//! `inner` with every file encrypted under `keys`. Reading a file that is not in this format,
//! or whose bytes were altered, fails with integrity_failure().
std::unique_ptr<BlobStore> make_encrypted_blob_store(std::unique_ptr<BlobStore> inner,
                                                     std::shared_ptr<KeyRing> keys);

//! Rewraps the data key of the file under `key` in `inner` with the current master key of
//! `keys`, leaving its content as it is; true when it was wrapped by another key before.
Result<bool> rewrap(BlobStore& inner, KeyRing& keys, const std::string& key);

}  // namespace dossier::storage
