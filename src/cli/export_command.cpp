#include "cli/export_command.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "audit/audit_log.h"
#include "cli/commands.h"
#include "pipeline/batch_export.h"

namespace dossier::cli {
namespace {

// The API's batch body from the command line's options.
Result<pipeline::BatchRequest> request_of(const ExportArgs& args) {
  Json body = Json::object();
  if (!args.options.empty()) {
    body = Json::parse(args.options, nullptr, false);
    if (!body.is_object()) return Error::validation("--options", "must be a JSON object");
  }
  body["export_type"] = args.type;
  body["format"] = args.format;
  if (args.caseload) {
    body["caseload"] = true;
  } else if (!args.patients.empty()) {
    Json ids = Json::array();
    std::string_view rest = args.patients;
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      ids.push_back(std::string(rest.substr(0, comma)));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    body["patient_ids"] = ids;
  }
  return pipeline::parse_batch_request(body);
}

Result<auth::Caller> caller_of(db::Database& db, const std::string& user_id) {
  DOSSIER_ASSIGN_OR_RETURN(Json user,
                           db.query_one("SELECT id, role FROM users WHERE id = ?", {user_id}));
  if (user.is_null()) return Error::not_found("user");
  const auto role = auth::parse_role(user["role"].get<std::string>());
  if (!role) return Error::internal("the user has an unknown role");
  return auth::Caller{user_id, *role, "", "dossier-cli"};
}

// "[#########...........]  12/40" redrawn in place; only on a terminal.
void draw_progress(int64_t done, int64_t total) {
  constexpr int kWidth = 30;
  const int filled = total > 0 ? static_cast<int>(kWidth * done / total) : kWidth;
  std::fprintf(stderr, "\r[%s%s] %lld/%lld", std::string(filled, '#').c_str(),
               std::string(kWidth - filled, '.').c_str(), static_cast<long long>(done),
               static_cast<long long>(total));
  if (done == total) std::fputc('\n', stderr);
  std::fflush(stderr);
}

void print_summary(const pipeline::ZipSummary& s, const std::string& out) {
  std::cout << "Exported " << s.done << " of " << s.total << " patients to " << out << " ("
            << s.bytes << " bytes); " << s.failures.size() << " failed.\n";
  for (const auto& f : s.failures) std::cout << "  failed " << f.unit << ": " << f.reason << "\n";
}

}  // namespace

void add_export_options(CLI::App& command, ExportArgs& args) {
  add_location_options(command, args.location);
  command.add_option("--user", args.user_id, "The user whose export it is (their id)")->required();
  command
      .add_option("--type", args.type,
                  "progress_report, treatment_summary, full_record or "
                  "insurance_report")
      ->required();
  command.add_option("--format", args.format, "pdf, docx, json, csv, xlsx, fhir, …")->required();
  auto* patients = command.add_option("--patients", args.patients, "Patient ids, comma-separated");
  auto* caseload = command.add_flag("--caseload", args.caseload, "Every patient the user may see");
  patients->excludes(caseload);
  command.add_option("--options", args.options,
                     "Further members of a single export's body, as a JSON object");
  command.add_option("--out", args.out, "The ZIP to write")->required();
}

int run_export(const ExportArgs& args) {
  auto request = request_of(args);
  if (!request.ok()) {
    fail_with("the export is not valid", request.error());
    return 2;
  }
  auto env = open_environment(args.location, {.pool_size = 3});
  if (!env.ok()) return fail_with("cannot open the practice", env.error());
  auto caller = caller_of(*env->db, args.user_id);
  if (!caller.ok()) return fail_with("cannot export for this user", caller.error());
  auto patients = pipeline::batch_patient_ids(*env->db, *caller, *request);
  if (!patients.ok()) return fail_with("cannot list the patients", patients.error());
  if (auto created = pipeline::record_batch_without_job(*env->db, env->audit_key, *caller, *request,
                                                        patients->size());
      !created.ok()) {
    return fail_with("cannot record the export", created.error());
  }
  const std::string part = args.out + ".part";
  std::ofstream file(part, std::ios::binary | std::ios::trunc);
  if (!file) return fail("cannot write " + part);
  pipeline::BatchOptions options;
  if (isatty(STDERR_FILENO)) options.progress = draw_progress;
  auto summary = pipeline::run_batch(
      *env->db, *caller, *request,
      [&file](std::string_view bytes) -> Status {
        file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!file) return Error::internal("write failed");
        return {};
      },
      options);
  file.close();
  std::error_code ignored;
  if (!summary.ok() || !file) {
    std::filesystem::remove(part, ignored);
    return fail_with("the export failed",
                     summary.ok() ? Error::internal("write failed") : summary.error());
  }
  std::filesystem::rename(part, args.out, ignored);
  if (ignored) return fail("cannot write " + args.out);
  print_summary(*summary, args.out);
  return summary->failures.empty() ? 0 : 1;
}

}  // namespace dossier::cli
