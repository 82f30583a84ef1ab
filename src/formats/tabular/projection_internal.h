// The projections of each export type, for projection.cpp to choose from.
#pragma once

#include "formats/tabular/table_builder.h"

namespace dossier::formats::tabular {

std::vector<Table> session_notes_tables(const Json& context);
std::vector<Table> progress_report_tables(const Json& context);
std::vector<Table> treatment_summary_tables(const Json& context);
std::vector<Table> full_record_tables(const Json& context);
std::vector<Table> insurance_report_tables(const Json& context);
std::vector<Table> practice_summary_tables(const Json& context);

//! `columns` followed by `more`.
std::vector<ColumnSource> with(std::vector<ColumnSource> columns,
                               const std::vector<ColumnSource>& more);

//! Columns shared by the reports: the patient as the report shows it, and diagnoses.
const std::vector<ColumnSource>& patient_columns();
const std::vector<ColumnSource>& goal_columns();
const std::vector<ColumnSource>& assessment_summary_columns();
const std::vector<ColumnSource>& session_summary_columns();

}  // namespace dossier::formats::tabular
