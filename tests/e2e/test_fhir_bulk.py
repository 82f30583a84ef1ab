"""FHIR Bulk Data Access ($export, IG v2.0.0) end to end, as a Bulk Data client does it:
kick-off with Prefer: respond-async, poll the Content-Location with backoff honouring
Retry-After, read the manifest, download every NDJSON file with the bearer token, delete.
Each caller gets every resource of the patients they may see and nothing else (therapist,
admin, biller — who gets no notes); every line passes both FHIR validators; _type and _since
filter; bad kick-offs are OperationOutcome 400s; too many running exports are 429."""
import json
import os
import tempfile
import time
import unittest
import urllib.parse

from fhir_tools import references, run_validators
from harness import DemoPracticeTest, Server, request, run_cli, run_sql, with_query

ASYNC = {"Prefer": "respond-async", "Accept": "application/fhir+json"}


def path_of(url):
    parts = urllib.parse.urlsplit(url)
    return parts.path + (("?" + parts.query) if parts.query else "")


def patient_refs(files):
    return {ref.split("/", 1)[1] for lines in files.values() for r in lines
            for ref in references(r) if ref.startswith("Patient/")}


class BulkClient:
    """The client side of the IG, against one server and token."""

    def __init__(self, test, server, token):
        self.test, self.server, self.token = test, server, token

    def kick_off(self, path, query=None, headers=ASYNC):
        return request(self.server, "GET", with_query(path, query) if query else path,
                       token=self.token, headers=headers)

    def start(self, path, query=None):
        status, body, headers = self.kick_off(path, query)
        self.test.assertEqual(status, 202, body)
        self.test.assertTrue(headers["Content-Location"].startswith(self.server.url + "/fhir/r4/"))
        return path_of(headers["Content-Location"])

    def wait(self, status_path, timeout=120):
        delay, deadline = 0.1, time.time() + timeout
        while time.time() < deadline:
            status, body, headers = request(self.server, "GET", status_path, token=self.token)
            if status == 200:
                self.test.assertTrue(headers["Content-Type"].startswith("application/json"))
                return body
            self.test.assertEqual(status, 202, body)
            self.test.assertIn("X-Progress", headers)
            # Backoff, never sooner than the server asks.
            delay = min(max(delay * 2, 0.1), float(headers["Retry-After"]))
            time.sleep(delay)
        raise AssertionError("the bulk export did not finish")

    def download(self, manifest):
        files = {}
        for item in manifest["output"]:
            status, raw, headers = request(self.server, "GET", path_of(item["url"]), token=self.token)
            self.test.assertEqual(status, 200, raw)
            self.test.assertEqual(headers["Content-Type"], "application/fhir+ndjson")
            lines = [json.loads(line) for line in raw.decode().splitlines()]
            self.test.assertEqual(len(lines), item["count"], item["type"])
            self.test.assertTrue(all(r["resourceType"] == item["type"] for r in lines))
            self.test.assertNotIn(item["type"], files, "one file per type")
            files[item["type"]] = lines
        return files

    def export(self, path, query=None):
        status_path = self.start(path, query)
        manifest = self.wait(status_path)
        return status_path, manifest, self.download(manifest)


