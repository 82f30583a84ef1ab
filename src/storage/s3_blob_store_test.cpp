#include "storage/s3_blob_store.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <vector>

#include "core/crypto.h"
#include "core/ids.h"
#include "storage/s3_client.h"
#include "storage/storage_url.h"

// The tests against a server need DOSSIER_TEST_S3_URL (an s3:// URL of a test bucket) and
// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY; without the URL they are skipped. For example,
// after `scripts/s3-server /tmp/s3-data 9000 &`, run the tests with
// DOSSIER_TEST_S3_URL=s3://dossier-test/ci?endpoint=http://127.0.0.1:9000 and the access key
// S3RVER with the secret S3RVER.

namespace dossier::storage {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kUrlField = "DOSSIER_STORAGE_URL";

void expect_validation(const Error& error, std::string_view field, std::string_view words) {
  EXPECT_EQ(error.code, ErrorCode::kValidation);
  ASSERT_EQ(error.fields.size(), 1u);
  EXPECT_EQ(error.fields[0].path, field);
  EXPECT_NE(error.fields[0].problem.find(words), std::string::npos) << error.fields[0].problem;
}

TEST(S3UrlTest, ParsesBucketPrefixEndpointAndRegion) {
  auto location = parse_s3_url(
      "s3://dossier-test/exports/2024?endpoint=http://127.0.0.1:9000&region=eu-west-1");
  ASSERT_TRUE(location.ok());
  EXPECT_EQ(location->bucket, "dossier-test");
  EXPECT_EQ(location->prefix, "exports/2024/");
  EXPECT_EQ(location->endpoint, "http://127.0.0.1:9000");
  EXPECT_EQ(location->region, "eu-west-1");
}

TEST(S3UrlTest, DefaultsToTheAwsEndpointOfTheRegion) {
  auto plain = parse_s3_url("s3://my.bucket");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->prefix, "");
  EXPECT_EQ(plain->region, "us-east-1");
  EXPECT_EQ(plain->endpoint, "https://s3.us-east-1.amazonaws.com");

  auto regional = parse_s3_url("s3://my.bucket/?region=eu-central-1");
  ASSERT_TRUE(regional.ok());
  EXPECT_EQ(regional->prefix, "");
  EXPECT_EQ(regional->endpoint, "https://s3.eu-central-1.amazonaws.com");

  auto encoded = parse_s3_url("s3://b12/a/?endpoint=https%3A%2F%2Fminio.internal%3A9000%2F");
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ(encoded->prefix, "a/");
  EXPECT_EQ(encoded->endpoint, "https://minio.internal:9000");

  auto ipv6 = parse_s3_url("s3://abc?endpoint=http://[::1]:9000");
  ASSERT_TRUE(ipv6.ok());
  EXPECT_EQ(ipv6->endpoint, "http://[::1]:9000");
}

TEST(S3UrlTest, RejectsWhatItCannotUseNamingTheProblem) {
  const std::pair<const char*, const char*> cases[] = {
      {"ftp://bucket", "s3://"},
      {"s3://", "no bucket"},
      {"s3:///prefix", "no bucket"},
      {"s3://Bad_Bucket", "bucket"},
      {"s3://ab", "bucket"},
      {"s3://bucket/a//b", "prefix"},
      {"s3://bucket/../x", "prefix"},
      {"s3://bucket/a b", "prefix"},
      {"s3://bucket?endpoint=ftp://host", "endpoint"},
      {"s3://bucket?endpoint=http://", "endpoint"},
      {"s3://bucket?endpoint=http://user:secret@host", "endpoint"},
      {"s3://bucket?endpoint=http://host/path", "endpoint"},
      {"s3://bucket?endpoint=http://host:99999", "endpoint"},
      {"s3://bucket?region=US_EAST", "region"},
      {"s3://bucket?colour=blue", "unknown parameter"},
      {"s3://bucket?region=a&region=b", "twice"},
      {"s3://bucket?endpoint=%zz", "percent"},
      {"s3://bucket#part", "fragment"},
  };
  for (const auto& [url, words] : cases) {
    SCOPED_TRACE(url);
    auto location = parse_s3_url(url);
    ASSERT_FALSE(location.ok());
    expect_validation(location.error(), kUrlField, words);
    EXPECT_EQ(location.error().fields[0].problem.find("secret"), std::string::npos);
  }
}

