// A complete synthetic insurance_report context (gather/insurance_report.cpp's shape) for the
// claim tests; every value is made up.
#pragma once

#include "core/json.h"

namespace dossier::claims::testing {

inline Json line(const char* date, const char* cpt, int64_t cents, Json modifiers, const char* pos,
                 const char* npi = "1234567893") {
  return {{"service_date", date},
          {"procedure_code", cpt},
          {"modifiers", std::move(modifiers)},
          {"place_of_service", pos},
          {"units", 1},
          {"charge_cents", cents},
          {"paid_cents", 0},
          {"diagnosis_pointers", {"A", "B"}},
          {"rendering_provider_npi", npi},
          {"rendering_provider",
           {{"npi", npi},
            {"given_name", "Alex"},
            {"family_name", "Smith"},
            {"taxonomy", "101YP2500X"}}}};
}

inline Json complete_context() {
  return {{"export", {{"job_id", "01900000-0000-7000-8000-000000000001"}}},
          {"practice",
           {{"name", "Example Therapy Group"},
            {"npi", "1245319599"},
            {"tax_id", "12-3456789"},
            {"taxonomy", "101YP2500X"},
            {"address_line1", "100 Main St"},
            {"city", "Springfield"},
            {"state", "IL"},
            {"postal_code", "62701-0001"},
            {"phone", "(555) 555-0100"}}},
          {"patient",
           {{"name", "Jane Doe"},
            {"given_name", "Jane"},
            {"family_name", "Doe"},
            {"birth_date", "1990-01-01"},
            {"sex", "female"},
            {"address_line1", "200 Oak Ave"},
            {"city", "Springfield"},
            {"state", "IL"},
            {"postal_code", "62702"},
            {"account_number", "MRN-0001"}}},
          {"coverage",
           {{"payer_name", "Example Health Plan"},
            {"payer_id", "99999"},
            {"member_id", "XYZ123456789"},
            {"group_number", "GRP123"},
            {"subscriber_relationship", "self"}}},
          {"claim_info",
           {{"provider_npi", "1234567893"},
            {"diagnosis_codes", {"F41.1", "F33.1"}},
            {"license_number", "PSY-1"},
            {"rendering_provider",
             {{"npi", "1234567893"},
              {"given_name", "Alex"},
              {"family_name", "Smith"},
              {"taxonomy", "101YP2500X"},
              {"license_number", "PSY-1"}}}}},
          {"service_lines",
           {line("2026-01-10", "90837", 15000, {"95"}, "10"),
            line("2026-01-17", "90834", 12050, Json::array(), "11")}}};
}

}  // namespace dossier::claims::testing
