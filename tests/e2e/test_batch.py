"""Batch exports end to end: POST /api/v1/export/batch → one job with progress → a ZIP whose
manifest.json lists each file (its SHA-256 checked against the ZIP's own bytes, its
redaction report) and each patient that failed, with a reason and no PHI; the rest of the
batch completes past a failure. Who may batch what follows the single exports."""
import hashlib
import io
import json
import os
import subprocess
import tempfile
import unittest
import zipfile

from documents import libreoffice_text, pdf_text, squash
from harness import DemoPracticeTest, run_cli, wait_for_job


def outline(pdf_bytes):
    """The PDF's outline as qpdf reads it: [(level, title)] in document order."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf_bytes)
        f.flush()
        doc = json.loads(subprocess.run(["qpdf", "--json", "--json-key=outlines", f.name],
                                        check=True, capture_output=True, text=True).stdout)
    out = []

    def walk(items, level):
        for item in items:
            out.append((level, item["title"]))
            walk(item.get("kids", []), level + 1)
    walk(doc["outlines"], 1)
    return out


class BatchTest(DemoPracticeTest):
    patients = 12

    def setUp(self):
        self.token = self.therapist["token"]

    def batch(self, body, token=None):
        token = token or self.token
        status, accepted, headers = self.call("POST", "/api/v1/export/batch", body, token)
        self.assertEqual(status, 202, accepted)
        self.assertEqual(headers["Location"], "/api/v1/export/jobs/" + accepted["job_id"])
        job = wait_for_job(self.server, token, accepted["job_id"], timeout=180)
        self.assertEqual(job["status"], "completed", job)
        self.assertEqual(job["export_type"], "batch")
        status, data, headers = self.call("GET", job["download_url"], token=token)
        self.assertEqual(status, 200)
        self.assertEqual(headers["Content-Type"], "application/zip")
        archive = zipfile.ZipFile(io.BytesIO(data))
        self.assertIsNone(archive.testzip())
        return job, archive, json.loads(archive.read("manifest.json"))

    def patient(self, patient_id):
        status, p, _ = self.call("GET", f"/api/v1/patients/{patient_id}", token=self.admin)
        self.assertEqual(status, 200, p)
        return p

    def coverage(self, patient_id):
        status, page, _ = self.call("GET", f"/api/v1/coverage?patient_id={patient_id}&limit=200",
                                    token=self.admin)
        self.assertEqual(status, 200, page)
        return page["items"]

    def assert_files_match(self, archive, manifest):
        names = set(archive.namelist()) - {"manifest.json"}
        self.assertEqual(names, {f["name"] for f in manifest["files"]})
        for f in manifest["files"]:
            content = archive.read(f["name"])
            self.assertEqual(f["size"], len(content))
            self.assertEqual(f["sha256"], hashlib.sha256(content).hexdigest())
            self.assertEqual(f["name"], f["patient_id"] + ".pdf")
            self.assertIsInstance(f["redaction"], dict)

    def test_caseload_of_a_therapist(self):
        job, archive, manifest = self.batch(
            {"caseload": True, "export_type": "progress_report", "format": "pdf"})
        own = sorted(self.therapist["patient_ids"])
        self.assertEqual(job["progress"], {"done": len(own), "total": len(own)})
        self.assertEqual(manifest["total"], len(own))
        self.assertEqual(manifest["failures"], [])
        self.assertEqual([f["patient_id"] for f in manifest["files"]], own)
        self.assert_files_match(archive, manifest)
        for f in manifest["files"]:
            p = self.patient(f["patient_id"])
            text = squash(pdf_text(archive.read(f["name"])))
            self.assertIn(squash(f"{p['given_name']} {p['family_name']}"), text)

    def test_a_patient_that_fails_does_not_stop_the_batch(self):
        own = self.therapist["patient_ids"][:2]
        foreign = self.other_therapist["patient_ids"][0]
        missing = "01900000-0000-7000-8000-000000000000"
        ids = [own[0], foreign, missing, own[1]]
        job, archive, manifest = self.batch(
            {"patient_ids": ids, "export_type": "progress_report", "format": "pdf"})
        self.assertEqual(job["progress"], {"done": 4, "total": 4})
        self.assertEqual([f["patient_id"] for f in manifest["files"]], own)
        # Someone else's patient reads exactly like one that does not exist.
        self.assertEqual(manifest["failures"], [{"patient_id": foreign, "reason": "not found"},
                                                {"patient_id": missing, "reason": "not found"}])
        self.assertEqual((manifest["done"], manifest["failed"]), (2, 2))
        self.assert_files_match(archive, manifest)
        # The failures name no one.
        p = self.patient(foreign)
        self.assertNotIn(p["family_name"], archive.read("manifest.json").decode())

    def test_each_client_in_a_batch_that_left_the_practice_has_it_in_their_accounting(self):
        own = self.therapist["patient_ids"][:2]
        foreign = self.other_therapist["patient_ids"][0]
        recipient = {"name": "Records Desk", "organization": "Lakeside Family Clinic"}
        job, _, manifest = self.batch(
            {"patient_ids": [own[0], foreign], "export_type": "progress_report", "format": "pdf",
             "purpose": "Continuity of care", "recipient": recipient})
        self.assertEqual([f["patient_id"] for f in manifest["files"]], [own[0]])

        def accounting(patient_id):
            status, body, _ = self.call("GET", f"/api/v1/patients/{patient_id}/disclosures", token=self.admin)
            self.assertEqual(status, 200, body)
            return [e for e in body["entries"] if e["job_id"] == job["id"]]
        entries = accounting(own[0])
        self.assertEqual(len(entries), 1)
        self.assertEqual(entries[0]["export_type"], "progress_report")
        self.assertEqual(entries[0]["recipient"], dict(recipient, address=None))
        self.assertEqual(entries[0]["purpose"], "Continuity of care")
        self.assertTrue(entries[0]["what"].startswith("Progress report (PDF)"), entries[0])
        # Not in the file, not disclosed: a client the batch failed for, or was not asked for.
        self.assertEqual(accounting(foreign), [])
        self.assertEqual(accounting(own[1]), [])

    def test_a_claim_that_cannot_be_complete_fails_alone(self):
        insured = [p for p in sorted(self.therapist["patient_ids"]) if self.coverage(p)]
        self.assertGreaterEqual(len(insured), 3)
        patients = insured[:3]
        broken = patients[1]
        # No primary coverage left: the claim cannot be complete.
        for c in self.coverage(broken):
            status, body, _ = self.call("PATCH", f"/api/v1/coverage/{c['id']}", {"priority": "secondary"},
                                        token=self.admin)
            self.assertEqual(status, 200, body)
        job, archive, manifest = self.batch(
            {"patient_ids": patients, "export_type": "insurance_report", "format": "cms1500"},
            token=self.biller)
        self.assertEqual([f["patient_id"] for f in manifest["files"]],
                         [patients[0], patients[2]])
        self.assertEqual([f["patient_id"] for f in manifest["failures"]], [broken])
        self.assertIn("coverage", manifest["failures"][0]["reason"])
        self.assert_files_match(archive, manifest)

    def test_roles_and_validation(self):
        status, body, _ = self.call("POST", "/api/v1/export/batch",
                                    {"caseload": True, "export_type": "progress_report",
                                     "format": "pdf"}, self.biller)
        self.assertEqual(status, 403, body)
        cases = [
            ({"caseload": True, "format": "pdf"}, "export_type"),
            ({"caseload": True, "export_type": "session_notes", "format": "pdf"}, "export_type"),
            ({"export_type": "full_record", "format": "pdf"}, "patient_ids"),
            ({"caseload": True, "patient_ids": [self.therapist["patient_ids"][0]],
              "export_type": "full_record", "format": "pdf"}, "patient_ids"),
            ({"patient_ids": ["nope"], "export_type": "full_record", "format": "pdf"},
             "patient_ids[0]"),
            ({"caseload": True, "export_type": "full_record", "format": "tiff"}, "format"),
            ({"caseload": True, "export_type": "insurance_report", "format": "x12"}, "format"),
            ({"caseload": True, "export_type": "full_record", "format": "pdf",
              "include_sections": {"nope": True}}, "include_sections.nope"),
        ]
        for body, field in cases:
            with self.subTest(field=field, body=body):
                status, answer, _ = self.call("POST", "/api/v1/export/batch", body, self.token)
                self.assertEqual(status, 400, answer)
                self.assertEqual(answer["error"], "validation_failed")
                self.assertIn(field, [f["path"] for f in answer["fields"]])


class SessionNoteBundleTest(DemoPracticeTest):
    patients = 4

    def setUp(self):
        self.token = self.therapist["token"]
        self.patient_id = self.therapist["patient_ids"][0]

    def sessions_with_notes(self, n):
        status, page, _ = self.call("GET", f"/api/v1/sessions?patient_id={self.patient_id}&limit=200",
                                    token=self.token)
        self.assertEqual(status, 200, page)
        chosen = []
        for s in page["items"]:
            status, notes, _ = self.call("GET", f"/api/v1/notes?session_id={s['id']}&limit=200",
                                         token=self.token)
            self.assertEqual(status, 200, notes)
            progress = [x for x in notes["items"] if x["kind"] == "progress_note"]
            if s["status"] == "kept" and progress:
                chosen.append((s, progress))
        self.assertGreaterEqual(len(chosen), n)
        return sorted(chosen, key=lambda c: c[0]["start_time"])[:n]

    def note_words(self, note):
        """A stretch of each section's text, as pdftotext may wrap it."""
        return [squash(v)[:40] for v in note["sections"].values() if isinstance(v, str) and v.strip()]

    def test_merged_pdf_has_a_bookmark_per_session_and_every_note(self):
        chosen = self.sessions_with_notes(4)
        job = self.export("session-notes", {"session_ids": [s["id"] for s, _ in chosen], "format": "pdf",
                                            "options": {"bundle": "merged"}}, self.token)
        pdf = self.download(job, self.token)
        self.assertTrue(pdf.startswith(b"%PDF"))
        sessions_level = [t for level, t in outline(pdf) if level == 2]
        self.assertEqual(len(sessions_level), len(chosen), outline(pdf))
        text = squash(pdf_text(pdf))
        for _, notes in chosen:
            for note in notes:
                for words in self.note_words(note):
                    self.assertIn(words, text)

    def test_merged_docx_has_a_heading_per_session_and_every_note(self):
        chosen = self.sessions_with_notes(3)
        job = self.export("session-notes", {"session_ids": [s["id"] for s, _ in chosen], "format": "docx",
                                            "options": {"bundle": "merged"}}, self.token)
        docx = self.download(job, self.token)
        with zipfile.ZipFile(io.BytesIO(docx)) as z:
            body = z.read("word/document.xml").decode()
        # Word's navigation pane and LibreOffice's navigator list these as the document's outline.
        self.assertEqual(body.count('<w:pStyle w:val="Heading2"/>'), len(chosen))
        path = os.path.join(self.tmp, "merged.docx")
        with open(path, "wb") as f:
            f.write(docx)
        text = squash(libreoffice_text([path])[path])
        for _, notes in chosen:
            for note in notes:
                for words in self.note_words(note):
                    self.assertIn(words, text)

    def test_the_default_bundle_is_the_merged_document(self):
        chosen = self.sessions_with_notes(2)
        job = self.export("session-notes", {"session_ids": [s["id"] for s, _ in chosen], "format": "pdf"},
                          self.token)
        self.assertEqual(len([t for level, t in outline(self.download(job, self.token)) if level == 2]), 2)

    def test_zip_bundle_has_one_file_per_note(self):
        chosen = self.sessions_with_notes(3)
        ids = [s["id"] for s, _ in chosen]
        job = self.export("session-notes", {"session_ids": ids, "format": "pdf", "options": {"bundle": "zip"}},
                          self.token)
        status, data, headers = self.call("GET", job["download_url"], token=self.token)
        self.assertEqual(status, 200)
        self.assertEqual(headers["Content-Type"], "application/zip")
        archive = zipfile.ZipFile(io.BytesIO(data))
        manifest = json.loads(archive.read("manifest.json"))
        self.assertEqual([f["session_id"] for f in manifest["files"]], ids)
        self.assertEqual(sorted(archive.namelist()), sorted([i + ".pdf" for i in ids] + ["manifest.json"]))
        for (session, notes), f in zip(chosen, manifest["files"]):
            content = archive.read(f["name"])
            self.assertEqual(f["sha256"], hashlib.sha256(content).hexdigest())
            text = squash(pdf_text(content))
            for note in notes:
                for words in self.note_words(note):
                    self.assertIn(words, text)
            self.assertIn("Session Note 1 session,", text)

    def test_a_bad_bundle_names_the_field(self):
        chosen = self.sessions_with_notes(1)
        status, body, _ = self.call("POST", "/api/v1/export/session-notes",
                                    {"session_ids": [chosen[0][0]["id"]], "format": "pdf",
                                     "options": {"bundle": "tarball"}}, self.token)
        self.assertEqual(status, 400, body)
        self.assertEqual([f["path"] for f in body["fields"]], ["options.bundle"])


