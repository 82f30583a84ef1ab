// Delivery of scheduled runs once their export is done, as the schedule says:
//
//   storage  the job is in its owner's job list already; with delivery.copy_to_directory the
//            file is also copied (decrypted) to the directory the service was given
//   email    a message to the owner's address on file with a signed download link (24 hours,
//            never past the file) and nothing about the client in its subject or body; with
//            an attachment password set, the PDF attached, encrypted with it (attachment.h)
//
// A failed email is retried with backoff (1, 5, 15, 60 minutes), then the run fails with the
// last error; each attempt's error shows on the run. A run is taken for an attempt by a
// compare-and-set on its attempt count, so two processes do not send it twice (a process
// that dies while sending leaves it to be sent again after the attempt's lease).
#pragma once

#include <optional>
#include <string>

#include "audit/audit_chain.h"
#include "auth/signed_links.h"
#include "core/clock.h"
#include "core/result.h"
#include "db/database.h"
#include "schedule/mailer.h"
#include "storage/blob_store.h"
#include "storage/key_ring.h"

namespace dossier::schedule {

struct DeliveryOptions {
  std::string public_url;            //!< where links point: "https://dossier.example.org"
  std::string copy_directory;        //!< "" when the service copies nowhere
  std::optional<SmtpSettings> smtp;  //!< nullopt when email is not configured
  std::chrono::hours link_lifetime{24};
  int max_attempts = 5;
};

class Deliverer {
 public:
  //! `keys` open attachment passwords; null when no schedule may have one (tests).
  Deliverer(db::Database& db, storage::BlobStore& files, storage::KeyRing* keys,
            const auth::LinkSigner& links, const audit::ChainKey& audit_key, const Clock& clock,
            DeliveryOptions options)
      : db_(db),
        files_(files),
        keys_(keys),
        links_(links),
        audit_key_(audit_key),
        clock_(clock),
        options_(std::move(options)) {}

  //! Delivers every run whose export finished and whose next attempt is due. Returns the
  //! runs it finished (delivered or failed for good).
  Result<int> deliver_due();

 private:
  //! One attempt at `run` (a schedule_runs row joined with its job and schedule).
  Result<bool> attempt(const Json& run);
  Status deliver(const Json& run);
  Status send_email(const Json& run);
  Result<std::optional<MailAttachment>> attachment_of(const Json& run);
  Status copy_file(const Json& run);
  Status finish(const Json& run, const std::string& status, const std::string& error);
  Status retry_later(const Json& run, int attempts, const std::string& error);

  db::Database& db_;
  storage::BlobStore& files_;
  storage::KeyRing* keys_;
  const auth::LinkSigner& links_;
  const audit::ChainKey& audit_key_;
  const Clock& clock_;
  DeliveryOptions options_;
};

}  // namespace dossier::schedule
