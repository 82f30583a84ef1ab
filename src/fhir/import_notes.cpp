// The inverse of notes.cpp and of the full record's attachment documents: a Composition is
// a SOAP note; a DocumentReference is any other note (its text split back into the parts
// of its format) or, typed "Attachment", an attachment.
#include <vector>

#include "core/base64.h"
#include "core/crypto.h"
#include "fhir/import_rows.h"
#include "fhir/notes.h"

namespace dossier::fhir {
namespace {

constexpr std::string_view kActionItems = "Action items";
constexpr std::string_view kTranscript = "Transcript";

std::string kind_of(EntryReader& r) {
  return r.text("type.text") == "Psychotherapy note" || r.has_security_label("PSYTHPN")
             ? "psychotherapy_note"
             : "progress_note";
}

std::string joined_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (size_t i = 0; i < lines.size(); ++i) text += (i ? "\n" : "") + lines[i];
  return text;
}

Json lines_array(const std::string& text) {
  Json items = Json::array();
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find('\n', start), text.size());
    items.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return items;
}

// Puts one titled part of a note into its row: a part of the format, the action items or
// the transcript. False when the title is none of them.
bool put_part(Json& row, const std::string& format, std::string_view title,
              const std::string& text) {
  if (title == kActionItems) {
    row["action_items"] = lines_array(text);
    return true;
  }
  if (title == kTranscript) {
    row["transcript"] = text;
    return true;
  }
  for (const auto& part : note_parts(format)) {
    if (title == part.title) {
      row["sections"][part.key] = text;
      return true;
    }
  }
  return false;
}

// The titles a note's text is written under, in the order note_text() writes them.
std::vector<std::string> titles_in_order(const std::string& format) {
  std::vector<std::string> titles;
  for (const auto& part : note_parts(format)) titles.emplace_back(part.title);
  titles.emplace_back(kActionItems);
  titles.emplace_back(kTranscript);
  return titles;
}

// Splits a note's text ("Title: body" paragraphs, note_text()) back into its parts. Parts
// come in a fixed order, so a line starts a part only with a title later than the current
// one's; any other line continues the current part (a free note's "Note: " inside its text,
// a transcript's lines).
bool read_note_text(Json& row, const std::string& format, const std::string& text) {
  if (text.empty()) return true;
  const std::vector<std::string> titles = titles_in_order(format);
  size_t current = titles.size();  // none yet
  std::string body;
  const Json lines = lines_array(text);
  for (const auto& line_json : lines) {
    const std::string line = line_json.get<std::string>();
    size_t next = current;
    for (size_t t = current == titles.size() ? 0 : current + 1; t < titles.size(); ++t) {
      if (line.starts_with(titles[t] + ": ")) {
        next = t;
        break;
      }
    }
    if (next == current) {
      if (current == titles.size()) return false;
      body += "\n" + line;
      continue;
    }
    if (current != titles.size()) put_part(row, format, titles[current], body);
    current = next;
    body = line.substr(titles[next].size() + 2);
  }
  put_part(row, format, titles[current], body);
  return true;
}

void read_signature(EntryReader& r, Json& row, bool is_signed, const char* time_path,
                    const char* signer_path) {
  if (!is_signed) return;
  row["signed_at"] = r.timestamp(time_path, true);
  if (const std::string signer = r.reference(signer_path, "Practitioner"); !signer.empty())
    row["signed_by"] = signer;
}

Json note_row(EntryReader& r, const std::string& format) {
  return {{"id", r.own_id()},
          {"patient_id", r.reference("subject", "Patient", true)},
          {"author_id", r.reference("author[0]", "Practitioner", true)},
          {"kind", kind_of(r)},
          {"format", format},
          {"sections", Json::object()},
          {"ai_drafted", false},
          {"action_items", Json::array()}};
}

Status import_note_document(EntryReader& r, ImportState& s) {
  const std::string description = r.required_text("description");
  const size_t open = description.rfind(" (");
  const std::string format = open == std::string::npos || !description.ends_with(")")
                                 ? ""
                                 : description.substr(open + 2, description.size() - open - 3);
  if (format != "soap" && format != "dap" && format != "birp" && format != "free")
    r.fail("description", "must end with the note's format: (soap), (dap), (birp) or (free)");
  Json row = note_row(r, format);
  row["session_id"] = r.reference("context.encounter[0]", "Encounter", true);
  const std::string data = r.text("content[0].attachment.data");
  const auto bytes = base64_decode(data);
  if (!bytes) r.fail("content[0].attachment.data", "must be base64");
  if (bytes && !read_note_text(row, format, std::string(bytes->begin(), bytes->end())))
    r.fail("content[0].attachment.data", "must start with a part of the note's format");
  const Json date = r.timestamp("date", r.text("docStatus") == "final");
  read_signature(r, row, r.text("docStatus") == "final", "date", "authenticator");
  row["created_at"] = date.is_null() ? Json(s.imported_at) : date;
  row["updated_at"] = row["created_at"];
  DOSSIER_TRY(r.status());
  s.add_row("session_notes", std::move(row));
  return {};
}

Status import_attachment(EntryReader& r, ImportState& s) {
  const std::string data = r.required_text("content[0].attachment.data");
  const auto bytes = base64_decode(data);
  if (!data.empty() && !bytes) r.fail("content[0].attachment.data", "must be base64");
  const std::string content = bytes ? std::string(bytes->begin(), bytes->end()) : "";
  const Json date = r.timestamp("date");
  Json row = {{"id", r.own_id()},
              {"patient_id", r.reference("subject", "Patient", true)},
              {"filename", r.text("content[0].attachment.title")},
              {"content_type", r.required_text("content[0].attachment.contentType")},
              {"size_bytes", content.size()},
              {"sha256", crypto::sha256_hex(content)},
              {"content", data},
              {"created_at", date.is_null() ? Json(s.imported_at) : date}};
  if (const std::string description = r.text("description"); !description.empty())
    row["description"] = description;
  DOSSIER_TRY(r.status());
  s.add_row("attachments", std::move(row));
  return {};
}

}  // namespace

Status import_composition(EntryReader& r, ImportState& s) {
  Json row = note_row(r, "soap");
  row["session_id"] = r.reference("encounter", "Encounter", true);
  const size_t n = r.count("section");
  for (size_t i = 0; i < n; ++i) {
    const std::string path = "section[" + std::to_string(i) + "]";
    if (!r.has(path + ".text")) continue;
    const auto paragraphs = narrative_paragraphs(r.resource()["section"][i]["text"]);
    if (!paragraphs) {
      r.fail(path + ".text.div", "must be well-formed XHTML");
      continue;
    }
    if (!put_part(row, "soap", r.text(path + ".title"), joined_lines(*paragraphs)))
      r.fail(path + ".title",
             "must be a SOAP part (Subjective, Objective, Assessment, Plan), "
             "Action items or Transcript");
  }
  const Json date = r.timestamp("date", true);
  read_signature(r, row, r.text("status") == "final",
                 r.has("attester[0].time") ? "attester[0].time" : "date", "attester[0].party");
  row["created_at"] = date;
  row["updated_at"] = date;
  DOSSIER_TRY(r.status());
  s.add_row("session_notes", std::move(row));
  return {};
}

Status import_document_reference(EntryReader& r, ImportState& s) {
  if (r.text("type.text") == "Attachment" && !r.has("type.coding")) return import_attachment(r, s);
  return import_note_document(r, s);
}

}  // namespace dossier::fhir
