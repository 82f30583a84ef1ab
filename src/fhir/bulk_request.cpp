#include "fhir/bulk_request.h"

#include <algorithm>
#include <regex>
#include <set>

#include "core/clock.h"
#include "core/dates.h"

namespace dossier::fhir {
namespace {

const std::set<std::string>& known_parameters() {
  static const std::set<std::string> kKnown = {"_outputFormat", "_type", "_since"};
  return kKnown;
}

std::string header(const std::map<std::string, std::string>& headers, const std::string& name) {
  const auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

// Prefer is a comma list of preferences ("respond-async, handling=lenient"); the IG asks for
// respond-async and lets a client ask the server to ignore what it does not support.
bool prefers(const std::string& prefer, const std::string& preference) {
  size_t start = 0;
  while (start <= prefer.size()) {
    size_t end = prefer.find(',', start);
    if (end == std::string::npos) end = prefer.size();
    std::string item = prefer.substr(start, end - start);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (item == preference) return true;
    start = end + 1;
  }
  return false;
}

// The OperationOutcome of a refused kick-off is the only body the client will read before
// the job exists; a client that accepts neither FHIR JSON nor anything is told so.
bool accepts_fhir_json(const std::string& accept) {
  if (accept.empty()) return true;
  for (const char* ok : {"application/fhir+json", "application/json", "*/*", "application/*"}) {
    if (accept.find(ok) != std::string::npos) return true;
  }
  return false;
}

bool is_output_format(const std::string& format) {
  return format == "application/fhir+ndjson" || format == "application/ndjson" ||
         format == "ndjson";
}

Status parse_types(const std::string& list, std::vector<std::string>& types) {
  std::set<std::string> asked;
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    std::string type = list.substr(start, end - start);
    type.erase(0, type.find_first_not_of(' '));
    type.erase(type.find_last_not_of(' ') + 1);
    const auto& all = bulk_resource_types();
    if (std::find(all.begin(), all.end(), type) == all.end()) {
      // The value is a resource type name from a fixed vocabulary, never record content,
      // so naming it helps the client without disclosing anything.
      return Error::validation(
          "_type", "'" + type.substr(0, 40) + "' is not a resource type this server exports");
    }
    asked.insert(type);
    start = end + 1;
  }
  for (const auto& t : bulk_resource_types()) {
    if (asked.count(t)) types.push_back(t);
  }
  return {};
}

// A FHIR instant: seconds and a zone are required.
Result<std::string> parse_since(const std::string& text) {
  static const std::regex kInstant(
      R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2}))");
  const auto at = std::regex_match(text, kInstant) ? parse_timestamp(text) : std::nullopt;
  if (!at) {
    return Error::validation("_since", "must be a FHIR instant, e.g. 2026-01-31T12:00:00Z");
  }
  return format_timestamp(*at);
}

}  // namespace

const std::vector<std::string>& bulk_resource_types() {
  static const std::vector<std::string> kTypes = {"Organization",
                                                  "Practitioner",
                                                  "PractitionerRole",
                                                  "Patient",
                                                  "Coverage",
                                                  "Condition",
                                                  "Encounter",
                                                  "CarePlan",
                                                  "Goal",
                                                  "Observation",
                                                  "QuestionnaireResponse",
                                                  "Composition",
                                                  "DocumentReference",
                                                  "Provenance"};
  return kTypes;
}

Result<BulkRequest> parse_bulk_request(BulkLevel level, std::string group_id,
                                       const std::map<std::string, std::string>& headers,
                                       const std::map<std::string, std::string>& query) {
  const std::string prefer = header(headers, "prefer");
  if (!prefers(prefer, "respond-async")) {
    return Error::validation("Prefer", "a bulk export needs the header Prefer: respond-async");
  }
  if (!accepts_fhir_json(header(headers, "accept"))) {
    return Error::validation("Accept", "must accept application/fhir+json");
  }
  const bool lenient = prefers(prefer, "handling=lenient");
  BulkRequest request{level, std::move(group_id), {}, ""};
  for (const auto& [name, value] : query) {
    if (known_parameters().count(name)) continue;
    if (!lenient) {
      return Error::validation(name.substr(0, 40), "is not a parameter this server supports");
    }
  }
  if (const auto it = query.find("_outputFormat");
      it != query.end() && !is_output_format(it->second)) {
    return Error::validation("_outputFormat",
                             "must be application/fhir+ndjson, application/ndjson or ndjson");
  }
  if (const auto it = query.find("_type"); it != query.end()) {
    DOSSIER_TRY(parse_types(it->second, request.types));
  } else {
    request.types = bulk_resource_types();
  }
  if (const auto it = query.find("_since"); it != query.end()) {
    DOSSIER_ASSIGN_OR_RETURN(request.since, parse_since(it->second));
  }
  return request;
}

Json bulk_request_json(const BulkRequest& request) {
  const char* level = request.level == BulkLevel::kSystem    ? "system"
                      : request.level == BulkLevel::kPatient ? "patient"
                                                             : "group";
  Json j = {{"level", level}, {"types", request.types}};
  if (!request.group_id.empty()) j["group_id"] = request.group_id;
  if (!request.since.empty()) j["since"] = request.since;
  return j;
}

BulkRequest bulk_request_from(const Json& parameters) {
  BulkRequest r;
  const std::string level = parameters.value("level", std::string("system"));
  r.level = level == "group"     ? BulkLevel::kGroup
            : level == "patient" ? BulkLevel::kPatient
                                 : BulkLevel::kSystem;
  r.group_id = parameters.value("group_id", std::string());
  r.since = parameters.value("since", std::string());
  if (parameters.contains("types") && parameters["types"].is_array()) {
    for (const auto& t : parameters["types"]) r.types.push_back(t.get<std::string>());
  } else {
    r.types = bulk_resource_types();
  }
  return r;
}

}  // namespace dossier::fhir