class BatchCliTest(DemoPracticeTest):
    patients = 4

    def test_export_command_writes_the_zip_and_a_summary(self):
        out = os.path.join(self.tmp, "caseload.zip")
        foreign = self.other_therapist["patient_ids"][0]
        own = self.therapist["patient_ids"]
        proc = run_cli("export", "--data-dir", self.data_dir, "--user", self.therapist["user_id"],
                       "--type", "progress_report", "--format", "pdf",
                       "--patients", ",".join(own + [foreign]), "--out", out, check=False)
        self.assertEqual(proc.returncode, 1, proc.stderr)  # one patient failed
        archive = zipfile.ZipFile(out)
        manifest = json.loads(archive.read("manifest.json"))
        self.assertEqual([f["patient_id"] for f in manifest["files"]], own)
        self.assertEqual(manifest["failures"], [{"patient_id": foreign, "reason": "not found"}])
        size = os.path.getsize(out)
        self.assertIn(f"Exported {len(own)} of {len(own) + 1} patients to {out} ({size} bytes); 1 failed.",
                      proc.stdout)
        self.assertIn(f"failed {foreign}: not found", proc.stdout)
        # Not a terminal: no progress bar.
        self.assertNotIn("[#", proc.stderr)

    def test_caseload_and_a_bad_request(self):
        out = os.path.join(self.tmp, "all.zip")
        proc = run_cli("export", "--data-dir", self.data_dir, "--user", self.therapist["user_id"],
                       "--type", "full_record", "--format", "json", "--caseload", "--out", out)
        manifest = json.loads(zipfile.ZipFile(out).read("manifest.json"))
        self.assertEqual(sorted(f["patient_id"] for f in manifest["files"]), sorted(self.therapist["patient_ids"]))
        self.assertIn("0 failed.", proc.stdout)
        proc = run_cli("export", "--data-dir", self.data_dir, "--user", self.therapist["user_id"],
                       "--type", "full_record", "--format", "tiff", "--caseload", "--out", out, check=False)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("format", proc.stderr)


if __name__ == "__main__":
    unittest.main()
