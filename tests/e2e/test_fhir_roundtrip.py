"""FHIR round trip: export every demo patient's full record as a FHIR Bundle, import each
Bundle into an empty practice, export again there, and get the same resources apart from
what belongs to the export itself (the Bundle's id, identifier and timestamp, and its
Provenance). Once through `dossier import --fhir` and once through POST /api/v1/import/fhir."""
import json
import os
import shutil
import tempfile
import unittest

from harness import DemoPracticeTest, Server, request, run_cli, run_sql, wait_for_job

EVERYTHING = {"patient_id": None, "format": "fhir",
              "include_sections": {"attachments": True},
              "options": {"include_psychotherapy_notes": True},
              "authorization": {"reference": "AUTH-FHIR-ROUNDTRIP-1", "date": "2025-06-01",
                                "scope": "the complete record, psychotherapy notes included"}}
ADMIN_ID = "01900000-0000-7000-8000-0000000000ad"


def resources(bundle):
    """{(type, id): resource} of a Bundle, without the Provenance of the export."""
    out = {}
    for entry in bundle["entry"]:
        r = entry["resource"]
        if r["resourceType"] != "Provenance":
            out[(r["resourceType"], r["id"])] = r
    return out


def export_fhir(server, token, patient_id):
    status, accepted, _ = request(server, "POST", "/api/v1/export/full-record",
                                  dict(EVERYTHING, patient_id=patient_id), token)
    assert status == 202, accepted
    job = wait_for_job(server, token, accepted["job_id"])
    assert job["status"] == "completed", job
    status, raw, _ = request(server, "GET", job["download_url"], token=token)
    assert status == 200, status
    return json.loads(raw) if isinstance(raw, bytes) else raw


