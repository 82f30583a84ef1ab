#include "schedule/mailer.h"

#include <fstream>
#include <sstream>

#include "core/clock.h"
#include "core/curl.h"
#include "core/ids.h"
#include "core/json.h"

namespace dossier::schedule {
namespace {

struct MimeDeleter {
  void operator()(curl_mime* mime) const { curl_mime_free(mime); }
};
using Mime = std::unique_ptr<curl_mime, MimeDeleter>;

// An address goes into the envelope and a header as it is: nothing that could end a line or
// hide a second address.
bool plausible_address(const std::string& address) {
  const auto at = address.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == address.size()) return false;
  for (char c : address) {
    if (c == '\r' || c == '\n' || c == '<' || c == '>' || c == ',' || c == ' ' || c == '\0') {
      return false;
    }
  }
  return address.size() <= 254;
}

Result<Json> read_settings_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Json::object();
  std::stringstream text;
  text << in.rdbuf();
  Json file = Json::parse(text.str(), nullptr, false);
  if (!file.is_object()) return Error::validation("smtp.json", "must be a JSON object");
  return file;
}

// A member from the environment when set there, else from the file.
Result<std::string> member(const Json& file, const EnvLookup& env, const char* name,
                           const char* variable) {
  if (const char* v = env(variable); v != nullptr && *v != '\0') return std::string(v);
  const auto it = file.find(name);
  if (it == file.end() || it->is_null()) return std::string();
  if (!it->is_string()) return Error::validation(std::string("smtp.json.") + name, "must be text");
  return it->get<std::string>();
}

std::string rfc5322_date() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char out[64];
  std::strftime(out, sizeof out, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return out;
}

std::string domain_of(const std::string& address) {
  return address.substr(address.find('@') + 1);
}

Result<Mime> build_body(CURL* easy, const MailMessage& message) {
  Mime mime(curl_mime_init(easy));
  if (!mime) return Error::internal("out of memory");
  curl_mimepart* text = curl_mime_addpart(mime.get());
  curl_mime_data(text, message.text.data(), message.text.size());
  curl_mime_type(text, "text/plain; charset=utf-8");
  curl_mime_encoder(text, "quoted-printable");
  if (message.attachment) {
    const MailAttachment& a = *message.attachment;
    curl_mimepart* file = curl_mime_addpart(mime.get());
    curl_mime_data(file, a.bytes.data(), a.bytes.size());
    curl_mime_type(file, a.content_type.c_str());
    curl_mime_filename(file, a.filename.c_str());
    curl_mime_encoder(file, "base64");
  }
  return mime;
}

Result<curl::Slist> headers(const SmtpSettings& settings, const MailMessage& message) {
  curl::Slist list;
  const bool ok =
      curl::append(list, "From: " + settings.from) && curl::append(list, "To: " + message.to) &&
      curl::append(list, "Subject: " + message.subject) &&
      curl::append(list, "Date: " + rfc5322_date()) &&
      curl::append(list, "Message-ID: <" + new_uuid() + "@" + domain_of(settings.from) + ">");
  if (!ok) return Error::internal("out of memory");
  return list;
}

void set_transport(CURL* easy, const SmtpSettings& settings) {
  curl_easy_setopt(easy, CURLOPT_URL, settings.url.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  if (settings.starttls) curl_easy_setopt(easy, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!settings.ca_file.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, settings.ca_file.c_str());
  if (!settings.username.empty()) {
    curl_easy_setopt(easy, CURLOPT_USERNAME, settings.username.c_str());
    curl_easy_setopt(easy, CURLOPT_PASSWORD, settings.password.c_str());
  }
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT, 20L);
  curl_easy_setopt(easy, CURLOPT_TIMEOUT, 120L);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
}

}  // namespace

Result<std::optional<SmtpSettings>> load_smtp_settings(const std::string& data_dir,
                                                       const EnvLookup& env) {
  DOSSIER_ASSIGN_OR_RETURN(Json file, read_settings_file(data_dir + "/smtp.json"));
  SmtpSettings s;
  DOSSIER_ASSIGN_OR_RETURN(s.url, member(file, env, "url", "DOSSIER_SMTP_URL"));
  if (s.url.empty()) return std::optional<SmtpSettings>();
  if (!s.url.starts_with("smtp://") && !s.url.starts_with("smtps://")) {
    return Error::validation("DOSSIER_SMTP_URL", "must start with smtp:// or smtps://");
  }
  DOSSIER_ASSIGN_OR_RETURN(s.username, member(file, env, "username", "DOSSIER_SMTP_USERNAME"));
  DOSSIER_ASSIGN_OR_RETURN(s.password, member(file, env, "password", "DOSSIER_SMTP_PASSWORD"));
  DOSSIER_ASSIGN_OR_RETURN(s.from, member(file, env, "from", "DOSSIER_SMTP_FROM"));
  if (!plausible_address(s.from)) {
    return Error::validation("DOSSIER_SMTP_FROM", "must be the sender's email address");
  }
  DOSSIER_ASSIGN_OR_RETURN(std::string tls, member(file, env, "tls", "DOSSIER_SMTP_TLS"));
  if (!tls.empty() && tls != "starttls" && tls != "none") {
    return Error::validation("DOSSIER_SMTP_TLS", "must be starttls or none");
  }
  // smtps:// is TLS from the first byte; STARTTLS is for smtp:// only.
  s.starttls = tls != "none" && s.url.starts_with("smtp://");
  DOSSIER_ASSIGN_OR_RETURN(s.ca_file, member(file, env, "ca_file", "DOSSIER_SMTP_CA_FILE"));
  return std::optional<SmtpSettings>(std::move(s));
}

Status send_mail(const SmtpSettings& settings, const MailMessage& message) {
  if (!plausible_address(message.to)) {
    return Error::validation("to", "is not an email address");
  }
  if (!curl::init_once()) return Error::internal("libcurl could not be initialised");
  curl::Easy easy(curl_easy_init());
  if (!easy) return Error::internal("out of memory");
  set_transport(easy.get(), settings);
  const std::string from = "<" + settings.from + ">";
  curl_easy_setopt(easy.get(), CURLOPT_MAIL_FROM, from.c_str());
  curl::Slist recipients;
  if (!curl::append(recipients, "<" + message.to + ">")) return Error::internal("out of memory");
  curl_easy_setopt(easy.get(), CURLOPT_MAIL_RCPT, recipients.get());
  DOSSIER_ASSIGN_OR_RETURN(curl::Slist header_lines, headers(settings, message));
  curl_easy_setopt(easy.get(), CURLOPT_HTTPHEADER, header_lines.get());
  DOSSIER_ASSIGN_OR_RETURN(Mime body, build_body(easy.get(), message));
  curl_easy_setopt(easy.get(), CURLOPT_MIMEPOST, body.get());
  char detail[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(easy.get(), CURLOPT_ERRORBUFFER, detail);
  const CURLcode rc = curl_easy_perform(easy.get());
  if (rc != CURLE_OK) {
    // curl's words name the step (connect, STARTTLS, login, a refused recipient), never the
    // message's content.
    return Error::make(ErrorCode::kUnavailable, std::string("the mail server: ") +
                                                    (*detail ? detail : curl_easy_strerror(rc)));
  }
  return {};
}

}  // namespace dossier::schedule
