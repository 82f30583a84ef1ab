"""Full-record round trip: export every demo patient, import each export into an empty data
directory, export again there, and get the same document apart from export metadata."""
import json
import os
import shutil
import tempfile
import unittest

from harness import DemoPracticeTest, Server, request, run_cli, wait_for_job

EVERYTHING = {"patient_id": None, "format": "json",
              "include_sections": {"attachments": True},
              "options": {"include_psychotherapy_notes": True},
              "authorization": {"reference": "AUTH-ROUNDTRIP-1", "date": "2025-06-01",
                                "scope": "the complete record, psychotherapy notes included"}}


def without_metadata(doc):
    return {k: v for k, v in doc.items() if k != "export"}


class RoundTripTest(DemoPracticeTest):
    def export_all(self, server, token, patient_id):
        body = dict(EVERYTHING, patient_id=patient_id)
        status, accepted, _ = request(server, "POST", "/api/v1/export/full-record", body, token)
        self.assertEqual(status, 202, accepted)
        job = wait_for_job(server, token, accepted["job_id"])
        self.assertEqual(job["status"], "completed", job)
        status, doc, _ = request(server, "GET", job["download_url"], token=token)
        self.assertEqual(status, 200)
        return doc

    def test_every_demo_patient_round_trips(self):
        target = tempfile.mkdtemp(prefix="dossier-import-")
        try:
            originals = {}
            for therapist in self.tokens["therapists"]:
                for patient_id in therapist["patient_ids"]:
                    doc = self.export_all(self.server, therapist["token"], patient_id)
                    originals[patient_id] = (therapist["user_id"], doc)
                    path = os.path.join(target, f"{patient_id}.json")
                    with open(path, "w") as f:
                        json.dump(doc, f)
                    run_cli("import", "--data-dir", os.path.join(target, "var"), path)
            self.assertEqual(len(originals), self.patients)
            self.assertTrue(any(d["tables"]["attachments"] for _, d in originals.values()))
            self.assertTrue(any(n["kind"] == "psychotherapy_note"
                                for _, d in originals.values() for n in d["tables"]["session_notes"]))

            imported = Server(os.path.join(target, "var"))
            try:
                tokens = {}
                for patient_id, (user_id, original) in originals.items():
                    if user_id not in tokens:
                        tokens[user_id] = run_cli("token", "--data-dir", imported.data_dir,
                                                  "--user-id", user_id).stdout.strip()
                    again = self.export_all(imported, tokens[user_id], patient_id)
                    self.assertEqual(without_metadata(again), without_metadata(original), patient_id)
            finally:
                imported.stop()
            second = run_cli("import", "--data-dir", os.path.join(target, "var"),
                             os.path.join(target, f"{next(iter(originals))}.json"), check=False)
            self.assertEqual(second.returncode, 1)
            self.assertIn("conflict", second.stderr)
        finally:
            shutil.rmtree(target, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
