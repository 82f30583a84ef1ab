// The bulk NDJSON producer over a demo practice: each caller gets the resources of exactly
// the patients they may see, one type per slice, shared resources once, billers no notes,
// and _type and _since filter.
#include "pipeline/fhir_bulk.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "fhir/bundle.h"
#include "pipeline/demo_suite_fixture.h"

namespace dossier::pipeline {
namespace {

class FhirBulkTest : public testing::DemoSuite<FhirBulkTest, 8> {
 protected:
  struct Export {
    Json parts;
    std::map<std::string, std::vector<Json>> by_type;  // parsed back from the slices
  };

  static Export run(const auth::Caller& caller, fhir::BulkRequest request = {}) {
    if (request.types.empty()) request.types = fhir::bulk_resource_types();
    std::string bytes;
    auto produced = produce_bulk(*db_, caller, request, [&bytes](std::string_view b) {
      bytes.append(b);
      return Status{};
    });
    EXPECT_TRUE(produced.ok()) << (produced.ok() ? "" : produced.error().detail);
    Export e;
    if (!produced.ok()) return e;
    e.parts = produced->parts;
    for (const auto& p : e.parts["output"]) {
      const std::string slice = bytes.substr(p["offset"].get<size_t>(), p["length"].get<size_t>());
      size_t start = 0;
      while (start < slice.size()) {
        const size_t end = slice.find('\n', start);
        Json r = Json::parse(slice.substr(start, end - start));
        EXPECT_EQ(r["resourceType"], p["type"]);
        e.by_type[p["type"]].push_back(std::move(r));
        start = end + 1;
      }
      EXPECT_EQ(e.by_type[p["type"]].size(), p["count"].get<size_t>());
    }
    return e;
  }

  static std::set<std::string> ids(const Export& e, const std::string& type) {
    std::set<std::string> out;
    const auto it = e.by_type.find(type);
    if (it == e.by_type.end()) return out;
    for (const auto& r : it->second) out.insert(r["id"].get<std::string>());
    return out;
  }

  // Every patient any resource of the export points at.
  static std::set<std::string> referenced_patients(const Export& e) {
    std::set<std::string> out;
    for (const auto& [type, resources] : e.by_type) {
      for (const auto& r : resources) {
        for (const auto& ref : fhir::references_in(r)) {
          if (ref.rfind("Patient/", 0) == 0) out.insert(ref.substr(8));
        }
      }
    }
    return out;
  }

