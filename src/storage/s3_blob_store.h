// Files in an S3-compatible object store (AWS S3, MinIO, …), streamed in bounded pieces.
//
// Writing buffers one part in memory: a file that ends within the first part is one
// PutObject; a longer one is a multipart upload whose parts are sent as they fill, completed
// by commit() and aborted by anything else, so only committed files ever become objects.
// Reading learns the size with HEAD, then fetches ranged GETs of a bounded chunk, pinned to the
// object's ETag so that a file overwritten mid-read fails instead of mixing two versions.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>

#include "storage/blob_store.h"
#include "storage/s3_credentials.h"
#include "storage/s3_url.h"

namespace dossier::storage {

struct S3BlobStoreOptions {
  //! Bytes a writer holds before sending them as a part; raised to S3's 5 MiB minimum. With
  //! S3's limit of 10,000 parts, 8 MiB parts allow files of up to 78 GiB.
  size_t part_size = size_t{8} << 20;
  //! Bytes a reader fetches per ranged GET.
  size_t read_chunk = size_t{4} << 20;
  //! Told of every response: the S3 operation name ("PutObject", "UploadPart", …) and the
  //! HTTP status (0 when none came). For tests; called from the thread making the request.
  std::function<void(std::string_view operation, long status)> on_response;
};

inline constexpr size_t kS3MinPartSize = size_t{5} << 20;

//! A store of the objects PREFIX+KEY in `location`'s bucket, signed with `credentials`.
//! Makes no request until used.
std::unique_ptr<BlobStore> make_s3_blob_store(S3Location location, S3Credentials credentials,
                                              S3BlobStoreOptions options = {});

}  // namespace dossier::storage
