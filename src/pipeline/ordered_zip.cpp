#include "pipeline/ordered_zip.h"

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "core/crypto.h"
#include "formats/tabular/zip_stream.h"

namespace dossier::pipeline {
namespace {

// Finished documents allowed to wait for the writer: enough to keep every renderer busy
// while a large document is written, few enough that memory stays flat.
constexpr size_t kWaitingDocuments = 4;

// Renders units on a few threads and hands them to one consumer in unit order. A renderer
// starts unit i only once fewer than kWaitingDocuments before it are still unconsumed.
class OrderedRenderers final {
 public:
  OrderedRenderers(const std::vector<std::string>& units, int threads, const RenderUnit& render)
      : units_(units), render_(render) {
    for (int t = 0; t < std::max(1, threads); ++t) threads_.emplace_back([this] { loop(); });
  }
  ~OrderedRenderers() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    for (auto& t : threads_) t.join();
  }
  OrderedRenderers(const OrderedRenderers&) = delete;
  OrderedRenderers& operator=(const OrderedRenderers&) = delete;

  //! The document of unit `index`, waiting for it. REQUIRES: taken 0, 1, 2, … in order.
  Result<UnitDocument> take(size_t index) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return finished_.count(index) != 0; });
    auto node = finished_.extract(index);
    consumed_ = index + 1;
    lock.unlock();
    changed_.notify_all();
    return std::move(node.mapped());
  }

 private:
  void loop() {
    for (;;) {
      size_t index = 0;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] {
          return stopping_ || next_ >= units_.size() || next_ < consumed_ + kWaitingDocuments;
        });
        if (stopping_ || next_ >= units_.size()) return;
        index = next_++;
      }
      Result<UnitDocument> doc = render_(units_[index]);
      {
        std::lock_guard lock(mutex_);
        finished_.emplace(index, std::move(doc));
      }
      changed_.notify_all();
    }
  }

  const std::vector<std::string>& units_;
  const RenderUnit& render_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<size_t, Result<UnitDocument>> finished_;  // guarded by mutex_
  size_t next_ = 0;                                  // guarded by mutex_: next unit to render
  size_t consumed_ = 0;                              // guarded by mutex_: units taken so far
  bool stopping_ = false;                            // guarded by mutex_
  std::vector<std::thread> threads_;                 // last: joined before the rest goes
};

// Formats that are compressed already are stored as they are: deflating a PDF again took a
// quarter of a batch's CPU time and made it no smaller.
bool compressed_already(const std::string& name) {
  for (const char* ext : {".pdf", ".docx", ".xlsx", ".zip"}) {
    const std::string_view e(ext);
    if (name.size() >= e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) {
      return true;
    }
  }
  return false;
}

Status write_entry(formats::tabular::ZipStreamWriter& zip, const std::string& name,
                   std::string_view bytes) {
  DOSSIER_TRY(zip.begin_entry(name, !compressed_already(name)));
  DOSSIER_TRY(zip.write(bytes));
  return zip.end_entry();
}

Json manifest_of(const OrderedZipOptions& options, const ZipSummary& summary, Json files) {
  Json failures = Json::array();
  for (const auto& f : summary.failures) {
    failures.push_back({{options.unit_key, f.unit}, {"reason", f.reason}});
  }
  Json manifest = options.manifest_head.is_object() ? options.manifest_head : Json::object();
  manifest["generated_at"] = now_timestamp();
  manifest["total"] = summary.total;
  manifest["done"] = summary.done;
  manifest["failed"] = summary.failures.size();
  manifest["files"] = std::move(files);
  manifest["failures"] = std::move(failures);
  return manifest;
}

}  // namespace

std::string failure_reason(const Error& error) {
  if (error.code == ErrorCode::kNotFound) return "not found";
  if (error.code == ErrorCode::kForbidden) return "forbidden";
  return error.summary();
}

Result<ZipSummary> write_ordered_zip(const std::vector<std::string>& units,
                                     const RenderUnit& render, const ByteSink& out,
                                     const OrderedZipOptions& options) {
  ZipSummary summary;
  summary.total = static_cast<int64_t>(units.size());
  formats::tabular::ZipStreamWriter zip([&out, &summary](std::string_view bytes) {
    summary.bytes += static_cast<int64_t>(bytes.size());
    return out(bytes);
  });
  Json files = Json::array();
  {
    OrderedRenderers renderers(units, options.threads, render);
    for (size_t i = 0; i < units.size(); ++i) {
      Result<UnitDocument> doc = renderers.take(i);
      if (doc.ok()) {
        const std::string name = units[i] + doc->extension;
        DOSSIER_TRY(write_entry(zip, name, doc->bytes));
        files.push_back({{"name", name},
                         {options.unit_key, units[i]},
                         {"size", doc->bytes.size()},
                         {"sha256", crypto::sha256_hex(doc->bytes)},
                         {"redaction", doc->redaction}});
        ++summary.done;
        summary.written.emplace_back(units[i], std::move(doc->request));
      } else {
        summary.failures.push_back({units[i], failure_reason(doc.error())});
      }
      if (options.progress) options.progress(static_cast<int64_t>(i + 1), summary.total);
      if (options.cancelled && options.cancelled()) {
        return Error::make(ErrorCode::kConflict, "the export was cancelled");
      }
    }
  }
  DOSSIER_TRY(
      write_entry(zip, "manifest.json", manifest_of(options, summary, std::move(files)).dump(2)));
  DOSSIER_TRY(zip.finish());
  return summary;
}

}  // namespace dossier::pipeline
