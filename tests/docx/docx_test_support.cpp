#include "docx_test_support.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "doc/render.h"

namespace dossier::docx::testing {

std::map<std::string, std::string> unzip(const std::string& bytes) {
  std::map<std::string, std::string> out;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive =
      source ? zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error) : nullptr;
  zip_error_fini(&error);
  if (archive == nullptr) {
    if (source) zip_source_free(source);
    ADD_FAILURE() << "not a readable ZIP archive";
    return out;
  }
  std::unique_ptr<zip_t, decltype(&zip_discard)> owner(archive, zip_discard);
  const zip_int64_t n = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st);
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(
        zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0), zip_fclose);
    if (!file) {
      ADD_FAILURE() << "cannot open entry " << st.name;
      continue;
    }
    std::string data(st.size, '\0');
    if (zip_fread(file.get(), data.data(), st.size) != static_cast<zip_int64_t>(st.size)) {
      ADD_FAILURE() << "cannot read entry " << st.name;
    }
    out.emplace(st.name, std::move(data));
  }
  return out;
}

const std::string& Docx::part(const std::string& name) const {
  static const std::string kEmpty;
  const auto it = parts.find(name);
  return it == parts.end() ? kEmpty : it->second;
}

Docx docx_from_html(std::string_view html, DocxOptions options) {
  Docx out;
  Result<doc::Document> document = doc::build_document(html, doc::RenderOptions{});
  if (!document.ok()) {
    ADD_FAILURE() << "build_document failed: " << document.error().detail;
    return out;
  }
  if (options.created.empty()) options.created = "2024-03-10T14:02:00Z";
  Result<std::string> bytes = write_docx(*document, options);
  if (!bytes.ok()) {
    ADD_FAILURE() << "write_docx failed: " << bytes.error().detail;
    return out;
  }
  out.bytes = std::move(bytes).value();
  out.parts = unzip(out.bytes);
  return out;
}

int count(std::string_view haystack, std::string_view needle) {
  int n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string_view::npos;
       pos = haystack.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

std::string read_test_file(const std::string& name) {
  return read_file(std::string(DOSSIER_DOCX_TEST_DIR) + "/" + name);
}

}  // namespace dossier::docx::testing
