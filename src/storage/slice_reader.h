// A window onto a stored file: the `length` bytes from `offset`, read through the file's own
// reader (which decrypts and authenticates as it goes). Stores read streams, so the bytes
// before the window are read and discarded, never held: one bulk export file holds several
// NDJSON files and each is served as its slice.
#pragma once

#include <cstdint>
#include <memory>

#include "storage/blob_store.h"

namespace dossier::storage {

//! A reader of bytes [offset, offset + length) of `file`. A file that ends before the window
//! does is an integrity failure when read.
std::unique_ptr<BlobReader> slice_reader(std::unique_ptr<BlobReader> file, int64_t offset,
                                         int64_t length);

}  // namespace dossier::storage