class FhirBulkTest(DemoPracticeTest):
    patients = 20

    def client(self, token):
        return BulkClient(self, self.server, token)

    def visible_patients(self, token):
        status, page, _ = self.call("GET", "/api/v1/patients?limit=200", token=token)
        self.assertEqual(status, 200, page)
        return {p["id"] for p in page["items"]}

    def assert_outcome(self, status, body, expected_status, expression=None):
        self.assertEqual(status, expected_status, body)
        outcome = json.loads(body)
        self.assertEqual(outcome["resourceType"], "OperationOutcome")
        if expression:
            self.assertIn([expression], [i.get("expression") for i in outcome["issue"]], outcome)
        return outcome

    def test_admin_system_export_is_the_whole_practice_and_valid(self):
        status_path, manifest, files = self.client(self.admin).export("/fhir/r4/$export")
        self.assertTrue(manifest["requiresAccessToken"])
        self.assertEqual(manifest["error"], [])
        self.assertTrue(manifest["transactionTime"].endswith("Z"))
        self.assertTrue(manifest["request"].endswith("/fhir/r4/$export"))
        everyone = self.visible_patients(self.admin)
        self.assertEqual({p["id"] for p in files["Patient"]}, everyone)
        self.assertEqual(patient_refs(files), everyone)
        for t in ("Organization", "Practitioner", "PractitionerRole", "Encounter", "Condition",
                  "Observation", "QuestionnaireResponse", "CarePlan", "Goal", "Coverage", "Provenance"):
            self.assertIn(t, files)
        # Every resource once: ids are unique within a type.
        for t, lines in files.items():
            self.assertEqual(len({r["id"] for r in lines}), len(lines), t)
        # Every line of every file passes both validators.
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for t, lines in files.items():
                paths.append(os.path.join(tmp, t + ".ndjson"))
                with open(paths[-1], "w") as f:
                    f.write("".join(json.dumps(r) + "\n" for r in lines))
            results = run_validators(paths)
        for path in paths:
            self.assertEqual(results[path]["errors"], [], path)
            self.assertEqual(results[path]["resources"], len(files[os.path.basename(path)[:-7]]))
        # Psychotherapy notes never leave.
        for t in ("Composition", "DocumentReference"):
            for r in files.get(t, []):
                labels = [s.get("code") for s in r.get("meta", {}).get("security", [])]
                self.assertNotIn("PSYTHPN", labels)
        # The same as Patient/$everything shows, patient by patient.
        pid = sorted(everyone)[0]
        status, raw, _ = self.call("GET", f"/fhir/r4/Patient/{pid}/$everything", token=self.admin)
        everything = json.loads(raw)
        own = {(e["resource"]["resourceType"], e["resource"]["id"]) for e in everything["entry"]
               if e["resource"]["resourceType"] not in ("Organization", "Practitioner", "PractitionerRole")}
        exported = {(r["resourceType"], r["id"]) for lines in files.values() for r in lines}
        self.assertLessEqual(own, exported)
        # Downloads are audited against the export's job.
        job_id = status_path.rsplit("/", 1)[1]
        status, audit, _ = self.call("GET", f"/api/v1/export/audit?job_id={job_id}", token=self.admin)
        self.assertEqual(status, 200, audit)
        actions = [e["action"] for e in audit["entries"]]
        self.assertIn("created", actions)
        self.assertEqual(actions.count("downloaded"), len(manifest["output"]))

    def test_therapist_gets_their_caseload_at_every_level(self):
        token = self.therapist["token"]
        visible = self.visible_patients(token)
        self.assertLess(len(visible), len(self.visible_patients(self.admin)))
        client = self.client(token)
        for path in ("/fhir/r4/Patient/$export", "/fhir/r4/$export",
                     f"/fhir/r4/Group/caseload-{self.therapist['user_id']}/$export"):
            _, _, files = client.export(path)
            self.assertEqual({p["id"] for p in files["Patient"]}, visible, path)
            self.assertEqual(patient_refs(files), visible, path)
        # Another therapist's caseload is a Group this therapist cannot see: 404, like none.
        for group in (f"caseload-{self.other_therapist['user_id']}", "caseload-nobody", "x"):
            status, body, _ = client.kick_off(f"/fhir/r4/Group/{group}/$export")
            self.assert_outcome(status, body, 404)

    def test_biller_gets_no_notes(self):
        _, _, files = self.client(self.biller).export("/fhir/r4/Patient/$export")
        self.assertEqual({p["id"] for p in files["Patient"]}, self.visible_patients(self.biller))
        self.assertNotIn("Composition", files)
        for doc in files.get("DocumentReference", []):
            self.assertEqual(doc["type"]["text"], "Attachment")
            self.assertNotIn("category", doc)
        # The admin's export of the same practice does carry notes.
        _, _, admin_files = self.client(self.admin).export("/fhir/r4/$export", {"_type": "Composition,DocumentReference"})
        notes = admin_files.get("Composition", []) + [d for d in admin_files.get("DocumentReference", [])
                                                       if d["type"].get("text") != "Attachment"]
        self.assertTrue(notes)

    def test_type_and_since_filter(self):
        client = self.client(self.admin)
        _, manifest, files = client.export("/fhir/r4/$export", {
            "_type": "Patient,Coverage", "_outputFormat": "application/fhir+ndjson"})
        self.assertEqual(sorted(files), ["Coverage", "Patient"])
        self.assertEqual(sorted(i["type"] for i in manifest["output"]), ["Coverage", "Patient"])
        _, manifest, files = client.export("/fhir/r4/$export", {"_since": "2150-01-01T00:00:00Z"})
        self.assertEqual(manifest["output"], [])
        _, _, files = client.export("/fhir/r4/$export", {"_since": "1990-01-01T00:00:00+02:00",
                                                         "_type": "Patient", "_outputFormat": "ndjson"})
        self.assertEqual({p["id"] for p in files["Patient"]}, self.visible_patients(self.admin))

    def test_bad_kick_offs_are_operation_outcomes(self):
        client = self.client(self.admin)
        status, body, _ = client.kick_off("/fhir/r4/$export", headers={"Accept": "application/fhir+json"})
        self.assert_outcome(status, body, 400, "Prefer")
        cases = [({"_outputFormat": "text/csv"}, "_outputFormat"),
                 ({"_type": "Patient,Spaceship"}, "_type"),
                 ({"_since": "yesterday"}, "_since"),
                 ({"_since": "2026-01-01"}, "_since"),
                 ({"_typeFilter": "Patient?active=true"}, "_typeFilter")]
        for query, field in cases:
            status, body, _ = client.kick_off("/fhir/r4/Patient/$export", query)
            outcome = self.assert_outcome(status, body, 400, field)
            if field == "_type":
                self.assertIn("Spaceship", json.dumps(outcome))
        status, body, _ = client.kick_off("/fhir/r4/$export", headers={"Prefer": "respond-async",
                                                                       "Accept": "text/csv"})
        self.assert_outcome(status, body, 400, "Accept")
        status, body, _ = request(self.server, "GET", "/fhir/r4/$export", headers=ASYNC)
        self.assert_outcome(status, body, 401)

    def test_files_and_status_belong_to_the_caller(self):
        status_path, manifest, _ = self.client(self.admin).export("/fhir/r4/$export", {"_type": "Patient"})
        file_path = path_of(manifest["output"][0]["url"])
        self.assertEqual(request(self.server, "GET", file_path)[0], 401)
        self.assertEqual(request(self.server, "GET", file_path, token="not-a-token")[0], 401)
        for other in (self.biller, self.therapist["token"]):
            status, body, _ = request(self.server, "GET", file_path, token=other)
            self.assert_outcome(status, body, 404)
            status, body, _ = request(self.server, "GET", status_path, token=other)
            self.assert_outcome(status, body, 404)
            self.assertEqual(request(self.server, "DELETE", status_path, token=other)[0], 404)
        job_id = status_path.rsplit("/", 1)[1]
        for missing in (f"/fhir/r4/bulkfiles/{job_id}/Spaceship.ndjson",
                        f"/fhir/r4/bulkfiles/{job_id}/Patient.json",
                        "/fhir/r4/bulkfiles/018c54df-2780-79dc-9001-a4f691e53e89/Patient.ndjson",
                        "/fhir/r4/bulkstatus/not-a-job"):
            status, body, _ = request(self.server, "GET", missing, token=self.admin)
            self.assert_outcome(status, body, 404)

    def test_delete_then_404(self):
        client = self.client(self.admin)
        status_path, manifest, _ = client.export("/fhir/r4/$export", {"_type": "Patient"})
        status, body, _ = request(self.server, "DELETE", status_path, token=self.admin)
        self.assertEqual(status, 202, body)
        status, body, _ = request(self.server, "GET", status_path, token=self.admin)
        self.assert_outcome(status, body, 404)
        status, body, _ = request(self.server, "GET", path_of(manifest["output"][0]["url"]), token=self.admin)
        self.assert_outcome(status, body, 404)
        job_id = status_path.rsplit("/", 1)[1]
        _, audit, _ = self.call("GET", f"/api/v1/export/audit?job_id={job_id}", token=self.admin)
        self.assertIn("deleted", [e["action"] for e in audit["entries"]])

    def test_the_export_is_an_ordinary_export_job(self):
        """The job API sees a bulk export as a job of its creator (fhir_bulk, ndjson, no
        patient); its download is the stored file whole, the NDJSON files back to back."""
        status_path, manifest, files = self.client(self.admin).export(
            "/fhir/r4/$export", {"_type": "Coverage,Patient"})
        job_id = status_path.rsplit("/", 1)[1]
        status, job, _ = self.call("GET", f"/api/v1/export/jobs/{job_id}", token=self.admin)
        self.assertEqual(status, 200, job)
        self.assertEqual((job["export_type"], job["format"], job["status"], job["patient_id"]),
                         ("fhir_bulk", "ndjson", "completed", None))
        status, raw, headers = self.call("GET", job["download_url"], token=self.admin)
        self.assertEqual(status, 200)
        self.assertEqual(headers["Content-Type"], "application/fhir+ndjson")
        whole = [json.loads(line) for line in raw.decode().splitlines()]
        self.assertEqual(whole, files["Patient"] + files["Coverage"])  # manifest order
        # Not one of the export types of /api/v1/export/{type}.
        status, body, _ = self.call("POST", "/api/v1/export/fhir-bulk", {"format": "ndjson"}, self.admin)
        self.assertEqual(status, 404, body)

    def test_expired_exports_are_gone(self):
        """Bulk files expire like every export's: past expires_at they are 410, and the cleanup
        pass deletes the stored file and keeps them 410."""
        client = self.client(self.admin)
        status_path, manifest, _ = client.export("/fhir/r4/$export", {"_type": "Patient"})
        job_id = status_path.rsplit("/", 1)[1]
        run_sql(self.data_dir, "UPDATE export_jobs SET expires_at = '2000-01-01T00:00:00.000Z' "
                               f"WHERE id = '{job_id}'")
        file_path = path_of(manifest["output"][0]["url"])
        for path in (status_path, file_path):
            status, body, _ = request(self.server, "GET", path, token=self.admin)
            self.assert_outcome(status, body, 410)
        run_cli("cleanup", "--data-dir", self.data_dir)
        for path in (status_path, file_path):
            status, body, _ = request(self.server, "GET", path, token=self.admin)
            self.assert_outcome(status, body, 410)


