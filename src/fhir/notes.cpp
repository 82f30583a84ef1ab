#include "fhir/notes.h"

#include <set>

#include "core/base64.h"
#include "fhir/security.h"

namespace dossier::fhir {
namespace {

// The parts of a note in its format's order, then any others it has, as (title, text).
std::vector<std::pair<std::string, std::string>> sections_of(const Json& note) {
  std::vector<std::pair<std::string, std::string>> out;
  const Json& sections = member_of(note, "sections");
  std::set<std::string> seen;
  for (const auto& p : note_parts(text_of(note, "format"))) {
    seen.insert(p.key);
    if (!text_of(sections, p.key).empty()) out.emplace_back(p.title, text_of(sections, p.key));
  }
  if (!sections.is_object()) return out;
  for (const auto& [key, value] : sections.items()) {
    if (!seen.count(key) && value.is_string() && !value.get<std::string>().empty()) {
      out.emplace_back(key, value.get<std::string>());
    }
  }
  return out;
}

std::string action_items_text(const Json& note) {
  std::string text;
  for (const auto& item : array_of(member_of(note, "action_items"))) {
    const std::string line = item.is_string() ? item.get<std::string>() : text_of(item, "text");
    if (!line.empty()) text += (text.empty() ? "" : "\n") + line;
  }
  return text;
}

std::string signer_of(const Json& note) {
  if (!note.contains("signed_by")) return "";
  return note["signed_by"].is_string() ? note["signed_by"].get<std::string>()
                                       : text_of(note["signed_by"], "id");
}

bool is_signed(const Json& note) {
  return is_date_time(text_of(note, "signed_at"));
}

std::string note_date(const Json& note, const NoteLinks& links) {
  for (const char* key : {"signed_at", "created_at"}) {
    if (is_date_time(text_of(note, key))) return text_of(note, key);
  }
  return links.fallback_date;
}

std::string kind_text(const Json& note) {
  return text_of(note, "kind") == "psychotherapy_note" ? "Psychotherapy note" : "Progress note";
}

Json note_type(const Json& note) {
  return codeable(system::kLoinc, "34904-3", "Mental health Progress note", kind_text(note));
}

// The note's Practitioner, else the practice (a Composition needs an author).
Json author_of(const NoteLinks& links, const Resolves& resolves) {
  const std::string practitioner = "Practitioner/" + fhir_id(links.author_id);
  if (!links.author_id.empty() && resolves(practitioner)) return {{"reference", practitioner}};
  return reference("Organization", fhir_id(links.practice_id));
}

Json soap_composition(const Json& note, const NoteLinks& links, const Resolves& resolves) {
  Json r = {{"resourceType", "Composition"},
            {"id", fhir_id(text_of(note, "id"))},
            {"status", is_signed(note) ? "final" : "preliminary"},
            {"type", note_type(note)},
            {"category",
             Json::array({codeable(system::kDocumentCategory, "clinical-note", "Clinical Note")})},
            {"subject", reference("Patient", fhir_id(links.patient_id))},
            {"date", note_date(note, links)},
            {"author", Json::array({author_of(links, resolves)})},
            {"title", kind_text(note) + " (SOAP)"}};
  const std::string encounter = "Encounter/" + fhir_id(links.session_id);
  if (!links.session_id.empty() && resolves(encounter)) r["encounter"] = {{"reference", encounter}};
  const std::string signer = signer_of(note);
  if (is_signed(note) && !signer.empty() && resolves("Practitioner/" + fhir_id(signer))) {
    r["attester"] = Json::array({{{"mode", "legal"},
                                  {"time", text_of(note, "signed_at")},
                                  {"party", reference("Practitioner", fhir_id(signer))}}});
  }
  Json sections = Json::array();
  const Json& parts = member_of(note, "sections");
  for (const auto& p : note_parts("soap")) {
    if (text_of(parts, p.key).empty()) continue;
    sections.push_back({{"title", p.title},
                        {"code", codeable(system::kLoinc, p.loinc, p.title)},
                        {"text", narrative(text_of(parts, p.key))}});
  }
  if (const std::string items = action_items_text(note); !items.empty()) {
    sections.push_back({{"title", "Action items"}, {"text", narrative(items)}});
  }
  if (!text_of(note, "transcript").empty()) {
    sections.push_back({{"title", "Transcript"}, {"text", narrative(text_of(note, "transcript"))}});
  }
  if (!sections.empty()) r["section"] = sections;
  return r;
}

Json document_reference(const Json& note, const NoteLinks& links, const Resolves& resolves) {
  const std::string text = note_text(note);
  Json attachment = {{"contentType", "text/plain; charset=utf-8"}, {"title", kind_text(note)}};
  if (!text.empty()) attachment["data"] = base64_encode(std::string_view(text));
  const std::string title =
      kind_text(note) +
      (text_of(note, "format").empty() ? std::string() : " (" + text_of(note, "format") + ")");
  Json r = {{"resourceType", "DocumentReference"},
            {"id", fhir_id(text_of(note, "id"))},
            {"status", "current"},
            {"docStatus", is_signed(note) ? "final" : "preliminary"},
            {"type", note_type(note)},
            {"category",
             Json::array({codeable(system::kDocumentCategory, "clinical-note", "Clinical Note")})},
            {"subject", reference("Patient", fhir_id(links.patient_id))},
            {"author", Json::array({author_of(links, resolves)})},
            {"description", title},
            {"content", Json::array({{{"attachment", attachment}}})}};
  const std::string date = note_date(note, links);
  if (is_instant(date)) r["date"] = date;
  const std::string signer = signer_of(note);
  if (is_signed(note) && !signer.empty() && resolves("Practitioner/" + fhir_id(signer))) {
    r["authenticator"] = reference("Practitioner", fhir_id(signer));
  }
  const std::string encounter = "Encounter/" + fhir_id(links.session_id);
  if (!links.session_id.empty() && resolves(encounter)) {
    r["context"] = {{"encounter", Json::array({{{"reference", encounter}}})}};
  }
  return r;
}

}  // namespace

const std::vector<NotePart>& note_parts(const std::string& format) {
  static const std::vector<NotePart> kSoap = {{"subjective", "Subjective", "61150-9"},
                                              {"objective", "Objective", "61149-1"},
                                              {"assessment", "Assessment", "51848-0"},
                                              {"plan", "Plan", "18776-5"}};
  static const std::vector<NotePart> kDap = {
      {"data", "Data", ""}, {"assessment", "Assessment", ""}, {"plan", "Plan", ""}};
  static const std::vector<NotePart> kBirp = {{"behavior", "Behavior", ""},
                                              {"intervention", "Intervention", ""},
                                              {"response", "Response", ""},
                                              {"plan", "Plan", ""}};
  static const std::vector<NotePart> kFree = {{"text", "Note", ""}};
  if (format == "soap") return kSoap;
  if (format == "dap") return kDap;
  if (format == "birp") return kBirp;
  return kFree;
}

NoteLinks note_links(const Json& note, NoteLinks fallback) {
  if (!text_of(note, "patient_id").empty()) fallback.patient_id = text_of(note, "patient_id");
  if (!text_of(note, "session_id").empty()) fallback.session_id = text_of(note, "session_id");
  if (!text_of(note, "author_id").empty()) fallback.author_id = text_of(note, "author_id");
  return fallback;
}

std::string note_text(const Json& note) {
  std::string text;
  for (const auto& [title, body] : sections_of(note)) {
    text += (text.empty() ? "" : "\n") + title + ": " + body;
  }
  if (const std::string items = action_items_text(note); !items.empty()) {
    text += (text.empty() ? "" : "\n") + std::string("Action items: ") + items;
  }
  if (!text_of(note, "transcript").empty()) {
    text += (text.empty() ? "" : "\n") + std::string("Transcript: ") + text_of(note, "transcript");
  }
  return text;
}

Json map_note(const Json& note, const NoteLinks& links, const Resolves& resolves) {
  Json r = text_of(note, "format") == "soap" ? soap_composition(note, links, resolves)
                                             : document_reference(note, links, resolves);
  if (text_of(note, "kind") == "psychotherapy_note") {
    add_security_labels(r, Json::array({psychotherapy_note_label()}));
  }
  return r;
}

}  // namespace dossier::fhir