TEST(S3UrlTest, OpenBlobStoreReportsBadUrlsOnTheSetting) {
  for (const char* url : {"s3://", "gs://bucket/x", "s3://bucket?endpoint=nope"}) {
    SCOPED_TRACE(url);
    auto store = open_blob_store(url, "/nonexistent");
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().code, ErrorCode::kValidation);
    ASSERT_EQ(store.error().fields.size(), 1u);
    EXPECT_EQ(store.error().fields[0].path, kUrlField);
  }
}

TEST(S3UrlTest, WarnsOnlyAboutPlaintextToOtherMachines) {
  EXPECT_TRUE(s3_endpoint_is_remote_plaintext("http://minio.internal:9000"));
  EXPECT_TRUE(s3_endpoint_is_remote_plaintext("http://localhost.example.com"));
  EXPECT_FALSE(s3_endpoint_is_remote_plaintext("https://minio.internal:9000"));
  EXPECT_FALSE(s3_endpoint_is_remote_plaintext("http://127.0.0.1:9000"));
  EXPECT_FALSE(s3_endpoint_is_remote_plaintext("http://localhost:9000"));
  EXPECT_FALSE(s3_endpoint_is_remote_plaintext("http://[::1]:9000"));
}

TEST(S3ClientTest, ReadsFlatXmlAndEncodesQueryValues) {
  EXPECT_EQ(xml_element("<a><UploadId>x&amp;y</UploadId></a>", "UploadId"), "x&y");
  EXPECT_EQ(xml_element("<Error><Code>NoSuchKey</Code></Error>", "Code"), "NoSuchKey");
  EXPECT_EQ(xml_element("<Code>unterminated", "Code"), "");
  EXPECT_EQ(uri_encode("a-b_c.d~e/f g+h="), "a-b_c.d~e%2Ff%20g%2Bh%3D");
}

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> const char* {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  };
}

class S3CredentialsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dossier-s3-credentials-" + new_uuid());
    fs::create_directories(dir_ / ".aws");
    std::ofstream(dir_ / ".aws" / "credentials") << "# written by a test\n"
                                                 << "[default]\n"
                                                 << "aws_access_key_id = DEFAULTID\n"
                                                 << "aws_secret_access_key = default-secret\n"
                                                 << "\n[work]\r\n"
                                                 << "aws_access_key_id=WORKID\r\n"
                                                 << "aws_secret_access_key=work-secret\r\n"
                                                 << "aws_session_token=work-token\r\n"
                                                 << "[half]\n"
                                                 << "aws_access_key_id = HALFID\n";
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string file() const { return (dir_ / ".aws" / "credentials").string(); }
  fs::path dir_;
};

TEST_F(S3CredentialsTest, EnvironmentComesFirst) {
  auto credentials = load_s3_credentials(env_of({{"AWS_ACCESS_KEY_ID", "ID"},
                                                 {"AWS_SECRET_ACCESS_KEY", "env-secret"},
                                                 {"AWS_SESSION_TOKEN", "token"},
                                                 {"HOME", dir_.string()}}));
  ASSERT_TRUE(credentials.ok());
  EXPECT_EQ(credentials->access_key_id, "ID");
  EXPECT_EQ(credentials->secret_access_key, "env-secret");
  EXPECT_EQ(credentials->session_token, "token");
}

TEST_F(S3CredentialsTest, HalfAnEnvironmentPairNamesTheMissingVariable) {
  auto no_secret = load_s3_credentials(env_of({{"AWS_ACCESS_KEY_ID", "ID"}}));
  ASSERT_FALSE(no_secret.ok());
  expect_validation(no_secret.error(), "AWS_SECRET_ACCESS_KEY", "must be set");
  auto no_id = load_s3_credentials(env_of({{"AWS_SECRET_ACCESS_KEY", "env-secret"}}));
  ASSERT_FALSE(no_id.ok());
  expect_validation(no_id.error(), "AWS_ACCESS_KEY_ID", "must be set");
  EXPECT_EQ(no_id.error().fields[0].problem.find("env-secret"), std::string::npos);
}

TEST_F(S3CredentialsTest, ReadsTheProfileOfTheSharedFile) {
  auto from_home = load_s3_credentials(env_of({{"HOME", dir_.string()}}));
  ASSERT_TRUE(from_home.ok());
  EXPECT_EQ(from_home->access_key_id, "DEFAULTID");
  EXPECT_EQ(from_home->secret_access_key, "default-secret");
  EXPECT_EQ(from_home->session_token, "");

  auto named = load_s3_credentials(
      env_of({{"AWS_SHARED_CREDENTIALS_FILE", file()}, {"AWS_PROFILE", "work"}}));
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->access_key_id, "WORKID");
  EXPECT_EQ(named->secret_access_key, "work-secret");
  EXPECT_EQ(named->session_token, "work-token");
}

