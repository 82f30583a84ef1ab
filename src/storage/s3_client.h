// Signed HTTP requests to an S3-compatible store: libcurl signs each one with AWS SigV4
// (CURLOPT_AWS_SIGV4); this file adds the payload hash, the session token and the
// path-style URL, and turns failures into Errors.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/s3_credentials.h"
#include "storage/s3_url.h"

namespace dossier::storage {

struct S3Config {
  S3Location location;
  S3Credentials credentials;
  //! Told of every response: the S3 operation name and the HTTP status (0 when none came).
  //! Tests use it to see which requests were made; may be empty.
  std::function<void(std::string_view operation, long status)> on_response;
};

struct S3Request {
  const char* operation = "";  //!< S3's name for it, for logs: "PutObject", "UploadPart", …
  const char* method = "GET";  //!< GET, HEAD, PUT, POST or DELETE
  std::string key;             //!< object key under the prefix; "" addresses the bucket
  //! Already in SigV4 canonical form (parameters sorted by name, values percent-encoded,
  //! "name=" for a parameter without value), because curl signs the query as given.
  std::string query;
  std::string_view body;  //!< sent with PUT and POST; must outlive send()
  //! Sent with PUT and POST; becomes an uploaded object's Content-Type.
  const char* content_type = "application/octet-stream";
  std::vector<std::string> headers;    //!< extra "Name: value" lines, e.g. a Range
  size_t max_response_body = 1 << 16;  //!< a longer body fails the request
};

struct S3Response {
  long status = 0;
  std::string body;
  std::string etag;             //!< the ETag header, quotes included; "" if none
  int64_t content_length = -1;  //!< the Content-Length header; -1 if none
};

//! One connection (a curl easy handle, kept alive between requests) to the store. Belongs to
//! one thread at a time; make one per writer, reader or call.
class S3Connection {
 public:
  static Result<S3Connection> open(std::shared_ptr<const S3Config> config);
  ~S3Connection();
  S3Connection(S3Connection&&) noexcept;
  S3Connection& operator=(S3Connection&&) noexcept;

  //! Sends `request`. A response of any status comes back as a value; no response (refused,
  //! timed out, too long a body) is a logged kUnavailable error.
  Result<S3Response> send(const S3Request& request);

 private:
  struct Handle;
  S3Connection(std::shared_ptr<const S3Config> config, std::unique_ptr<Handle> handle);

  std::shared_ptr<const S3Config> config_;
  std::unique_ptr<Handle> handle_;
};

//! The Error for a response that is not the expected one, logged with the operation, the
//! status and S3's error code (never a credential or key): 404 is kNotFound; 5xx and 429 are
//! kUnavailable; 403 names the credentials; the rest is kInternal.
Error s3_failure(const S3Request& request, const S3Response& response);

//! The unescaped text of the first <name>…</name> element in `xml`, or "" if there is none.
//! Enough for S3's flat responses; not a general XML parser.
std::string xml_element(std::string_view xml, std::string_view name);

//! `text` percent-encoded as SigV4 wants query values: all but A-Z a-z 0-9 - . _ ~.
std::string uri_encode(std::string_view text);

}  // namespace dossier::storage
