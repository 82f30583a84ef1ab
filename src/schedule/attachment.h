// The file an email carries when its schedule's owner set an attachment password: the run's
// PDF encrypted with that password (AES-256, doc/encrypt_pdf.h), so that the message can sit
// in mailboxes and relays without exposing the client's record to whoever reads it there.
#pragma once

#include <optional>

#include "core/json.h"
#include "core/result.h"
#include "schedule/mailer.h"
#include "storage/blob_store.h"
#include "storage/key_ring.h"

namespace dossier::schedule {

//! Past this size a message carries only its link: mail servers commonly refuse more.
inline constexpr int64_t kMaxAttachmentBytes = 10 << 20;

//! The encrypted PDF of `run` (schedule_id, attachment_password sealed for the schedule,
//! file_path, export_type, slot_at), named by type and date only; nullopt when the stored
//! file is larger than kMaxAttachmentBytes.
Result<std::optional<MailAttachment>> protected_attachment(storage::BlobStore& files,
                                                           storage::KeyRing& keys, const Json& run);

}  // namespace dossier::schedule
