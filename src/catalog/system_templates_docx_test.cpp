// The system templates as DOCX for every demo patient: the same HTML the PDF comes from,
// written as Word, with its text checked in word/document.xml.
#include <gtest/gtest.h>
#include <zip.h>

#include <memory>

#include "catalog/render_template.h"
#include "catalog/template_test_support.h"
#include "doc/render.h"
#include "docx/docx_writer.h"

namespace dossier::catalog {
namespace {

using jobs::ExportType;
using namespace test_support;

// The main document part of a DOCX package, or "" when it cannot be read.
std::string document_xml(const std::string& docx) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(docx.data(), docx.size(), 0, &error);
  std::unique_ptr<zip_t, decltype(&zip_discard)> archive(
      zip_open_from_source(source, ZIP_RDONLY, &error), &zip_discard);
  zip_error_fini(&error);
  if (!archive) {
    zip_source_free(source);
    return "";
  }
  zip_stat_t st;
  if (zip_stat(archive.get(), "word/document.xml", 0, &st) != 0) return "";
  std::string xml(st.size, '\0');
  std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(
      zip_fopen(archive.get(), "word/document.xml", 0), &zip_fclose);
  if (!file || zip_fread(file.get(), xml.data(), st.size) != static_cast<zip_int64_t>(st.size))
    return "";
  return xml;
}

// Template `source` rendered with `ctx` and written as DOCX: its word/document.xml, or ""
// (with the failure recorded) when a step fails.
std::string docx_xml_of(const std::string& source, const Json& ctx, const std::string& name) {
  auto html = render_template_html(source, ctx, name);
  if (!html.ok()) {
    ADD_FAILURE() << "template: " << html.error().detail;
    return "";
  }
  auto document = doc::build_document(*html, {});
  if (!document.ok()) {
    ADD_FAILURE() << "document: " << document.error().detail;
    return "";
  }
  auto docx = docx::write_docx(*document, {.created = "2026-11-01T15:30:00Z"});
  if (!docx.ok()) {
    ADD_FAILURE() << "docx: " << docx.error().detail;
    return "";
  }
  return document_xml(*docx);
}

TEST(SystemTemplatesDocx, EveryTemplateForEveryPatient) {
  const ExportType types[] = {ExportType::kSessionNotes, ExportType::kProgressReport,
                              ExportType::kTreatmentSummary, ExportType::kFullRecord,
                              ExportType::kInsuranceReport};
  for (const PatientRef& who : all_patients()) {
    for (ExportType type : types) {
      const std::string name = jobs::export_type_name(type);
      SCOPED_TRACE(name + " for patient " + who.patient_id);
      const Json ctx = context_for(type, who);
      const std::string xml = docx_xml_of(system_template_source(name), ctx, name);
      ASSERT_FALSE(xml.empty());
      const Json& patient =
          type == ExportType::kFullRecord ? ctx["tables"]["patients"][0] : ctx["patient"];
      // Reports name the client by family name; the insurance report carries only "name".
      const std::string client = patient.value("family_name", patient.value("name", std::string()));
      ASSERT_FALSE(client.empty());
      EXPECT_NE(xml.find(client), std::string::npos);
      EXPECT_NE(xml.find("<w:tbl>"), std::string::npos);
    }
  }
}

TEST(SystemTemplatesDocx, SpecProgressReportTemplateForEveryPatient) {
  const std::string source = spec_template_source();
  ASSERT_FALSE(source.empty());
  for (const PatientRef& who : all_patients()) {
    SCOPED_TRACE(who.patient_id);
    const Json ctx = context_for(ExportType::kProgressReport, who);
    const std::string xml = docx_xml_of(source, ctx, "spec_progress_report");
    ASSERT_FALSE(xml.empty());
    EXPECT_NE(xml.find(ctx["patient"]["family_name"].get<std::string>()), std::string::npos);
    for (const auto& goal : ctx["goals"]) {
      const std::string words = goal["description"].get<std::string>().substr(0, 12);
      EXPECT_NE(xml.find(words), std::string::npos) << words;
    }
  }
}

}  // namespace
}  // namespace dossier::catalog
