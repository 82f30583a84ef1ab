// Batch exports over a demo practice: the ZIP read back with libzip, its manifest against
// the entries' own bytes, a failure in the middle that the rest outlives, progress after
// each patient, patient order kept with two renderers, and request checking.
#include "pipeline/batch_export.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <map>
#include <memory>

#include "core/crypto.h"
#include "core/ids.h"
#include "pipeline/demo_suite_fixture.h"

namespace dossier::pipeline {
namespace {

// Every entry by name, in archive order; libzip checks each CRC-32 as it reads.
std::vector<std::pair<std::string, std::string>> read_zip(const std::string& archive) {
  std::vector<std::pair<std::string, std::string>> out;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(archive.data(), archive.size(), 0, &error);
  EXPECT_NE(src, nullptr);
  std::unique_ptr<zip_t, decltype(&zip_discard)> z(
      zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error), &zip_discard);
  EXPECT_NE(z, nullptr) << zip_error_strerror(&error);
  if (!z) {
    zip_source_free(src);
    return out;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(z.get(), 0); ++i) {
    zip_stat_t st;
    zip_stat_index(z.get(), i, 0, &st);
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> f(zip_fopen_index(z.get(), i, 0),
                                                         &zip_fclose);
    std::string data(st.size, '\0');
    EXPECT_EQ(zip_fread(f.get(), data.data(), st.size), static_cast<zip_int64_t>(st.size));
    out.emplace_back(st.name, std::move(data));
  }
  return out;
}

class BatchExportTest : public testing::DemoSuite<BatchExportTest, 6> {
 protected:
  static auth::Caller therapist(size_t i = 0) {
    return {tokens_->therapists.at(i).user_id, auth::Role::kTherapist, {}, {}};
  }

  static BatchRequest request(const Json& body) {
    auto parsed = parse_batch_request(body);
    EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().summary());
    return parsed.ok() ? *parsed : BatchRequest{};
  }

  struct Run {
    ZipSummary summary;
    std::vector<std::pair<std::string, std::string>> entries;
    Json manifest;
    std::vector<std::pair<int64_t, int64_t>> progress;
  };

  static Run run(const auth::Caller& caller, const BatchRequest& req, int threads = 2) {
    Run r;
    std::string archive;
    BatchOptions options;
    options.threads = threads;
    options.job_id = new_uuid();
    options.progress = [&r](int64_t done, int64_t total) { r.progress.emplace_back(done, total); };
    auto summary = run_batch(
        *db_, caller, req,
        [&archive](std::string_view b) {
          archive.append(b);
          return Status{};
        },
        options);
    EXPECT_TRUE(summary.ok()) << (summary.ok() ? "" : summary.error().summary());
    if (!summary.ok()) return r;
    r.summary = *summary;
    EXPECT_EQ(r.summary.bytes, static_cast<int64_t>(archive.size()));
    r.entries = read_zip(archive);
    EXPECT_FALSE(r.entries.empty());
    if (!r.entries.empty()) {
      EXPECT_EQ(r.entries.back().first, "manifest.json");
      r.manifest = Json::parse(r.entries.back().second);
    }
    return r;
  }
};

TEST_F(BatchExportTest, ManifestDescribesEachEntryOfTheZip) {
  std::vector<std::string> own = tokens_->therapists.at(0).patient_ids;
  std::sort(own.begin(), own.end());
  const Run r =
      run(therapist(),
          request({{"caseload", true}, {"export_type", "full_record"}, {"format", "json"}}));
  ASSERT_EQ(r.entries.size(), own.size() + 1);
  EXPECT_EQ(r.manifest["total"], own.size());
  EXPECT_EQ(r.manifest["failures"], Json::array());
  ASSERT_EQ(r.manifest["files"].size(), own.size());
  for (size_t i = 0; i < own.size(); ++i) {
    const Json& f = r.manifest["files"][i];
    EXPECT_EQ(f["patient_id"], own[i]);
    EXPECT_EQ(f["name"], own[i] + ".json");
    EXPECT_EQ(r.entries[i].first, f["name"]);
    EXPECT_EQ(f["size"], r.entries[i].second.size());
    EXPECT_EQ(f["sha256"], crypto::sha256_hex(r.entries[i].second));
    EXPECT_TRUE(f["redaction"].is_object());
    const Json doc = Json::parse(r.entries[i].second);
    EXPECT_EQ(doc["tables"]["patients"][0]["id"], own[i]);
  }
}