TEST_F(S3CredentialsTest, MissingCredentialsAreClearValidationErrors) {
  auto nothing = load_s3_credentials(env_of({{"HOME", (dir_ / "elsewhere").string()}}));
  ASSERT_FALSE(nothing.ok());
  expect_validation(nothing.error(), "AWS_ACCESS_KEY_ID", "not set");

  auto missing_file =
      load_s3_credentials(env_of({{"AWS_SHARED_CREDENTIALS_FILE", (dir_ / "missing").string()}}));
  ASSERT_FALSE(missing_file.ok());
  expect_validation(missing_file.error(), "AWS_SHARED_CREDENTIALS_FILE", "missing file");

  auto no_profile = load_s3_credentials(
      env_of({{"AWS_SHARED_CREDENTIALS_FILE", file()}, {"AWS_PROFILE", "other"}}));
  ASSERT_FALSE(no_profile.ok());
  expect_validation(no_profile.error(), "AWS_SHARED_CREDENTIALS_FILE", "[other]");

  auto half = load_s3_credentials(
      env_of({{"AWS_SHARED_CREDENTIALS_FILE", file()}, {"AWS_PROFILE", "half"}}));
  ASSERT_FALSE(half.ok());
  expect_validation(half.error(), "AWS_SHARED_CREDENTIALS_FILE", "aws_secret_access_key");
}

TEST(S3BlobStoreOfflineTest, AnUnreachableStoreIsUnavailable) {
  S3Location location{"dossier-test", "", "http://127.0.0.1:1", "us-east-1"};
  auto store = make_s3_blob_store(location, S3Credentials{"ID", "secret", ""});
  const Status put = store->put("a.json", "{}");
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(store->open_reader("a.json").error().code, ErrorCode::kUnavailable);
}

// Records the requests a store makes, by S3 operation name.
class RequestLog {
 public:
  std::function<void(std::string_view, long)> observer() {
    return [this](std::string_view operation, long status) {
      std::lock_guard lock(mutex_);
      responses_.emplace_back(operation, status);
    };
  }
  int count(std::string_view operation) {
    std::lock_guard lock(mutex_);
    int n = 0;
    for (const auto& [op, status] : responses_) n += op == operation ? 1 : 0;
    return n;
  }
  size_t total() {
    std::lock_guard lock(mutex_);
    return responses_.size();
  }

 private:
  std::mutex mutex_;
  std::vector<std::pair<std::string, long>> responses_;
};

std::string random_bytes(size_t n, unsigned seed) {
  std::mt19937 random(seed);
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(random());
  return out;
}

class S3BlobStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("DOSSIER_TEST_S3_URL");
    if (url == nullptr || *url == '\0') {
      GTEST_SKIP() << "DOSSIER_TEST_S3_URL is not set (scripts/s3-server runs a test server)";
    }
    url_ = url;
    auto location = parse_s3_url(url_);
    ASSERT_TRUE(location.ok()) << location.error().fields[0].problem;
    auto credentials = load_s3_credentials();
    ASSERT_TRUE(credentials.ok()) << credentials.error().fields[0].problem;
    location_ = *location;
    location_.prefix += "test-" + new_uuid() + "/";  // tests never see each other's files
    credentials_ = *credentials;
  }

  std::unique_ptr<BlobStore> make_store(S3BlobStoreOptions options = {}) {
    return make_s3_blob_store(location_, credentials_, std::move(options));
  }

  // The keys of multipart uploads under way under this test's prefix; nullopt when the server
  // lacks ListMultipartUploads (s3rver 3.7.1 answers 501).
  std::optional<std::vector<std::string>> pending_uploads() {
    auto connection =
        S3Connection::open(std::make_shared<S3Config>(S3Config{location_, credentials_}));
    EXPECT_TRUE(connection.ok());
    const S3Request request{.operation = "ListMultipartUploads",
                            .query = "prefix=" + uri_encode(location_.prefix) + "&uploads="};
    auto response = connection->send(request);
    EXPECT_TRUE(response.ok());
    if (!response.ok() || response->status == 501) return std::nullopt;
    EXPECT_EQ(response->status, 200);
    std::vector<std::string> keys;
    std::string_view body = response->body;
    for (size_t at = body.find("<Upload>"); at != body.npos; at = body.find("<Upload>", at + 1)) {
      keys.push_back(xml_element(body.substr(at), "Key"));
    }
    return keys;
  }

  std::string url_;
  S3Location location_;
  S3Credentials credentials_;
};

