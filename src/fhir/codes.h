// The code systems, identifier systems and small building blocks every FHIR R4 mapper uses:
// codings, references, narrative, and the ids resources get from record ids.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/json.h"

namespace dossier::fhir {

namespace system {
inline constexpr const char* kLoinc = "http://loinc.org";
inline constexpr const char* kCpt = "http://www.ama-assn.org/go/cpt";
inline constexpr const char* kIcd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";
inline constexpr const char* kNpi = "http://hl7.org/fhir/sid/us-npi";
//! The US employer identification number (a practice's tax ID), by its HL7 OID.
inline constexpr const char* kEin = "urn:oid:2.16.840.1.113883.4.4";
inline constexpr const char* kActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
inline constexpr const char* kConfidentiality =
    "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";
inline constexpr const char* kUcum = "http://unitsofmeasure.org";
inline constexpr const char* kConditionCategory =
    "http://terminology.hl7.org/CodeSystem/condition-category";
inline constexpr const char* kConditionClinical =
    "http://terminology.hl7.org/CodeSystem/condition-clinical";
inline constexpr const char* kConditionVerification =
    "http://terminology.hl7.org/CodeSystem/condition-ver-status";
inline constexpr const char* kObservationCategory =
    "http://terminology.hl7.org/CodeSystem/observation-category";
inline constexpr const char* kGoalAchievement =
    "http://terminology.hl7.org/CodeSystem/goal-achievement";
inline constexpr const char* kDocumentCategory =
    "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category";
inline constexpr const char* kCarePlanCategory =
    "http://hl7.org/fhir/us/core/CodeSystem/careplan-category";
inline constexpr const char* kClaimType = "http://terminology.hl7.org/CodeSystem/claim-type";
inline constexpr const char* kProcessPriority =
    "http://terminology.hl7.org/CodeSystem/processpriority";
inline constexpr const char* kSubscriberRelationship =
    "http://terminology.hl7.org/CodeSystem/subscriber-relationship";
inline constexpr const char* kCoverageClass =
    "http://terminology.hl7.org/CodeSystem/coverage-class";
inline constexpr const char* kIdentifierType = "http://terminology.hl7.org/CodeSystem/v2-0203";
inline constexpr const char* kContactRelationship = "http://terminology.hl7.org/CodeSystem/v2-0131";
inline constexpr const char* kPlaceOfService =
    "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";
inline constexpr const char* kProvenanceParticipant =
    "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
inline constexpr const char* kNuccTaxonomy = "http://nucc.org/provider-taxonomy";
//! The practice's own medical record numbers.
inline constexpr const char* kMrn = "urn:dossier:mrn";
}  // namespace system

//! The base of every entry's fullUrl. Bundles are self-contained: relative references
//! ("Patient/…") resolve against it inside the Bundle, not against a live server.
inline constexpr const char* kBaseUrl = "https://dossier.invalid/fhir/r4";

//! A FHIR id ([A-Za-z0-9-.]{1,64}) from a record id, optionally with a prefix that keeps ids
//! of resources derived from the same row apart ("role-" + user id). Record ids (UUIDs) pass
//! through unchanged; other characters become '-', and over-long ids are cut to 64.
std::string fhir_id(std::string_view record_id, std::string_view prefix = "");

//! {"reference": "Type/id"}.
Json reference(std::string_view type, std::string_view id);

//! "Type/id" of a resource.
std::string reference_of(const Json& resource);

//! A Coding; `display` is left out when empty.
Json coding(std::string_view system, std::string_view code, std::string_view display = "");

//! A CodeableConcept with one coding and, when given, a text; only a text (`text`, else
//! `display`, else "unknown") when `code` is empty.
Json codeable(std::string_view system, std::string_view code, std::string_view display = "",
              std::string_view text = "");

//! Narrative of generated text: {"status": "generated", "div": "<div xmlns=…>…</div>"},
//! the text escaped, one paragraph per line.
Json narrative(std::string_view text);

//! The string value of `row[key]`, or "" when absent, null, not a string, or a placeholder
//! that redaction put in place of the whole value ("[REDACTED:email]").
std::string text_of(const Json& row, std::string_view key);

//! `object[key]`, or a null when `object` is no object or lacks `key`.
const Json& member_of(const Json& object, std::string_view key);

//! `value` when it is an array, else an empty array (for loops over optional members).
const Json& array_of(const Json& value);

//! `row[key]` when it is a boolean, else false.
bool flag_of(const Json& row, std::string_view key);

//! Whether a value is a full FHIR instant (a date, a time and a zone), as a timestamp from
//! the record is unless redaction cut it to a date or a year.
bool is_instant(std::string_view value);

//! Whether a value is a FHIR date or dateTime (YYYY, YYYY-MM, YYYY-MM-DD or with a time).
bool is_date_time(std::string_view value);

//! The part of a dateTime a FHIR `date` element accepts (YYYY[-MM[-DD]]).
std::string date_part(std::string_view value);

//! Answers whether a reference ("Type/id") will resolve inside the Bundle being built, so
//! that a mapper leaves out optional links to resources the export does not carry (a note's
//! encounter when sessions were not requested). Bulk exports answer true for all.
using Resolves = std::function<bool(const std::string& reference)>;

//! A Resolves that answers true for every reference.
Resolves resolves_all();

}  // namespace dossier::fhir
