// The document Bundles: session notes, progress reports and treatment summaries. Each
// starts with the report's Composition, whose sections point at the resources that follow.
#include "fhir/assessments.h"
#include "fhir/bundles.h"
#include "fhir/clinical.h"
#include "fhir/notes.h"
#include "fhir/people.h"
#include "fhir/security.h"

namespace dossier::fhir {
namespace {

struct Section {
  std::string title;
  std::string text;                  //!< narrative; "" leaves it to the entries
  std::vector<std::string> entries;  //!< references
};

struct DocumentKind {
  const char* id_prefix;
  const char* loinc;
  const char* display;
  std::string title;
};

std::string label_of(const std::string& key) {
  std::string out = key;
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] -= 'a' - 'A';
  return out;
}

// A report's derived part (a summary object, a list of observations) as readable lines:
// scalars as "Label: value", nested values indented under their label.
void describe(const Json& value, const std::string& indent, std::string& out) {
  const auto scalar = [](const Json& v) {
    return v.is_string() ? v.get<std::string>() : v.is_null() ? std::string("none") : v.dump();
  };
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      if (child.is_structured() && !child.empty()) {
        out += indent + label_of(key) + ":\n";
        describe(child, indent + "  ", out);
      } else if (!child.is_structured()) {
        out += indent + label_of(key) + ": " + scalar(child) + "\n";
      }
    }
  } else if (value.is_array()) {
    for (const auto& child : value) {
      if (child.is_object() && child.contains("text")) {
        const std::string when =
            text_of(child, "date").empty() ? text_of(child, "source") : text_of(child, "date");
        out += indent + (when.empty() ? "" : when + ": ") + text_of(child, "text") + "\n";
      } else {
        describe(child, indent, out);
      }
    }
  } else {
    out += indent + scalar(value) + "\n";
  }
}

std::string describe(const Json& value) {
  std::string out;
  describe(value, "", out);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out.empty() ? "None recorded." : out;
}

Json section_json(const Section& s) {
  Json out = {{"title", s.title}};
  if (!s.text.empty()) out["text"] = narrative(s.text);
  Json entries = Json::array();
  for (const auto& e : s.entries) entries.push_back({{"reference", e}});
  if (!entries.empty()) out["entry"] = entries;
  if (s.text.empty() && entries.empty()) out["text"] = narrative("None recorded.");
  return out;
}

// The report's Composition, added first: authored by the clinician when the Bundle has
// one, else by the practice; a Part 2 record gets the notice as its own section.
void add_composition(Assembly& a, const DocumentKind& kind, const std::string& author_id,
                     std::vector<Section> sections) {
  Json author = reference("Organization", a.practice_id);
  if (!author_id.empty() && a.builder.has("Practitioner/" + fhir_id(author_id))) {
    author = reference("Practitioner", fhir_id(author_id));
  }
  if (const std::string statement = part2_statement(a.context); !statement.empty()) {
    sections.insert(sections.begin(), {"42 CFR Part 2 notice", statement, {}});
  }
  Json section_list = Json::array();
  for (const auto& s : sections) section_list.push_back(section_json(s));
  Json r = {{"resourceType", "Composition"},
            {"id", fhir_id(a.patient_id, kind.id_prefix)},
            {"status", "final"},
            {"type", codeable(system::kLoinc, kind.loinc, kind.display)},
            {"subject", reference("Patient", fhir_id(a.patient_id))},
            {"date", a.generated_at},
            {"author", Json::array({author})},
            {"title", kind.title},
            {"custodian", reference("Organization", a.practice_id)},
            {"section", section_list}};
  if (is_part2_record(a.context)) r["confidentiality"] = "R";
  a.builder.add(r);
  a.builder.move_to_front(reference_of(r));
}

Json finish_document(Assembly& a) {
  add_provenance(a);
  return a.builder.build("document", job_id_of(a.context), bundle_identifier(a.context),
                         a.generated_at);
}

// Adds what every report starts with: practice, clinician, patient.
void add_people(Assembly& a) {
  add_practice(a, member_of(a.context, "practice"));
  add_clinician(a, member_of(a.context, "therapist"));
  add_patient(a, member_of(a.context, "patient"));
}

std::vector<std::string> add_conditions(Assembly& a, const Json& diagnoses) {
  std::vector<std::string> refs;
  for (const auto& d : array_of(diagnoses)) {
    Json r = map_condition(d, a.patient_id);
    refs.push_back(reference_of(r));
    a.builder.add(std::move(r));
  }
  return refs;
}

std::vector<std::string> add_goals(Assembly& a, const Json& goals) {
  std::vector<std::string> refs;
  for (const auto& g : array_of(goals)) {
    Json r = map_goal(g, a.patient_id);
    refs.push_back(reference_of(r));
    a.builder.add(std::move(r));
  }
  return refs;
}