TEST_F(BatchExportTest, AFailureInTheMiddleIsListedAndTheRestComplete) {
  const auto& own = tokens_->therapists.at(0).patient_ids;
  const std::string foreign = tokens_->therapists.at(1).patient_ids.at(0);
  const std::string missing = new_uuid();
  const std::vector<std::string> ids = {own.at(0), foreign, missing, own.at(1)};
  const Run r =
      run(therapist(),
          request({{"patient_ids", ids}, {"export_type", "progress_report"}, {"format", "json"}}));
  EXPECT_EQ(r.summary.done, 2);
  ASSERT_EQ(r.entries.size(), 3u);
  EXPECT_EQ(r.entries[0].first, own.at(0) + ".json");
  EXPECT_EQ(r.entries[1].first, own.at(1) + ".json");
  const Json expected = Json::array({{{"patient_id", foreign}, {"reason", "not found"}},
                                     {{"patient_id", missing}, {"reason", "not found"}}});
  EXPECT_EQ(r.manifest["failures"], expected);
  EXPECT_EQ(r.manifest["failed"], 2);
  const std::vector<std::pair<int64_t, int64_t>> progress = {{1, 4}, {2, 4}, {3, 4}, {4, 4}};
  EXPECT_EQ(r.progress, progress);
}

TEST_F(BatchExportTest, OneRendererAndTwoGiveTheSameEntriesInOrder) {
  const BatchRequest req =
      request({{"caseload", true}, {"export_type", "treatment_summary"}, {"format", "csv"}});
  const auth::Caller admin{tokens_->admin.user_id, auth::Role::kAdmin, {}, {}};
  const Run one = run(admin, req, 1);
  const Run two = run(admin, req, 2);
  ASSERT_EQ(one.entries.size(), two.entries.size());
  EXPECT_GT(one.entries.size(), 6u);  // every patient of the practice, and the manifest
  for (size_t i = 0; i + 1 < one.entries.size(); ++i) {
    EXPECT_EQ(one.entries[i].first, two.entries[i].first);
    EXPECT_EQ(one.manifest["files"][i]["patient_id"], two.manifest["files"][i]["patient_id"]);
  }
}

TEST_F(BatchExportTest, ASinkFailureStopsTheBatch) {
  int calls = 0;
  BatchOptions options;
  auto summary = run_batch(
      *db_, therapist(),
      request({{"caseload", true}, {"export_type", "full_record"}, {"format", "json"}}),
      [&calls](std::string_view) {
        ++calls;
        return Status(Error::make(ErrorCode::kUnavailable, "disk"));
      },
      options);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(calls, 1);  // nothing more is written after the sink failed
}

TEST(BatchRequest, NamesTheFieldOfEachProblem) {
  const std::vector<std::pair<Json, std::string>> cases = {
      {{{"caseload", true}, {"format", "pdf"}}, "export_type"},
      {{{"caseload", true}, {"export_type", "session_notes"}, {"format", "pdf"}}, "export_type"},
      {{{"export_type", "full_record"}, {"format", "pdf"}}, "patient_ids"},
      {{{"caseload", false}, {"export_type", "full_record"}, {"format", "pdf"}}, "caseload"},
      {{{"patient_ids", Json::array({"x"})}, {"export_type", "full_record"}, {"format", "pdf"}},
       "patient_ids[0]"},
      {{{"caseload", true}, {"export_type", "full_record"}, {"format", "tiff"}}, "format"},
      {{{"caseload", true}, {"export_type", "insurance_report"}, {"format", "x12"}}, "format"},
      {{{"caseload", true},
        {"export_type", "full_record"},
        {"format", "pdf"},
        {"patient_id", new_uuid()}},
       "patient_id"},
  };
  for (const auto& [body, field] : cases) {
    auto parsed = parse_batch_request(body);
    ASSERT_FALSE(parsed.ok()) << body.dump();
    EXPECT_EQ(parsed.error().code, ErrorCode::kValidation);
    bool named = false;
    for (const auto& f : parsed.error().fields) named = named || f.path == field;
    EXPECT_TRUE(named) << body.dump() << " → " << parsed.error().summary();
  }
}

TEST(BatchRequest, SurvivesTheJobsParameters) {
  auto parsed = parse_batch_request({{"patient_ids", Json::array({new_uuid()})},
                                     {"export_type", "progress_report"},
                                     {"format", "pdf"},
                                     {"purpose", "records request"}});
  ASSERT_TRUE(parsed.ok()) << parsed.error().summary();
  auto back = batch_request_from(Json::parse(batch_request_json(*parsed).dump()));
  ASSERT_TRUE(back.ok()) << back.error().summary();
  EXPECT_EQ(back->patient_ids, parsed->patient_ids);
  EXPECT_EQ(back->format, "pdf");
  EXPECT_EQ(back->options, parsed->options);
}

}  // namespace
}  // namespace dossier::pipeline
