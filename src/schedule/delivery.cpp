#include "schedule/delivery.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <filesystem>

#include "audit/audit_log.h"
#include "core/dates.h"
#include "core/log.h"
#include "jobs/export_types.h"
#include "schedule/attachment.h"

namespace dossier::schedule {
namespace {

using namespace std::chrono_literals;

constexpr std::array<std::chrono::minutes, 4> kBackoff = {1min, 5min, 15min, 60min};
// How long an attempt holds its run: a process that died sending leaves it for this long.
constexpr std::chrono::minutes kAttemptLease = 10min;

constexpr const char* kDueRuns =
    "SELECT r.id, r.schedule_id, r.slot_at, r.delivery_attempts, r.export_job_id AS job_id, "
    "j.status AS job_status, j.error_message AS job_error, j.deleted_at AS job_deleted_at, "
    "j.expired_at AS job_expired_at, j.expires_at AS job_expires_at, j.file_path, j.format, "
    "j.export_type, j.patient_id, s.user_id, s.delivery_method, s.delivery, "
    "s.attachment_password "
    "FROM schedule_runs r JOIN export_jobs j ON j.id = r.export_job_id "
    "JOIN scheduled_reports s ON s.id = r.schedule_id "
    "WHERE r.status IN ('queued', 'delivering') AND (r.next_attempt_at IS NULL OR "
    "r.next_attempt_at <= ?) AND (j.status IN ('completed', 'failed') OR j.deleted_at IS NOT "
    "NULL) ORDER BY r.slot_at LIMIT 50";

std::string words_of(const std::string& export_type) {
  std::string words = export_type;
  for (char& c : words) c = c == '_' ? ' ' : c;
  if (!words.empty())
    words[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(words[0])));
  return words;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// "2027-02-01 13:00 UTC"
std::string readable(const std::string& timestamp) {
  return timestamp.substr(0, 10) + " " + timestamp.substr(11, 5) + " UTC";
}

// The message's words: what the report is and where to get it, nothing about the client.
std::string message_text(const Json& run, const std::string& link, const std::string& expires,
                         const std::string& practice_name, bool attached) {
  std::string text =
      "A report you scheduled in Dossier is ready.\n\nReport: " + words_of(run["export_type"]) +
      " (" + upper(run["format"]) + ")\nScheduled for: " + readable(run["slot_at"]) + "\n\n";
  if (attached) {
    text +=
        "It is attached as a PDF encrypted with the password you set for this schedule. "
        "It is also here until " +
        expires + ":\n" + link + "\n\n";
  } else {
    text += "Download it here; the link works until " + expires + ":\n" + link + "\n\n";
    text += run["attachment_password"].is_string()
                ? "It is too large to attach, even encrypted.\n\n"
                : "The report is not in this email: it holds client information, which email "
                  "does not protect.\n\n";
  }
  return text + "-- \n" + practice_name + ", by Dossier\n";
}

bool copy_requested(const Json& run) {
  const Json delivery = run["delivery"].is_string()
                            ? Json::parse(run["delivery"].get<std::string>(), nullptr, false)
                            : run["delivery"];
  return delivery.is_object() && delivery.value("copy_to_directory", false);
}

// Writes the stored file to `path` through a temporary file, so that a reader of the
// directory never sees half of it.
Status write_through(storage::BlobReader& reader, const std::filesystem::path& path) {
  const std::string temp = path.string() + ".part";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Error::make(ErrorCode::kUnavailable, "the copy directory is not writable");
  std::array<char, 1 << 16> buffer{};
  Status status;
  for (;;) {
    auto n = reader.read(buffer.data(), buffer.size());
    if (!n.ok()) {
      status = n.error();
      break;
    }
    if (*n == 0) break;
    if (::write(fd, buffer.data(), *n) != static_cast<ssize_t>(*n)) {
      status = Error::make(ErrorCode::kUnavailable, "the copy could not be written");
      break;
    }
  }
  if (status.ok() && ::fsync(fd) != 0) {
    status = Error::make(ErrorCode::kUnavailable, "the copy could not be written");
  }
  ::close(fd);
  if (status.ok() && ::rename(temp.c_str(), path.c_str()) != 0) {
    status = Error::make(ErrorCode::kUnavailable, "the copy could not be written");
  }
  if (!status.ok()) ::unlink(temp.c_str());
  return status;
}

}  // namespace

Result<int> Deliverer::deliver_due() {
  DOSSIER_ASSIGN_OR_RETURN(db::Rows runs, db_.query(kDueRuns, {format_timestamp(clock_.now())}));
  int finished = 0;
  for (const auto& run : runs) {
    auto done = attempt(run);
    if (!done.ok()) {
      log::error("delivery_failed", {{"run_id", run["id"]}, {"error", done.error().detail}});
      continue;
    }
    if (*done) ++finished;
  }
  return finished;
}

Result<bool> Deliverer::attempt(const Json& run) {
  const int attempts = static_cast<int>(run["delivery_attempts"].get<int64_t>()) + 1;
  DOSSIER_ASSIGN_OR_RETURN(
      int64_t taken,
      db_.execute(
          "UPDATE schedule_runs SET status = 'delivering', delivery_attempts = ?, "
          "next_attempt_at = ? WHERE id = ? AND delivery_attempts = ? AND status IN "
          "('queued', 'delivering')",
          {attempts, format_timestamp(clock_.now() + kAttemptLease), run["id"], attempts - 1}));
  if (taken == 0) return false;  // another process has it
  if (!run["job_deleted_at"].is_null() || !run["job_expired_at"].is_null()) {
    DOSSIER_TRY(finish(run, "failed", "the export was deleted before it was delivered"));
    return true;
  }
  if (run["job_status"] == "failed") {
    DOSSIER_TRY(finish(run, "failed", "the export failed: " + run["job_error"].get<std::string>()));
    return true;
  }
  Status delivered = deliver(run);
  if (delivered.ok()) return true;
  if (attempts >= options_.max_attempts) {
    DOSSIER_TRY(finish(run, "failed", delivered.error().summary()));
    return true;
  }
  DOSSIER_TRY(retry_later(run, attempts, delivered.error().summary()));
  return false;
}

Status Deliverer::deliver(const Json& run) {
  if (copy_requested(run)) DOSSIER_TRY(copy_file(run));
  if (run["delivery_method"] == "email") return send_email(run);
  return finish(run, "delivered", "");
}

Status Deliverer::copy_file(const Json& run) {
  if (options_.copy_directory.empty()) {
    return Error::validation("delivery.copy_to_directory",
                             "is set, but the service copies nowhere (serve --schedule-copy-dir)");
  }
  const std::filesystem::path dir =
      std::filesystem::path(options_.copy_directory) / run["schedule_id"].get<std::string>();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error::make(ErrorCode::kUnavailable, "the copy directory cannot be created");
  const std::string name =
      run["slot_at"].get<std::string>().substr(0, 10) + "-" +
      run["export_type"].get<std::string>() +
      jobs::extension_for(run["format"].get<std::string>(), run["export_type"].get<std::string>());
  DOSSIER_ASSIGN_OR_RETURN(auto reader, files_.open_reader(run["file_path"].get<std::string>()));
  return write_through(*reader, dir / name);
}

Status Deliverer::send_email(const Json& run) {
  if (!options_.smtp) {
    return Error::make(ErrorCode::kUnavailable,
                       "email is not configured (smtp.json in the data directory, or "
                       "DOSSIER_SMTP_URL)");
  }
  const std::string owner = run["user_id"];
  // The link acts for the owner: one who is no longer active gets no link.
  DOSSIER_ASSIGN_OR_RETURN(auth::Caller caller, auth::link_caller(db_, owner));
  caller.user_agent = "dossier scheduler";
  DOSSIER_ASSIGN_OR_RETURN(Json user,
                           db_.query_one("SELECT email FROM users WHERE id = ?", {owner}));
  if (user.is_null() || !user["email"].is_string()) {
    return Error::validation("delivery_method",
                             "the schedule's owner has no email address on file");
  }
  DOSSIER_ASSIGN_OR_RETURN(Json practice, db_.query_one("SELECT name FROM practice LIMIT 1"));
  TimePoint expires = clock_.now() + options_.link_lifetime;
  if (auto file_expiry = parse_timestamp(
          run["job_expires_at"].is_string() ? run["job_expires_at"].get<std::string>() : "");
      file_expiry && *file_expiry < expires) {
    expires = *file_expiry;
  }
  const auto expires_unix =
      std::chrono::duration_cast<std::chrono::seconds>(expires.time_since_epoch()).count();
  const std::string job_id = run["job_id"];
  const std::string link = options_.public_url + links_.download_path(job_id, owner, expires_unix);
  const std::string expires_text = format_timestamp(expires);
  const std::string practice_name =
      practice.is_null() ? "your practice" : practice["name"].get<std::string>();
  MailMessage message;
  message.to = user["email"];
  message.subject = "Your scheduled report is ready";
  DOSSIER_ASSIGN_OR_RETURN(message.attachment, attachment_of(run));
  message.text = message_text(run, link, readable(expires_text), practice_name,
                              message.attachment.has_value());
  DOSSIER_TRY(send_mail(*options_.smtp, message));
  return db_.transaction([&]() -> Status {
    DOSSIER_TRY(finish(run, "delivered", ""));
    return audit::append(db_, audit_key_, caller,
                         {"shared",
                          job_id,
                          run["patient_id"].is_string()
                              ? std::optional<std::string>(run["patient_id"].get<std::string>())
                              : std::nullopt,
                          {{"channel", "email"},
                           {"schedule_id", run["schedule_id"]},
                           {"link_expires_at", expires_text},
                           {"encrypted_attachment", message.attachment.has_value()}}});
  });
}

Result<std::optional<MailAttachment>> Deliverer::attachment_of(const Json& run) {
  if (!run["attachment_password"].is_string()) return std::optional<MailAttachment>();
  if (keys_ == nullptr) return Error::internal("no master keys to open the password with");
  return protected_attachment(files_, *keys_, run);
}

Status Deliverer::finish(const Json& run, const std::string& status, const std::string& error) {
  DOSSIER_TRY(db_.execute(
      "UPDATE schedule_runs SET status = ?, error = ?, next_attempt_at = NULL, finished_at = ? "
      "WHERE id = ?",
      {status, error.empty() ? Json(nullptr) : Json(error), format_timestamp(clock_.now()),
       run["id"]}));
  log::info("schedule_run_finished", {{"run_id", run["id"]}, {"status", status}});
  return {};
}

Status Deliverer::retry_later(const Json& run, int attempts, const std::string& error) {
  const size_t step = std::min(static_cast<size_t>(attempts - 1), kBackoff.size() - 1);
  DOSSIER_TRY(db_.execute("UPDATE schedule_runs SET error = ?, next_attempt_at = ? WHERE id = ?",
                          {error, format_timestamp(clock_.now() + kBackoff[step]), run["id"]}));
  return {};
}

}  // namespace dossier::schedule
