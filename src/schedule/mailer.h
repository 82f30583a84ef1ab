// Email through an SMTP server, with libcurl: STARTTLS (required unless the settings say
// otherwise) or TLS from the start (smtps://), and authentication when a username is set.
//
// Settings come from <data dir>/smtp.json, each member overridable from the environment:
//
//   {"url": "smtp://mail.example.org:587",   DOSSIER_SMTP_URL       smtp:// or smtps://
//    "username": "dossier",                   DOSSIER_SMTP_USERNAME
//    "password": "…",                         DOSSIER_SMTP_PASSWORD
//    "from": "reports@example.org",           DOSSIER_SMTP_FROM
//    "tls": "starttls",                       DOSSIER_SMTP_TLS       starttls | none (smtps://
//                                                                    is TLS from the start)
//    "ca_file": "/etc/ssl/private-ca.pem"}    DOSSIER_SMTP_CA_FILE   a CA besides the system's
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/result.h"

namespace dossier::schedule {

struct SmtpSettings {
  std::string url;
  std::string username;
  std::string password;
  std::string from;
  bool starttls = true;
  std::string ca_file;
};

struct MailAttachment {
  std::string filename;
  std::string content_type;
  std::string bytes;
};

struct MailMessage {
  std::string to;
  std::string subject;
  std::string text;  //!< plain text, UTF-8
  std::optional<MailAttachment> attachment;
};

using EnvLookup = std::function<const char*(const char*)>;

//! The settings of `data_dir`'s smtp.json under the environment's; nullopt when no URL is set
//! anywhere (email is not configured). kValidation naming the member or variable at fault.
Result<std::optional<SmtpSettings>> load_smtp_settings(const std::string& data_dir,
                                                       const EnvLookup& env);

//! Sends `message`. kValidation for an address that cannot be one; kUnavailable with curl's
//! words when the server cannot be reached, will not do TLS, refuses the login or the message.
Status send_mail(const SmtpSettings& settings, const MailMessage& message);

}  // namespace dossier::schedule