  static std::set<std::string> query_ids(const std::string& sql, const db::Params& params = {}) {
    std::set<std::string> out;
    auto rows = db_->query(sql, params);
    EXPECT_TRUE(rows.ok());
    if (!rows.ok()) return out;
    const db::Rows& found = *rows;
    for (const auto& row : found) out.insert(row["id"].get<std::string>());
    return out;
  }
};

TEST_F(FhirBulkTest, AdminGetsEveryPatientAndSharedResourcesOnce) {
  const Export e = run({tokens_->admin.user_id, auth::Role::kAdmin, {}, {}});
  EXPECT_EQ(ids(e, "Patient"), query_ids("SELECT id FROM patients"));
  EXPECT_EQ(referenced_patients(e), ids(e, "Patient"));
  for (const char* shared : {"Organization", "Practitioner", "PractitionerRole"}) {
    EXPECT_EQ(ids(e, shared).size(), e.by_type.at(shared).size()) << shared;
    for (const auto& r : e.by_type.at(shared)) EXPECT_FALSE(r.contains("meta")) << shared;
  }
  EXPECT_EQ(ids(e, "Encounter"), query_ids("SELECT id FROM sessions"));
  EXPECT_TRUE(e.by_type.count("Composition") || e.by_type.count("DocumentReference"));
  // The manifest order: the practice first.
  EXPECT_EQ(e.parts["output"][0]["type"], "Organization");
  EXPECT_TRUE(e.parts["transaction_time"].is_string());
}

TEST_F(FhirBulkTest, TherapistGetsTheirCaseloadAndNothingElse) {
  const auto& therapist = tokens_->therapists.at(0);
  const auth::Caller caller{therapist.user_id, auth::Role::kTherapist, {}, {}};
  const Export e = run(caller);
  const auto visible =
      query_ids("SELECT patient_id AS id FROM care_team WHERE user_id = ?", {therapist.user_id});
  ASSERT_FALSE(visible.empty());
  EXPECT_EQ(ids(e, "Patient"), visible);
  EXPECT_EQ(referenced_patients(e), visible);

  fhir::BulkRequest group;
  group.level = fhir::BulkLevel::kGroup;
  group.group_id = caseload_group_id(therapist.user_id);
  EXPECT_EQ(ids(run(caller, group), "Patient"), visible);
  const auth::Caller other{tokens_->therapists.at(1).user_id, auth::Role::kTherapist, {}, {}};
  EXPECT_EQ(require_group_visible(*db_, other, group.group_id).error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(require_group_visible(*db_, caller, "caseload-nobody").ok());
}

TEST_F(FhirBulkTest, BillersGetNoNotes) {
  const Export e = run({tokens_->biller.user_id, auth::Role::kBiller, {}, {}});
  EXPECT_EQ(ids(e, "Patient"), query_ids("SELECT id FROM patients"));
  EXPECT_EQ(e.by_type.count("Composition"), 0u);
  if (e.by_type.count("DocumentReference")) {
    for (const auto& r : e.by_type.at("DocumentReference")) {
      EXPECT_EQ(r["type"]["text"], "Attachment");  // stored files, never a note
    }
  }
}

TEST_F(FhirBulkTest, NoPsychotherapyNoteLeaves) {
  const Export e = run({tokens_->admin.user_id, auth::Role::kAdmin, {}, {}});
  const auto psychotherapy =
      query_ids("SELECT id FROM session_notes WHERE kind = 'psychotherapy_note'");
  for (const char* type : {"Composition", "DocumentReference"}) {
    for (const auto& id : ids(e, type)) EXPECT_EQ(psychotherapy.count(id), 0u) << type;
  }
}

TEST_F(FhirBulkTest, ACancelledExportStopsAndWritesNothing) {
  fhir::BulkRequest request;
  request.types = fhir::bulk_resource_types();
  int asked = 0;
  std::string bytes;
  auto produced = produce_bulk(
      *db_, {tokens_->admin.user_id, auth::Role::kAdmin, {}, {}}, request,
      [&bytes](std::string_view b) {
        bytes.append(b);
        return Status{};
      },
      nullptr, [&asked] { return ++asked > 0; });
  ASSERT_FALSE(produced.ok());
  EXPECT_EQ(produced.error().code, ErrorCode::kConflict);
  EXPECT_EQ(asked, 1);
  EXPECT_TRUE(bytes.empty());
}

TEST_F(FhirBulkTest, TypeAndSinceFilter) {
  const auth::Caller admin{tokens_->admin.user_id, auth::Role::kAdmin, {}, {}};
  fhir::BulkRequest only;
  only.types = {"Patient", "Goal"};
  const Export e = run(admin, only);
  EXPECT_EQ(e.by_type.size(), 2u);
  EXPECT_EQ(e.parts["output"].size(), 2u);

  fhir::BulkRequest future;
  future.since = "2150-01-01T00:00:00.000Z";
  EXPECT_TRUE(run(admin, future).by_type.empty());

  // A row touched after the cut-off comes back, with its patient's Provenance; nothing else.
  const std::string patient = *query_ids("SELECT id FROM patients").begin();
  ASSERT_TRUE(db_->execute("UPDATE patients SET updated_at = ? WHERE id = ?",
                           {"2150-06-01T00:00:00.000Z", patient})
                  .ok());
  const Export changed = run(admin, future);
  EXPECT_EQ(ids(changed, "Patient"), std::set<std::string>{patient});
  EXPECT_EQ(changed.by_type.count("Provenance"), 1u);
  EXPECT_EQ(changed.by_type.count("Encounter"), 0u);
}

}  // namespace
}  // namespace dossier::pipeline
