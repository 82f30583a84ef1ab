// An ANSI X12 837P (005010X222A1) professional claim written from an insurance_report
// context (gather/insurance_report.cpp): one interchange (ISA/IEA) holding one functional
// group (GS/GE) holding one transaction set (ST/SE), modelled on
// ../shared/reference/claim-837p-example.x12.
//
// The practice is submitter and billing provider (2000A); the payer of the client's primary
// coverage is receiver and payer (2010BB); the subscriber (2000B) is the client, or the
// policy holder with the client as patient (2000C). Service lines go into claims (2300) of at
// most 50 lines, as the implementation guide allows. Names are folded to upper-case ASCII
// and stripped of the separators; ICD-10 codes lose their decimal point; amounts are
// dollars. Segments end in '~' and a newline, elements are separated by '*', components by
// ':' and repetitions by '^'.
#pragma once

#include <cstdint>
#include <string>

#include "core/json.h"

namespace dossier::claims {

//! The envelope of one 837P file.
struct Interchange {
  int64_t control_number = 0;  //!< ISA13 (9 digits), GS06 and ST02; 1 … 999,999,999
  std::string created_at;      //!< ISO 8601 UTC timestamp: ISA09/10, GS04/05, BHT04/05
  char usage = 'P';            //!< ISA15: P production, T test
};

//! REQUIRES: check_complete(context, ClaimKind::kPayerClaim) holds (claims/claim_check.h) —
//! the writer does not invent what the record lacks.
std::string write_837p(const Json& context, const Interchange& interchange);

//! "F41.1" → "F411", as HI takes ICD-10 codes.
std::string icd10_without_dot(const std::string& code);

//! Cents as an X12 decimal amount: 15000 → "150", 15050 → "150.5", 15055 → "150.55".
std::string x12_amount(int64_t cents);

}  // namespace dossier::claims