std::vector<std::string> add_assessments(Assembly& a, const Json& assessments) {
  std::vector<std::string> refs;
  for (const auto& row : array_of(assessments)) {
    Json qr = map_questionnaire_response(row, a.patient_id, a.builder.resolver());
    a.builder.add(std::move(qr));
    Json obs = map_score_observation(row, a.patient_id, a.builder.resolver());
    refs.push_back(reference_of(obs));
    refs.push_back("QuestionnaireResponse/" + questionnaire_response_id(row));
    a.builder.add(std::move(obs));
  }
  return refs;
}

std::string therapist_id(const Json& context) {
  return text_of(member_of(context, "therapist"), "id");
}

// One session of a session-notes export: its Encounter and notes, and its section.
Section add_session_entry(Assembly& a, const Json& entry) {
  const Json& session = member_of(entry, "session");
  add_clinician(a, member_of(entry, "therapist"));
  Json encounter = map_encounter(session, a.patient_id, a.practice_id, a.builder.resolver());
  Section section{"Session " + text_of(entry, "date"), "", {reference_of(encounter)}};
  section.text =
      "Session on " + text_of(entry, "date") +
      (text_of(session, "cpt_code").empty() ? "" : ", CPT " + text_of(session, "cpt_code")) +
      (text_of(member_of(entry, "therapist"), "name").empty()
           ? ""
           : ", with " + text_of(member_of(entry, "therapist"), "name"));
  a.builder.add(std::move(encounter));
  for (const auto& note : array_of(member_of(entry, "notes"))) {
    add_clinician(a, member_of(note, "signed_by"));
    NoteLinks links{a.patient_id, text_of(session, "id"), text_of(session, "therapist_id"),
                    a.practice_id, text_of(session, "start_time")};
    if (!is_date_time(links.fallback_date)) links.fallback_date = a.generated_at;
    Json r = map_note(note, links, a.builder.resolver());
    section.entries.push_back(reference_of(r));
    a.builder.add(std::move(r));
  }
  return section;
}

}  // namespace

Json session_notes_document(const Json& context) {
  Assembly a(context);
  add_people(a);
  std::vector<Section> sections;
  for (const auto& entry : array_of(member_of(context, "sessions"))) {
    sections.push_back(add_session_entry(a, entry));
  }
  const std::string first_therapist =
      sections.empty() ? "" : text_of(member_of(context["sessions"][0], "therapist"), "id");
  add_composition(a, {"session-notes-", "11506-3", "Progress note", "Session notes"},
                  first_therapist, std::move(sections));
  return finish_document(a);
}

Json progress_report_document(const Json& context) {
  Assembly a(context);
  add_people(a);
  std::vector<Section> sections;
  if (context.contains("diagnoses")) {
    sections.push_back({"Diagnoses", "", add_conditions(a, context["diagnoses"])});
  }
  if (context.contains("goals")) {
    sections.push_back({"Treatment goals and progress", "", add_goals(a, context["goals"])});
  }
  if (context.contains("assessments")) {
    sections.push_back({"Assessments", describe(member_of(context, "assessment_summary")),
                        add_assessments(a, context["assessments"])});
  }
  for (const char* key :
       {"session_summary", "clinical_observations", "recommendations", "medical_necessity"}) {
    if (context.contains(key)) sections.push_back({label_of(key), describe(context[key]), {}});
  }
  add_composition(
      a,
      {"progress-report-", "11506-3", "Progress note",
       "Progress report " + text_of(context, "start_date") + " to " + text_of(context, "end_date")},
      therapist_id(context), std::move(sections));
  return finish_document(a);
}

Json treatment_summary_document(const Json& context) {
  Assembly a(context);
  add_people(a);
  std::vector<Section> sections;
  if (context.contains("diagnoses")) {
    sections.push_back({"Diagnoses", "", add_conditions(a, context["diagnoses"])});
  }
  const Json& plan = member_of(context, "treatment_plan");
  if (context.contains("treatment_plan")) {
    std::vector<std::string> refs = add_goals(a, member_of(context, "goals"));
    if (plan.is_object()) {
      Json goal_ids = Json::array();
      for (const auto& g : array_of(member_of(context, "goals"))) {
        if (text_of(g, "treatment_plan_id") == text_of(plan, "id")) goal_ids.push_back(g["id"]);
      }
      Json care_plan = map_care_plan(plan, a.patient_id, goal_ids, a.builder.resolver());
      refs.insert(refs.begin(), reference_of(care_plan));
      a.builder.add(std::move(care_plan));
    }
    sections.push_back({"Treatment plan", "", refs});
  }
  for (const char* key :
       {"interventions_used", "progress_summary", "prognosis", "medical_necessity"}) {
    if (context.contains(key)) sections.push_back({label_of(key), describe(context[key]), {}});
  }
  const std::string purpose = text_of(context, "purpose");
  add_composition(a,
                  {"treatment-summary-", "18776-5", "Plan of care note",
                   "Treatment summary" + (purpose.empty() ? "" : " (" + purpose + ")")},
                  therapist_id(context), std::move(sections));
  return finish_document(a);
}

}  // namespace dossier::fhir
