#include "storage/s3_blob_store.h"

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#include "core/log.h"
#include "core/xml_text.h"
#include "storage/s3_client.h"

namespace dossier::storage {
namespace {

constexpr size_t kMaxParts = 10000;  // S3's limit per multipart upload
constexpr size_t kMinReadChunk = size_t{64} << 10;

Error finished_error() {
  return Error::internal("the file was already committed or abandoned");
}

Error unexpected_response(const char* operation) {
  log::error("s3_unexpected_response", {{"operation", operation}});
  return Error::internal("the file store sent an unexpected response");
}

// Sends `request` and insists on a 200.
Result<S3Response> send_expecting_ok(S3Connection& connection, const S3Request& request) {
  DOSSIER_ASSIGN_OR_RETURN(S3Response response, connection.send(request));
  if (response.status != 200) return s3_failure(request, response);
  return response;
}

class S3Writer final : public BlobWriter {
 public:
  S3Writer(S3Connection connection, std::string key, size_t part_size)
      : connection_(std::move(connection)), key_(std::move(key)), part_size_(part_size) {}
  ~S3Writer() override {
    if (!finished_) abandon();
  }

  Status write(std::string_view bytes) override {
    if (finished_) return finished_error();
    while (!bytes.empty()) {
      // A full buffer goes out only once more bytes come, so a file of exactly one part is
      // still a single PutObject.
      if (buffer_.size() == part_size_) {
        Status sent = send_part();
        if (!sent.ok()) return fail(std::move(sent).error());
      }
      const size_t take = std::min(part_size_ - buffer_.size(), bytes.size());
      buffer_.append(bytes.substr(0, take));
      bytes.remove_prefix(take);
    }
    return {};
  }

  Status commit() override {
    if (finished_) return finished_error();
    Status done = upload_id_.empty() ? put_object() : complete_upload();
    if (!done.ok()) return fail(std::move(done).error());
    finished_ = true;
    buffer_ = std::string();
    return {};
  }

 private:
  Status put_object() {
    const S3Request request{
        .operation = "PutObject", .method = "PUT", .key = key_, .body = buffer_};
    DOSSIER_TRY(send_expecting_ok(connection_, request));
    return {};
  }

  Status start_upload() {
    const S3Request request{
        .operation = "CreateMultipartUpload", .method = "POST", .key = key_, .query = "uploads="};
    DOSSIER_ASSIGN_OR_RETURN(S3Response response, send_expecting_ok(connection_, request));
    upload_id_ = xml_element(response.body, "UploadId");
    if (upload_id_.empty()) return unexpected_response(request.operation);
    return {};
  }

  // Sends the buffer as the next part, starting the upload with the first.
  Status send_part() {
    if (upload_id_.empty()) DOSSIER_TRY(start_upload());
    if (etags_.size() == kMaxParts) {
      return Error::make(ErrorCode::kTooLarge, "the file is too large for the file store");
    }
    const S3Request request{.operation = "UploadPart",
                            .method = "PUT",
                            .key = key_,
                            .query = "partNumber=" + std::to_string(etags_.size() + 1) +
                                     "&uploadId=" + uri_encode(upload_id_),
                            .body = buffer_};
    DOSSIER_ASSIGN_OR_RETURN(S3Response response, send_expecting_ok(connection_, request));
    if (response.etag.empty()) return unexpected_response(request.operation);
    etags_.push_back(std::move(response.etag));
    buffer_.clear();  // keeps its capacity: every part reuses the same memory
    return {};
  }

  // Sends the last part (the buffer holds at least one byte: a part goes out only when more
  // bytes follow it), then assembles the object from the parts.
  Status complete_upload() {
    DOSSIER_TRY(send_part());
    std::string xml = "<CompleteMultipartUpload>";
    for (size_t i = 0; i < etags_.size(); ++i) {
      xml += "<Part><PartNumber>" + std::to_string(i + 1) + "</PartNumber><ETag>" +
             xml_escaped(etags_[i]) + "</ETag></Part>";
    }
    xml += "</CompleteMultipartUpload>";
    const S3Request request{.operation = "CompleteMultipartUpload",
                            .method = "POST",
                            .key = key_,
                            .query = "uploadId=" + uri_encode(upload_id_),
                            .body = xml,
                            .content_type = "application/xml"};
    DOSSIER_ASSIGN_OR_RETURN(S3Response response, send_expecting_ok(connection_, request));
    // S3 reports a failed assembly in the body of a 200, which is sent before it is done.
    if (response.body.find("<Error>") != std::string::npos) return s3_failure(request, response);
    upload_id_.clear();
    return {};
  }

  Error fail(Error error) {
    abandon();
    return error;
  }

  // Nothing was made visible; an upload under way is aborted so that its parts do not linger
  // (if the abort itself fails, a bucket lifecycle rule for incomplete uploads is the backstop).
  void abandon() {
    finished_ = true;
    buffer_ = std::string();
    if (upload_id_.empty()) return;
    const S3Request request{.operation = "AbortMultipartUpload",
                            .method = "DELETE",
                            .key = key_,
                            .query = "uploadId=" + uri_encode(upload_id_)};
    upload_id_.clear();
    Result<S3Response> response = connection_.send(request);
    if (response.ok() && response->status != 204 && response->status != 200) {
      static_cast<void>(s3_failure(request, *response));  // logs it; nobody to tell otherwise
    }
  }

