#include "schedule/attachment.h"

#include <gtest/gtest.h>

#include "doc/render.h"
#include "storage/sealed_secret.h"
#include "support/test_support.h"

namespace dossier::schedule {
namespace {

using dossier::testing::run;
using dossier::testing::TempDir;

class AttachmentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    files_ = storage::make_local_blob_store(dir_.path() + "/files");
    keys_ = *storage::KeyRing::open(dir_.path() + "/keys");
  }

  //! A run of schedule "s-1" whose stored file is `bytes`, with `password` sealed for it.
  Json stored_run(const std::string& bytes, const std::string& password) {
    EXPECT_TRUE(files_->put("job.pdf", bytes).ok());
    return {{"schedule_id", "s-1"},
            {"attachment_password", *storage::seal_secret(*keys_, "s-1", password)},
            {"file_path", "job.pdf"},
            {"export_type", "progress_report"},
            {"slot_at", "2027-02-01T13:00:00.000Z"}};
  }

  TempDir dir_;
  std::unique_ptr<storage::BlobStore> files_;
  std::shared_ptr<storage::KeyRing> keys_;
};

TEST_F(AttachmentTest, ThePdfOpensWithTheOwnersPasswordOnly) {
  auto pdf = doc::render_pdf("<h1>Progress Report</h1><p>Scores fell from 14 to 6.</p>", {});
  ASSERT_TRUE(pdf.ok()) << pdf.error().detail;
  auto attached = protected_attachment(*files_, *keys_, stored_run(pdf->bytes, "river-stone-42x"));
  ASSERT_TRUE(attached.ok()) << attached.error().detail;
  ASSERT_TRUE(attached->has_value());
  const MailAttachment& a = **attached;
  EXPECT_EQ(a.filename, "progress_report-2027-02-01.pdf");
  EXPECT_EQ(a.content_type, "application/pdf");
  EXPECT_EQ(a.bytes.find("Scores fell"), std::string::npos);
  const std::string path = dir_.write("attached.pdf", a.bytes);
  const auto encryption = run("qpdf --show-encryption '" + path + "'");
  EXPECT_NE(encryption.output.find("AESv3"), std::string::npos) << encryption.output;
  EXPECT_NE(run("pdftotext '" + path + "' -").exit_code, 0) << "opened without a password";
  EXPECT_NE(run("pdftotext -upw wrong-password '" + path + "' -").exit_code, 0);
  const auto text = run("pdftotext -upw river-stone-42x '" + path + "' -");
  ASSERT_EQ(text.exit_code, 0) << text.output;
  EXPECT_NE(text.output.find("Scores fell from 14 to 6."), std::string::npos) << text.output;
}

TEST_F(AttachmentTest, AFileTooLargeForMailIsNotAttached) {
  auto attached = protected_attachment(
      *files_, *keys_, stored_run(std::string(kMaxAttachmentBytes + 1, 'x'), "river-stone-42x"));
  ASSERT_TRUE(attached.ok());
  EXPECT_FALSE(attached->has_value());
}

TEST_F(AttachmentTest, APasswordSealedForAnotherScheduleDoesNotOpen) {
  Json r = stored_run("%PDF-1.7", "river-stone-42x");
  r["schedule_id"] = "s-2";
  auto attached = protected_attachment(*files_, *keys_, r);
  ASSERT_FALSE(attached.ok());
  EXPECT_TRUE(storage::is_integrity_failure(attached.error()));
}

}  // namespace
}  // namespace dossier::schedule