TEST_F(S3BlobStoreTest, PutGetRemoveSmallAndEmptyFiles) {
  auto store = make_store();
  ASSERT_TRUE(store->put("job.json", "{\"a\":1}").ok());
  auto got = store->get("job.json");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, "{\"a\":1}");

  ASSERT_TRUE(store->put("empty.bin", "").ok());
  auto reader = store->open_reader("empty.bin");
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->size(), 0);
  char buffer[16];
  auto n = (*reader)->read(buffer, sizeof buffer);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 0u);

  ASSERT_TRUE(store->remove("job.json").ok());
  ASSERT_TRUE(store->remove("empty.bin").ok());
  EXPECT_EQ(store->get("job.json").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store->open_reader("empty.bin").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(store->remove("job.json").ok()) << "removing an absent key is not an error";
}

TEST_F(S3BlobStoreTest, OpenBlobStoreMakesAnS3StoreFromTheUrl) {
  auto store = open_blob_store(url_, "/nonexistent");
  ASSERT_TRUE(store.ok());
  const std::string key = "via-url-" + new_uuid() + ".txt";
  ASSERT_TRUE((*store)->put(key, "through DOSSIER_STORAGE_URL").ok());
  EXPECT_EQ(*(*store)->get(key), "through DOSSIER_STORAGE_URL");
  EXPECT_TRUE((*store)->remove(key).ok());
}

TEST_F(S3BlobStoreTest, StreamsAMultipartUploadAndRangedReads) {
  RequestLog log;
  const size_t read_chunk = (size_t{1} << 20) + 3;
  auto store = make_store(
      {.part_size = kS3MinPartSize, .read_chunk = read_chunk, .on_response = log.observer()});
  const std::string bytes = random_bytes(size_t{12} << 20, 7);
  auto writer = store->open_writer("large.bin");
  ASSERT_TRUE(writer.ok());
  const size_t chunk_sizes[] = {1, 4093, 65537, 1048573, 333331};
  for (size_t at = 0, i = 0; at < bytes.size(); ++i) {
    const size_t n = std::min(chunk_sizes[i % std::size(chunk_sizes)], bytes.size() - at);
    ASSERT_TRUE((*writer)->write(std::string_view(bytes).substr(at, n)).ok());
    at += n;
  }
  // Two full parts went out while writing; nothing is visible before commit().
  EXPECT_EQ(log.count("CreateMultipartUpload"), 1);
  EXPECT_EQ(log.count("UploadPart"), 2);
  EXPECT_EQ(store->open_reader("large.bin").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE((*writer)->commit().ok());
  EXPECT_EQ(log.count("UploadPart"), 3);
  EXPECT_EQ(log.count("CompleteMultipartUpload"), 1);
  EXPECT_EQ(log.count("PutObject"), 0);

  auto reader = store->open_reader("large.bin");
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->size(), static_cast<int64_t>(bytes.size()));
  std::string read_back;
  std::vector<char> buffer(100003);
  for (;;) {
    auto n = (*reader)->read(buffer.data(), buffer.size());
    ASSERT_TRUE(n.ok());
    if (*n == 0) break;
    read_back.append(buffer.data(), *n);
  }
  EXPECT_EQ(read_back.size(), bytes.size());
  EXPECT_EQ(crypto::sha256_hex(read_back), crypto::sha256_hex(bytes));
  EXPECT_EQ(log.count("GetObject"), static_cast<int>((bytes.size() + read_chunk - 1) / read_chunk));
}

TEST_F(S3BlobStoreTest, AFileOfExactlyOnePartIsOnePut) {
  RequestLog log;
  auto store = make_store({.part_size = kS3MinPartSize, .on_response = log.observer()});
  const std::string bytes = random_bytes(kS3MinPartSize, 11);
  ASSERT_TRUE(store->put("one-part.bin", bytes).ok());
  EXPECT_EQ(log.count("PutObject"), 1);
  EXPECT_EQ(log.count("CreateMultipartUpload"), 0);
  EXPECT_EQ(crypto::sha256_hex(*store->get("one-part.bin")), crypto::sha256_hex(bytes));
}

