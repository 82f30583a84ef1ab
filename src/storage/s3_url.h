// The S3 form of DOSSIER_STORAGE_URL: which bucket, under which prefix, at which endpoint.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace dossier::storage {

//! Where objects go: ENDPOINT/BUCKET/PREFIXKEY (path-style addressing, which AWS, MinIO and
//! other S3-compatible servers all accept).
struct S3Location {
  std::string bucket;
  std::string prefix;    //!< "" or path segments ending in '/', e.g. "exports/"
  std::string endpoint;  //!< "http://HOST[:PORT]" or "https://HOST[:PORT]", no trailing '/'
  std::string region;    //!< signs the requests, e.g. "us-east-1"
};

//! Parses "s3://BUCKET[/PREFIX][?endpoint=URL&region=REGION]". The region defaults to
//! us-east-1 and the endpoint to https://s3.REGION.amazonaws.com; parameter values may be
//! percent-encoded. Anything else is a kValidation error on the field "DOSSIER_STORAGE_URL"
//! that names what is wrong without echoing values.
Result<S3Location> parse_s3_url(std::string_view url);

//! Whether an endpoint sends data in the clear to another machine (http:// to a host that is
//! not loopback), which deserves a warning: exports hold clinical records.
bool s3_endpoint_is_remote_plaintext(std::string_view endpoint);

}  // namespace dossier::storage
