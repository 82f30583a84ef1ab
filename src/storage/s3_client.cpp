#include "storage/s3_client.h"

#include <strings.h>

#include <cctype>

#include "core/crypto.h"
#include "core/curl.h"
#include "core/log.h"

namespace dossier::storage {
namespace {

using CurlSlist = curl::Slist;
using curl::append;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r' || text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

struct Transfer {
  S3Response response;
  size_t max_body = 0;
  bool too_long = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t n = size * count;
  if (transfer->response.body.size() + n > transfer->max_body) {
    transfer->too_long = true;
    return 0;  // anything but n makes curl fail the transfer
  }
  transfer->response.body.append(data, n);
  return n;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::string_view line(data, size * count);
  // A new status line starts a new response (after "100 Continue"): forget the earlier one.
  if (line.starts_with("HTTP/")) transfer->response.etag.clear();
  if (line.size() >= 5 && ::strncasecmp(line.data(), "etag:", 5) == 0) {
    transfer->response.etag = std::string(trim(line.substr(5)));
  }
  return size * count;
}

// Signed headers: the payload hash (S3 insists on it, and curl 7.88 does not add it; curl
// hashes the same POSTFIELDS bytes into the signature) and the session token of temporary
// credentials. No "Expect:" to skip "100 Continue": curl 7.88 would sign the header it then
// leaves out, and waiting for 100 spares sending a part to a store that refuses the request.
Result<CurlSlist> request_headers(const S3Config& config, const S3Request& request) {
  CurlSlist list;
  bool ok = append(list, "x-amz-content-sha256: " + crypto::sha256_hex(request.body));
  const std::string_view method = request.method;
  if (method == "PUT" || method == "POST") {
    ok = ok && append(list, std::string("Content-Type: ") + request.content_type);
  }
  if (!config.credentials.session_token.empty()) {
    ok = ok && append(list, "x-amz-security-token: " + config.credentials.session_token);
  }
  for (const std::string& header : request.headers) ok = ok && append(list, header);
  if (!ok) return Error::internal("out of memory");
  return list;
}

std::string request_url(const S3Location& location, const S3Request& request) {
  std::string url = location.endpoint + "/" + location.bucket;
  if (!request.key.empty()) url += "/" + location.prefix + request.key;
  if (!request.query.empty()) url += "?" + request.query;
  return url;
}

void set_method(CURL* curl, const S3Request& request) {
  const std::string_view method = request.method;
  if (method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else if (method == "PUT" || method == "POST") {
    // POSTFIELDS rather than an upload callback, so that curl's SigV4 hashes the payload.
    // An empty body still needs a non-null pointer to send "Content-Length: 0".
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.empty() ? "" : request.body.data());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method);
  } else if (method != "GET") {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method);
  }
}

// Characters of S3's error code names; anything else is not worth a log line.
std::string loggable_code(std::string code) {
  if (code.size() > 64) return "(unrecognised)";
  for (char c : code) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return "(unrecognised)";
  }
  return code;
}

}  // namespace

struct S3Connection::Handle {
  curl::Easy easy;
};

S3Connection::S3Connection(std::shared_ptr<const S3Config> config, std::unique_ptr<Handle> handle)
    : config_(std::move(config)), handle_(std::move(handle)) {}

Result<S3Connection> S3Connection::open(std::shared_ptr<const S3Config> config) {
  auto handle = std::make_unique<Handle>();
  if (curl::init_once()) handle->easy.reset(curl_easy_init());
  if (!handle->easy) {
    log::error("s3_curl_init_failed");
    return Error::internal("could not start an HTTP client");
  }
  return S3Connection(std::move(config), std::move(handle));
}

S3Connection::~S3Connection() = default;
S3Connection::S3Connection(S3Connection&&) noexcept = default;
S3Connection& S3Connection::operator=(S3Connection&&) noexcept = default;

Result<S3Response> S3Connection::send(const S3Request& request) {
  const S3Config& config = *config_;
  CURL* curl = handle_->easy.get();
  curl_easy_reset(curl);  // keeps the open connection for the next request
  DOSSIER_ASSIGN_OR_RETURN(CurlSlist headers, request_headers(config, request));
  const std::string url = request_url(config.location, request);
  const std::string sigv4 = "aws:amz:" + config.location.region + ":s3";
  Transfer transfer;
  transfer.max_body = request.max_response_body;

  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  // No overall timeout (a part on a slow link may take long); a stalled transfer fails.
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1024L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt(curl, CURLOPT_AWS_SIGV4, sigv4.c_str());
  curl_easy_setopt(curl, CURLOPT_USERNAME, config.credentials.access_key_id.c_str());
  curl_easy_setopt(curl, CURLOPT_PASSWORD, config.credentials.secret_access_key.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
  set_method(curl, request);

  const CURLcode code = curl_easy_perform(curl);
  if (code == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &transfer.response.status);
    curl_off_t length = -1;
    curl_easy_getinfo(curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
    transfer.response.content_length = length;
  }
  if (config.on_response) config.on_response(request.operation, transfer.response.status);
  if (transfer.too_long) {
    log::error("s3_response_too_long", {{"operation", request.operation}});
    return Error::internal("the file store sent an unexpected response");
  }
  if (code != CURLE_OK) {
    log::error("s3_request_failed",
               {{"operation", request.operation}, {"curl_error", curl_easy_strerror(code)}});
    return Error::make(ErrorCode::kUnavailable, "the file store is unavailable");
  }
  return std::move(transfer.response);
}

Error s3_failure(const S3Request& request, const S3Response& response) {
  const std::string code = loggable_code(xml_element(response.body, "Code"));
  if (response.status == 404 && (code.empty() || code == "NoSuchKey")) {
    return Error::not_found("file");
  }
  log::error("s3_request_failed",
             {{"operation", request.operation}, {"status", response.status}, {"s3_code", code}});
  if (response.status >= 500 || response.status == 429) {
    return Error::make(ErrorCode::kUnavailable, "the file store is unavailable");
  }
  if (response.status == 403) {
    return Error::internal("the file store refused the request: check the storage credentials");
  }
  return Error::internal("the file store rejected a request");
}

std::string xml_element(std::string_view xml, std::string_view name) {
  const std::string open = "<" + std::string(name) + ">";
  const std::string close = "</" + std::string(name) + ">";
  const size_t start = xml.find(open);
  if (start == std::string_view::npos) return {};
  const size_t begin = start + open.size();
  const size_t end = xml.find(close, begin);
  if (end == std::string_view::npos) return {};
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    bool replaced = false;
    for (const auto& [entity, c] : kEntities) {
      if (xml.substr(i, entity.size()) == entity) {
        out.push_back(c);
        i += entity.size() - 1;
        replaced = true;
        break;
      }
    }
    if (!replaced) out.push_back(xml[i]);
  }
  return out;
}

std::string uri_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0xF]);
    }
  }
  return out;
}

}  // namespace dossier::storage
