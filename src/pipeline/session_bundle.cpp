#include "pipeline/session_bundle.h"

#include "pipeline/ordered_zip.h"
#include "pipeline/producer.h"

namespace dossier::pipeline {
namespace {

Json parameters_of(const Json& job) {
  const Json& p = job["parameters"];
  return p.is_string() ? Json::parse(p.get<std::string>(), nullptr, false) : p;
}

}  // namespace

bool is_zip_bundle(const Json& job) {
  if (job.value("export_type", std::string()) != "session_notes") return false;
  const Json parameters = parameters_of(job);
  return parameters.is_object() &&
         parameters.value("options", Json::object()).value("bundle", std::string()) == "zip";
}

Result<jobs::ProducedFile> produce_session_bundle(db::Database& db, const Json& job,
                                                  const ByteSink& out, int threads) {
  const Json parameters = parameters_of(job);
  std::vector<std::string> sessions;
  for (const auto& id : parameters["session_ids"]) sessions.push_back(id.get<std::string>());
  OrderedZipOptions zip;
  zip.threads = threads;
  zip.unit_key = "session_id";
  zip.manifest_head = {{"export_type", "session_notes"}, {"format", job["format"]}};
  // The sessions were checked against the patient and the caller when the job was made.
  const RenderUnit render = [&](const std::string& session_id) -> Result<UnitDocument> {
    Json one = parameters;
    one["session_ids"] = Json::array({session_id});
    Json row = job;
    row["parameters"] = one.dump();
    DOSSIER_ASSIGN_OR_RETURN(Produced p, produce_collected(db, row));
    return UnitDocument{std::move(p.file.bytes), p.file.extension, std::move(p.redaction)};
  };
  DOSSIER_ASSIGN_OR_RETURN(ZipSummary summary, write_ordered_zip(sessions, render, out, zip));
  jobs::ProducedFile file{".zip", {}, nullptr, nullptr};
  if (!summary.failures.empty()) {
    file.notes.push_back(std::to_string(summary.failures.size()) +
                         " sessions failed; manifest.json lists them");
  }
  return file;
}

}  // namespace dossier::pipeline
