#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <utility>

#include "core/ids.h"
#include "core/log.h"
#include "storage/blob_store.h"

namespace dossier::storage {
namespace {

namespace fs = std::filesystem;

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

Error io_error(const char* step) {
  log::error("storage_io_failed", {{"step", step}, {"errno", errno}});
  return Error::internal("could not store the file");
}

// Writes into a hidden temporary file beside the final one; commit() fsyncs and renames it
// over the final name, so readers see the old file or the whole new one.
class LocalWriter final : public BlobWriter {
 public:
  LocalWriter(fs::path tmp, fs::path final_path, int fd)
      : tmp_(std::move(tmp)), final_(std::move(final_path)), fd_(fd) {}
  ~LocalWriter() override {
    if (!committed_) discard();
  }

  Status write(std::string_view bytes) override {
    if (fd_.get() < 0) return Error::internal("the file was already committed or abandoned");
    for (size_t done = 0; done < bytes.size();) {
      const ssize_t n = ::write(fd_.get(), bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return fail("write");
      done += static_cast<size_t>(n);
    }
    return {};
  }

  Status commit() override {
    if (fd_.get() < 0) return Error::internal("the file was already committed or abandoned");
    if (::fsync(fd_.get()) != 0) return fail("fsync");
    if (::close(fd_.release()) != 0) return fail("close");
    if (::rename(tmp_.c_str(), final_.c_str()) != 0) return fail("rename");
    committed_ = true;
    return {};
  }

 private:
  Error fail(const char* step) {
    Error e = io_error(step);
    discard();
    return e;
  }
  void discard() {
    if (fd_.get() >= 0) ::close(fd_.release());
    std::error_code ec;
    fs::remove(tmp_, ec);
  }

  fs::path tmp_;
  fs::path final_;
  FileDescriptor fd_;
  bool committed_ = false;
};

class LocalReader final : public BlobReader {
 public:
  LocalReader(int fd, int64_t size) : fd_(fd), size_(size) {}

  int64_t size() const override { return size_; }

  Result<size_t> read(char* buffer, size_t max) override {
    for (;;) {
      const ssize_t n = ::read(fd_.get(), buffer, max);
      if (n >= 0) return static_cast<size_t>(n);
      if (errno != EINTR) return Error::internal("could not read a stored file");
    }
  }

 private:
  FileDescriptor fd_;
  int64_t size_;
};

class LocalBlobStore final : public BlobStore {
 public:
  explicit LocalBlobStore(fs::path root) : root_(std::move(root)) {
    fs::create_directories(root_);
    fs::permissions(root_, fs::perms::owner_all, fs::perm_options::replace);
  }

  Result<std::unique_ptr<BlobWriter>> open_writer(const std::string& key) override {
    if (!valid_key(key)) return Error::internal("invalid storage key");
    fs::path tmp = root_ / (".tmp-" + new_uuid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return io_error("open");
    return std::unique_ptr<BlobWriter>(new LocalWriter(std::move(tmp), root_ / key, fd));
  }

  Result<std::unique_ptr<BlobReader>> open_reader(const std::string& key) override {
    if (!valid_key(key)) return Error::not_found("file");
    FileDescriptor fd(::open((root_ / key).c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) return Error::not_found("file");
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return Error::internal("could not read a stored file");
    return std::unique_ptr<BlobReader>(new LocalReader(fd.release(), st.st_size));
  }

  Status remove(const std::string& key) override {
    if (!valid_key(key)) return Error::internal("invalid storage key");
    std::error_code ec;
    fs::remove(root_ / key, ec);
    if (ec) return Error::internal("could not remove a stored file");
    return {};
  }

 private:
  fs::path root_;
};

}  // namespace

std::unique_ptr<BlobStore> make_local_blob_store(const std::string& root) {
  return std::make_unique<LocalBlobStore>(root);
}

}  // namespace dossier::storage