class FhirBulkQueueTest(DemoPracticeTest):
    """A server without workers: exports stay queued, so polling, cancelling and the limit
    on running exports are seen as they are."""
    patients = 3

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server.stop()
        cls.server = Server(cls.data_dir, extra_args=("--no-worker",))

    def test_queued_poll_cancel_and_429(self):
        client = BulkClient(self, self.server, self.admin)
        first = client.start("/fhir/r4/$export")
        second = client.start("/fhir/r4/Patient/$export")
        status, body, headers = request(self.server, "GET", first, token=self.admin)
        self.assertEqual(status, 202)
        self.assertEqual(headers["X-Progress"], "queued")
        self.assertGreaterEqual(int(headers["Retry-After"]), 1)
        status, body, headers = client.kick_off("/fhir/r4/$export")
        self.assertEqual(status, 429, body)
        self.assertGreaterEqual(int(headers["Retry-After"]), 1)
        self.assertEqual(json.loads(body)["issue"][0]["code"], "throttled")
        # Another user has a limit of their own.
        self.assertEqual(BulkClient(self, self.server, self.biller).kick_off("/fhir/r4/$export")[0], 202)
        # Cancelling one frees a place; the cancelled export is gone.
        self.assertEqual(request(self.server, "DELETE", second, token=self.admin)[0], 202)
        self.assertEqual(request(self.server, "GET", second, token=self.admin)[0], 404)
        self.assertEqual(request(self.server, "DELETE", second, token=self.admin)[0], 404)
        self.assertEqual(client.kick_off("/fhir/r4/$export")[0], 202)


if __name__ == "__main__":
    unittest.main()