TEST_F(S3BlobStoreTest, AWriterDestroyedWithoutCommitLeavesNothing) {
  RequestLog log;
  auto store = make_store({.part_size = kS3MinPartSize, .on_response = log.observer()});
  {
    auto small = store->open_writer("small.json");
    ASSERT_TRUE(small.ok());
    ASSERT_TRUE((*small)->write("{\"partial\":").ok());
  }
  EXPECT_EQ(log.total(), 0u) << "a file within one part is sent only by commit()";
  EXPECT_EQ(store->open_reader("small.json").error().code, ErrorCode::kNotFound);

  {
    auto large = store->open_writer("large.bin");
    ASSERT_TRUE(large.ok());
    ASSERT_TRUE((*large)->write(random_bytes(kS3MinPartSize + 1000, 3)).ok());
    ASSERT_EQ(log.count("UploadPart"), 1);
  }
  EXPECT_EQ(log.count("AbortMultipartUpload"), 1);
  EXPECT_EQ(log.count("CompleteMultipartUpload"), 0);
  EXPECT_EQ(store->open_reader("large.bin").error().code, ErrorCode::kNotFound);
  if (std::optional<std::vector<std::string>> pending = pending_uploads()) {
    EXPECT_TRUE(pending->empty()) << "an upload is still pending for " << pending->front();
  } else {
    RecordProperty("pending_uploads", "unchecked: the server cannot list multipart uploads");
  }
}

TEST_F(S3BlobStoreTest, AWriterTakesNothingAfterCommit) {
  auto store = make_store();
  auto writer = store->open_writer("once.txt");
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->write("once").ok());
  ASSERT_TRUE((*writer)->commit().ok());
  EXPECT_FALSE((*writer)->write("again").ok());
  EXPECT_FALSE((*writer)->commit().ok());
  EXPECT_EQ(*store->get("once.txt"), "once");
}

TEST_F(S3BlobStoreTest, OverwritingReplacesTheWholeFileAtCommit) {
  auto store = make_store({.part_size = kS3MinPartSize});
  ASSERT_TRUE(store->put("report.pdf", "first version").ok());
  const std::string second = random_bytes(kS3MinPartSize + 4321, 5);
  auto writer = store->open_writer("report.pdf");
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->write(second).ok());
  EXPECT_EQ(*store->get("report.pdf"), "first version") << "visible before commit()";
  ASSERT_TRUE((*writer)->commit().ok());
  EXPECT_EQ(crypto::sha256_hex(*store->get("report.pdf")), crypto::sha256_hex(second));
  ASSERT_TRUE(store->put("report.pdf", "short").ok());
  EXPECT_EQ(*store->get("report.pdf"), "short");
}

TEST_F(S3BlobStoreTest, MissingAndInvalidKeys) {
  auto store = make_store();
  EXPECT_EQ(store->open_reader("absent.bin").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store->get("absent.bin").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store->open_writer("../escape").error().code, ErrorCode::kInternal);
  EXPECT_EQ(store->open_reader("../escape").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store->remove("a/b").error().code, ErrorCode::kInternal);
}

TEST_F(S3BlobStoreTest, WrongCredentialsAreAClearErrorNotACrash) {
  // s3rver checks the access key id but not the signature, so the id is the wrong part here.
  auto store = make_s3_blob_store(location_, S3Credentials{"NOT-A-KEY", "wrong-secret", ""},
                                  {.part_size = kS3MinPartSize});
  const Status put = store->put("x.json", "{}");
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.error().code, ErrorCode::kInternal);
  EXPECT_NE(put.error().detail.find("credentials"), std::string::npos) << put.error().detail;
  EXPECT_EQ(put.error().detail.find("wrong-secret"), std::string::npos);
  EXPECT_EQ(store->get("x.json").error().code, ErrorCode::kInternal);
  EXPECT_EQ(store->remove("x.json").error().code, ErrorCode::kInternal);

  auto writer = store->open_writer("large.bin");
  ASSERT_TRUE(writer.ok());
  EXPECT_FALSE((*writer)->write(random_bytes(kS3MinPartSize + 1, 1)).ok());
  EXPECT_FALSE((*writer)->commit().ok());
}

TEST_F(S3BlobStoreTest, ServesManyThreadsAtOnce) {
  auto store = make_store();
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        const std::string key = "t" + std::to_string(t) + "-" + std::to_string(i) + ".txt";
        const std::string text = random_bytes(1000 + i, t * 10 + i);
        if (!store->put(key, text).ok()) ++failures[t];
        auto got = store->get(key);
        if (!got.ok() || *got != text) ++failures[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace dossier::storage