def as_transaction(bundle):
    """`bundle` as a transaction of PUTs in which resources whose ids are record ids have an
    urn:uuid: fullUrl and no id, and are referred to by that urn (as a client that has not
    assigned ids sends them); the derived ones (qr-, role-, payer-) keep Type/id."""
    urns = {f"{e['resource']['resourceType']}/{e['resource']['id']}": f"urn:uuid:{e['resource']['id']}"
            for e in bundle["entry"] if len(e["resource"]["id"]) == 36}

    def rewrite(node):
        if isinstance(node, dict):
            return {k: (urns.get(v, v) if k == "reference" else rewrite(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [rewrite(v) for v in node]
        return node

    entries = []
    for e in bundle["entry"]:
        key = f"{e['resource']['resourceType']}/{e['resource']['id']}"
        resource = rewrite(e["resource"])
        entry = {"fullUrl": e["fullUrl"], "resource": resource, "request": {"method": "PUT", "url": key}}
        if key in urns:
            entry["fullUrl"] = urns[key]
            del resource["id"]
        entries.append(entry)
    return {"resourceType": "Bundle", "type": "transaction", "entry": entries}


class FhirRoundTripTest(DemoPracticeTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.target = tempfile.mkdtemp(prefix="dossier-fhir-import-")
        cls.originals = {}
        for therapist in cls.tokens["therapists"]:
            for patient_id in therapist["patient_ids"]:
                bundle = export_fhir(cls.server, therapist["token"], patient_id)
                cls.originals[patient_id] = (therapist["user_id"], bundle)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.target, ignore_errors=True)
        super().tearDownClass()

    def bundle_file(self, patient_id, bundle=None):
        path = os.path.join(self.target, f"{patient_id}.fhir.json")
        with open(path, "w") as f:
            json.dump(bundle or self.originals[patient_id][1], f)
        return path

    def assert_exports_again_the_same(self, server):
        tokens = {}
        for patient_id, (user_id, original) in self.originals.items():
            if user_id not in tokens:
                tokens[user_id] = run_cli("token", "--data-dir", server.data_dir,
                                          "--user-id", user_id).stdout.strip()
            again = export_fhir(server, tokens[user_id], patient_id)
            self.assertEqual(again["type"], "collection")
            before, after = resources(original), resources(again)
            self.assertEqual(sorted(after), sorted(before), patient_id)
            for key, resource in before.items():
                self.assertEqual(after[key], resource, f"{patient_id} {key}")

    def test_the_demo_record_has_what_the_round_trip_must_carry(self):
        self.assertEqual(len(self.originals), self.patients)
        kinds = {(r["resourceType"], r["type"].get("text") if isinstance(r.get("type"), dict) else None)
                 for _, b in self.originals.values() for r in resources(b).values()}
        for kind in ("Patient", "Practitioner", "PractitionerRole", "Organization", "Encounter",
                     "Condition", "CarePlan", "Goal", "Observation", "QuestionnaireResponse",
                     "Composition", "DocumentReference", "Coverage"):
            self.assertIn(kind, {k for k, _ in kinds})
        self.assertIn(("DocumentReference", "Attachment"), kinds)
        self.assertIn(("DocumentReference", "Psychotherapy note"), kinds)
        part2 = [b for _, b in self.originals.values()
                 if any(s["code"] == "42CFRPart2" for e in b["entry"]
                        for s in e["resource"].get("meta", {}).get("security", []))]
        self.assertTrue(part2, "a Part 2 record is among the demo patients")

    def test_every_demo_patient_round_trips_through_the_cli(self):
        var = os.path.join(self.target, "cli", "var")
        for patient_id in self.originals:
            done = run_cli("import", "--fhir", "--data-dir", var, self.bundle_file(patient_id))
            result = json.loads(done.stdout)
            self.assertEqual(result["patient_id"], patient_id)
            self.assertEqual(result["rows"]["patients"], 1)
        imported = Server(var)
        try:
            self.assert_exports_again_the_same(imported)
        finally:
            imported.stop()
        again = run_cli("import", "--fhir", "--data-dir", var,
                        self.bundle_file(next(iter(self.originals))), check=False)
        self.assertEqual(again.returncode, 1)
        self.assertIn("conflict", again.stderr)
        # Each import is a link of the audit chain, which still verifies.
        verified = run_cli("audit", "verify", "--data-dir", var)
        self.assertIn("intact", verified.stdout + verified.stderr)

    def test_a_transaction_with_urn_uuid_references_round_trips(self):
        var = os.path.join(self.target, "transaction", "var")
        patient_id, (user_id, bundle) = next(iter(self.originals.items()))
        transaction = as_transaction(bundle)
        self.assertTrue(any(e["fullUrl"].startswith("urn:uuid:") and "id" not in e["resource"]
                            for e in transaction["entry"]))
        done = run_cli("import", "--fhir", "--data-dir", var, self.bundle_file("transaction", transaction))
        self.assertEqual(json.loads(done.stdout)["patient_id"], patient_id)
        imported = Server(var)
        try:
            token = run_cli("token", "--data-dir", var, "--user-id", user_id).stdout.strip()
            self.assertEqual(resources(export_fhir(imported, token, patient_id)), resources(bundle))
        finally:
            imported.stop()

    def test_every_demo_patient_round_trips_through_the_api(self):
        var = os.path.join(self.target, "api", "var")
        os.makedirs(var)
        run_cli("migrate", "--data-dir", var)
        run_sql(var, "INSERT INTO users (id, role, given_name, family_name, is_active, created_at, "
                     f"updated_at) VALUES ('{ADMIN_ID}', 'admin', 'Import', 'Admin', 1, "
                     "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')")
        admin = run_cli("token", "--data-dir", var, "--user-id", ADMIN_ID).stdout.strip()
        imported = Server(var)
        try:
            first_id, (first_user, first_bundle) = next(iter(self.originals.items()))
            for patient_id, (_, bundle) in self.originals.items():
                status, body, _ = request(imported, "POST", "/api/v1/import/fhir", bundle, admin)
                self.assertEqual(status, 201, body)
                self.assertEqual(body["patient_id"], patient_id)
                kinds = {r["resourceType"] for r in resources(bundle).values()}
                self.assertEqual(body["rows"]["sessions"],
                                 sum(1 for r in resources(bundle).values() if r["resourceType"] == "Encounter"))
                self.assertIn("Patient", kinds)
            self.assert_exports_again_the_same(imported)

            status, body, _ = request(imported, "POST", "/api/v1/import/fhir", first_bundle, admin)
            self.assertEqual(status, 409, body)
            therapist = run_cli("token", "--data-dir", var, "--user-id", first_user).stdout.strip()
            status, body, _ = request(imported, "POST", "/api/v1/import/fhir", first_bundle, therapist)
            self.assertEqual(status, 403, body)

            status, log, _ = request(imported, "GET", "/api/v1/export/audit?action=imported&limit=200",
                                     token=admin)
            self.assertEqual(status, 200, log)
            self.assertEqual(sorted(e["patient_id"] for e in log["entries"]), sorted(self.originals))
            self.assertTrue(all(e["user_id"] == ADMIN_ID for e in log["entries"]))
            self.assertTrue(all(e["metadata"]["source"] == "fhir" and e["metadata"]["rows"]["patients"] == 1
                                for e in log["entries"]))
        finally:
            imported.stop()

    def test_a_malformed_bundle_is_refused_naming_the_element(self):
        var = os.path.join(self.target, "bad", "var")
        patient_id, (_, bundle) = next(iter(self.originals.items()))
        broken = json.loads(json.dumps(bundle))
        at = next(i for i, e in enumerate(broken["entry"]) if e["resource"]["resourceType"] == "Encounter")
        broken["entry"][at]["resource"]["subject"]["reference"] = "Patient/someone-else"
        status, body, _ = request(self.server, "POST", "/api/v1/import/fhir", broken, self.admin)
        self.assertEqual(status, 400, body)
        self.assertEqual(body["fields"][0]["path"], f"entry[{at}].resource.subject.reference")
        self.assertNotIn(patient_id, json.dumps(body))
        unknown = json.loads(json.dumps(bundle))
        unknown["entry"].append({"resource": {"resourceType": "MedicationRequest", "id": "m-1"}})
        status, body, _ = request(self.server, "POST", "/api/v1/import/fhir", unknown, self.admin)
        self.assertEqual(status, 400, body)
        self.assertEqual(body["fields"][0]["path"],
                         f"entry[{len(unknown['entry']) - 1}].resource.resourceType")
        done = run_cli("import", "--fhir", "--data-dir", var, self.bundle_file("broken", broken),
                       check=False)
        self.assertEqual(done.returncode, 1)
        self.assertIn(f"entry[{at}].resource.subject.reference", done.stderr)

    def test_an_import_that_fails_half_way_leaves_nothing_behind(self):
        var = os.path.join(self.target, "atomic", "var")
        (first, (_, bundle)), (second, (_, other)) = list(self.originals.items())[:2]
        run_cli("import", "--fhir", "--data-dir", var, self.bundle_file(first))
        note_ids = [e["resource"]["id"] for e in bundle["entry"]
                    if e["resource"]["resourceType"] == "Composition"]
        clash = json.loads(json.dumps(other))
        last = max(i for i, e in enumerate(clash["entry"]) if e["resource"]["resourceType"] == "Composition")
        clash["entry"][last]["resource"]["id"] = note_ids[0]  # a note row the practice holds
        done = run_cli("import", "--fhir", "--data-dir", var, self.bundle_file("clash", clash),
                       check=False)
        self.assertEqual(done.returncode, 1)
        self.assertIn("conflict", done.stderr)
        # The patient and every row before the clash were rolled back with it.
        later = run_cli("import", "--fhir", "--data-dir", var, self.bundle_file(second))
        self.assertEqual(json.loads(later.stdout)["patient_id"], second)

    def test_an_existing_patient_is_a_conflict_through_the_api(self):
        patient_id, (_, bundle) = next(iter(self.originals.items()))
        status, body, _ = request(self.server, "POST", "/api/v1/import/fhir", bundle, self.admin)
        self.assertEqual(status, 409, body)
        status, body, _ = request(self.server, "POST", "/api/v1/import/fhir", bundle,
                                  self.therapist["token"])
        self.assertEqual(status, 403, body)


if __name__ == "__main__":
    unittest.main()