  S3Connection connection_;
  std::string key_;
  size_t part_size_;
  std::string buffer_;
  std::string upload_id_;           // "" until the first part goes out, and after
  std::vector<std::string> etags_;  // of the parts sent, in order
  bool finished_ = false;
};

class S3Reader final : public BlobReader {
 public:
  S3Reader(S3Connection connection, std::string key, int64_t size, std::string etag,
           size_t chunk_size)
      : connection_(std::move(connection)),
        key_(std::move(key)),
        size_(size),
        etag_(std::move(etag)),
        chunk_size_(chunk_size) {}

  int64_t size() const override { return size_; }

  Result<size_t> read(char* buffer, size_t max) override {
    if (position_ == chunk_.size()) {
      if (offset_ >= size_ || max == 0) return size_t{0};
      DOSSIER_TRY(fetch_chunk());
    }
    const size_t n = std::min(max, chunk_.size() - position_);
    std::memcpy(buffer, chunk_.data() + position_, n);
    position_ += n;
    return n;
  }

 private:
  Status fetch_chunk() {
    const int64_t end = std::min(size_, offset_ + static_cast<int64_t>(chunk_size_));
    const auto expected = static_cast<size_t>(end - offset_);
    S3Request request{
        .operation = "GetObject",
        .key = key_,
        .headers = {"Range: bytes=" + std::to_string(offset_) + "-" + std::to_string(end - 1)},
        .max_response_body = std::max(expected, kMinReadChunk)};
    // Every range of one version: an object replaced between two ranges fails with 412.
    if (!etag_.empty()) request.headers.push_back("If-Match: " + etag_);
    DOSSIER_ASSIGN_OR_RETURN(S3Response response, connection_.send(request));
    if (response.status == 412) {
      log::warn("s3_object_changed_while_read");
      return Error::make(ErrorCode::kConflict, "the file changed while it was being read");
    }
    // A server that ignores Range answers 200 with the whole file: right for one chunk only.
    const bool whole = response.status == 200 && offset_ == 0 && end == size_;
    if (response.status != 206 && !whole) return s3_failure(request, response);
    if (response.body.size() != expected) return unexpected_response(request.operation);
    chunk_ = std::move(response.body);
    position_ = 0;
    offset_ = end;
    return {};
  }

  S3Connection connection_;
  std::string key_;
  int64_t size_;
  std::string etag_;
  size_t chunk_size_;
  int64_t offset_ = 0;   // of the first byte not yet fetched
  std::string chunk_;    // the last fetched range
  size_t position_ = 0;  // in chunk_ of the next byte to hand out
};

class S3BlobStore final : public BlobStore {
 public:
  S3BlobStore(std::shared_ptr<const S3Config> config, size_t part_size, size_t read_chunk)
      : config_(std::move(config)), part_size_(part_size), read_chunk_(read_chunk) {}

  Result<std::unique_ptr<BlobWriter>> open_writer(const std::string& key) override {
    if (!valid_key(key)) return Error::internal("invalid storage key");
    DOSSIER_ASSIGN_OR_RETURN(S3Connection connection, S3Connection::open(config_));
    return std::unique_ptr<BlobWriter>(new S3Writer(std::move(connection), key, part_size_));
  }

  Result<std::unique_ptr<BlobReader>> open_reader(const std::string& key) override {
    if (!valid_key(key)) return Error::not_found("file");
    DOSSIER_ASSIGN_OR_RETURN(S3Connection connection, S3Connection::open(config_));
    const S3Request request{.operation = "HeadObject", .method = "HEAD", .key = key};
    DOSSIER_ASSIGN_OR_RETURN(S3Response head, connection.send(request));
    if (head.status != 200) return s3_failure(request, head);
    if (head.content_length < 0) return unexpected_response(request.operation);
    return std::unique_ptr<BlobReader>(new S3Reader(std::move(connection), key, head.content_length,
                                                    std::move(head.etag), read_chunk_));
  }

  Status remove(const std::string& key) override {
    if (!valid_key(key)) return Error::internal("invalid storage key");
    DOSSIER_ASSIGN_OR_RETURN(S3Connection connection, S3Connection::open(config_));
    const S3Request request{.operation = "DeleteObject", .method = "DELETE", .key = key};
    DOSSIER_ASSIGN_OR_RETURN(S3Response response, connection.send(request));
    if (response.status == 204 || response.status == 200) return {};
    Error error = s3_failure(request, response);
    if (error.code == ErrorCode::kNotFound) return {};
    return error;
  }

 private:
  std::shared_ptr<const S3Config> config_;
  size_t part_size_;
  size_t read_chunk_;
};

}  // namespace

std::unique_ptr<BlobStore> make_s3_blob_store(S3Location location, S3Credentials credentials,
                                              S3BlobStoreOptions options) {
  if (s3_endpoint_is_remote_plaintext(location.endpoint)) {
    log::warn("s3_endpoint_not_encrypted", {{"detail", "exports travel unencrypted (http://)"}});
  }
  auto config = std::make_shared<S3Config>(
      S3Config{std::move(location), std::move(credentials), std::move(options.on_response)});
  return std::make_unique<S3BlobStore>(std::move(config),
                                       std::max(options.part_size, kS3MinPartSize),
                                       std::max(options.read_chunk, kMinReadChunk));
}

}  // namespace dossier::storage
