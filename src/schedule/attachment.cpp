#include "schedule/attachment.h"

#include "core/crypto.h"
#include "doc/encrypt_pdf.h"
#include "storage/sealed_secret.h"

namespace dossier::schedule {

Result<std::optional<MailAttachment>> protected_attachment(storage::BlobStore& files,
                                                           storage::KeyRing& keys,
                                                           const Json& run) {
  DOSSIER_ASSIGN_OR_RETURN(std::string password,
                           storage::open_secret(keys, run["schedule_id"].get<std::string>(),
                                                run["attachment_password"].get<std::string>()));
  DOSSIER_ASSIGN_OR_RETURN(auto reader, files.open_reader(run["file_path"].get<std::string>()));
  if (reader->size() > kMaxAttachmentBytes) return std::optional<MailAttachment>();
  std::string pdf;
  pdf.resize(static_cast<size_t>(reader->size()));
  size_t have = 0;
  while (have < pdf.size()) {
    DOSSIER_ASSIGN_OR_RETURN(size_t n, reader->read(pdf.data() + have, pdf.size() - have));
    if (n == 0) return Error::internal("the stored file ended early");
    have += n;
  }
  // The owner password would lift restrictions, and there are none (printing and copying stay
  // allowed): a random one that nobody keeps.
  DOSSIER_ASSIGN_OR_RETURN(std::string encrypted,
                           doc::encrypt_pdf(std::move(pdf), password, crypto::random_token(24)));
  return std::optional<MailAttachment>(
      MailAttachment{run["export_type"].get<std::string>() + "-" +
                         run["slot_at"].get<std::string>().substr(0, 10) + ".pdf",
                     "application/pdf", std::move(encrypted)});
}

}  // namespace dossier::schedule
