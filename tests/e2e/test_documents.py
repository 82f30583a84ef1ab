"""PDF and DOCX exports, templates and previews, read back by real readers."""
import io
import json
import os
import socket
import struct
import subprocess
import tempfile
import threading
import unittest
import zipfile
import zlib
from datetime import datetime
from zoneinfo import ZoneInfo

from documents import libreoffice_text, pdf_pages, pdf_text, qpdf_check, squash
from harness import DemoPracticeTest

with open(os.path.join(os.path.dirname(__file__), "spec_progress_template.html.j2")) as _f:
    SPEC_TEMPLATE = _f.read()


def make_png(width, height):
    """A small RGB PNG of a synthetic gradient, written by hand (no imaging library)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"".join(bytes((x * 7 % 256, y * 11 % 256, 128)) for x in range(width))
                    for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def pdf_images(pdf_bytes):
    """(width, height) of every image `pdfimages -list` finds in the PDF."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf_bytes)
        f.flush()
        out = subprocess.run(["pdfimages", "-list", f.name], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    return [(int(r[3]), int(r[4])) for r in rows]


class DocumentExportsTest(DemoPracticeTest):
    def setUp(self):
        self.token = self.therapist["token"]
        self.patient_id = self.therapist["patient_ids"][0]
        status, self.patient, _ = self.call("GET", f"/api/v1/patients/{self.patient_id}", token=self.token)
        self.name = f"{self.patient['given_name']} {self.patient['family_name']}"

    def kept_sessions(self, n):
        status, page, _ = self.call("GET", f"/api/v1/sessions?patient_id={self.patient_id}&limit=200", token=self.token)
        return [s["id"] for s in page["items"] if s["status"] == "kept"][-n:]

    def bodies(self):
        p = self.patient_id
        return {
            "session-notes": {"session_ids": self.kept_sessions(3)},
            "progress-report": {"patient_id": p},
            "treatment-summary": {"patient_id": p, "purpose": "insurance"},
            "full-record": {"patient_id": p},
            "insurance-report": {"patient_id": p, "start_date": "2020-01-01"},
        }

    def test_every_type_as_pdf_reads_back(self):
        for kind, body in self.bodies().items():
            with self.subTest(kind=kind):
                job = self.export(kind, dict(body, format="pdf"), self.token)
                pdf = self.download(job, self.token)
                self.assertTrue(pdf.startswith(b"%PDF-"))
                code, report = qpdf_check(pdf)
                self.assertEqual(code, 0, report)
                text = squash(pdf_text(pdf))
                self.assertIn(self.name, text)
                pages = pdf_pages(pdf)
                self.assertIn(f"Page 1 of {pages}", text)

    def test_progress_report_pdf_has_every_goal_and_score(self):
        job = self.export("progress-report", {"patient_id": self.patient_id, "format": "pdf"}, self.token)
        text = squash(pdf_text(self.download(job, self.token)))
        status, ctx_job, _ = self.call("POST", "/api/v1/export/progress-report",
                                       {"patient_id": self.patient_id, "format": "json"}, self.token)
        data = self.download(self.wait(ctx_job["job_id"]), self.token)
        for goal in data["goals"]:
            self.assertIn(squash(goal["description"]), text)
        for a in data["assessments"]:
            self.assertIn(str(a["total_score"]), text)

    def wait(self, job_id):
        from harness import wait_for_job
        return wait_for_job(self.server, self.token, job_id)

    def test_docx_exports_open_in_libreoffice_with_the_same_text(self):
        paths = []
        tmp = tempfile.mkdtemp(prefix="dossier-docx-")
        for kind in ("progress-report", "session-notes", "treatment-summary", "full-record"):
            job = self.export(kind, dict(self.bodies()[kind], format="docx"), self.token)
            data = self.download(job, self.token)
            self.assertTrue(data.startswith(b"PK"))
            path = os.path.join(tmp, f"{kind}.docx")
            with open(path, "wb") as f:
                f.write(data)
            paths.append(path)
        texts = libreoffice_text(paths)
        for path in paths:
            self.assertIn(self.name, squash(texts[path]), path)
        # The Word text carries the report's content: every goal, diagnosis, observation and
        # recommendation of the same report as JSON. (Charts are pictures in Word, and the
        # running footer is a field, so neither is text here.)
        status, accepted, _ = self.call("POST", "/api/v1/export/progress-report",
                                        {"patient_id": self.patient_id, "format": "json"}, self.token)
        data = self.download(self.wait(accepted["job_id"]), self.token)
        report = squash(texts[paths[0]])
        expected = ([g["description"] for g in data["goals"]] + [d["description"] for d in data["diagnoses"]] +
                    [o["text"] for o in data["clinical_observations"]] + [r["text"] for r in data["recommendations"]])
        self.assertGreater(len(expected), 5)
        for text in expected:
            self.assertIn(squash(text), report)


class TemplatesApiTest(DemoPracticeTest):
    def setUp(self):
        self.token = self.therapist["token"]
        self.patient_id = self.therapist["patient_ids"][0]

    def test_system_templates_are_listed_read_only_and_copyable(self):
        status, listing, _ = self.call("GET", "/api/v1/export/templates", token=self.token)
        self.assertEqual(status, 200)
        system = [t for t in listing["templates"] if t["is_system"]]
        self.assertEqual(sorted(t["export_type"] for t in system),
                         ["full_record", "insurance_report", "practice_summary", "progress_report", "session_notes",
                          "treatment_summary"])
        sid = system[0]["id"]
        status, err, _ = self.call("PUT", f"/api/v1/export/templates/{sid}", {"name": "Mine"}, self.token)
        self.assertEqual(status, 403)
        self.assertEqual(self.call("DELETE", f"/api/v1/export/templates/{sid}", token=self.token)[0], 403)
        status, copy, _ = self.call("POST", "/api/v1/export/templates", {"copy_of": sid, "name": "Our version"}, self.token)
        self.assertEqual(status, 201, copy)
        self.assertFalse(copy["is_system"])
        self.assertEqual(copy["template_content"], self.call("GET", f"/api/v1/export/templates/{sid}", token=self.token)[1]["template_content"])
        status, changed, _ = self.call("PUT", f"/api/v1/export/templates/{copy['id']}", {"description": "edited"}, self.token)
        self.assertEqual((status, changed["description"]), (200, "edited"))
        self.assertEqual(self.call("PUT", f"/api/v1/export/templates/{copy['id']}", {"name": "x"},
                                   self.other_therapist["token"])[0], 403)
        self.assertEqual(self.call("DELETE", f"/api/v1/export/templates/{copy['id']}", token=self.token)[0], 200)

    def test_a_template_that_does_not_parse_is_422_with_line_and_column(self):
        status, err, _ = self.call("POST", "/api/v1/export/templates", {
            "name": "Broken", "export_type": "progress_report", "format": "pdf",
            "template_content": "<p>ok</p>\n<p>{% for g in goals %}{{ g.description }}</p>\n{% endif %}"}, self.token)
        self.assertEqual(status, 422, err)
        problem = err["fields"][0]["problem"]
        self.assertEqual(err["fields"][0]["path"], "template_content")
        self.assertRegex(problem, r"line 3, column \d+")

    def test_the_spec_template_renders_as_written(self):
        status, t, _ = self.call("POST", "/api/v1/export/templates", {
            "name": "Spec progress report", "export_type": "progress_report", "format": "pdf",
            "template_content": SPEC_TEMPLATE,
            "include_sections": {"patient_info": True, "diagnosis": True, "treatment_goals": True}}, self.token)
        self.assertEqual(status, 201, t)
        job = self.export("progress-report", {"patient_id": self.patient_id, "format": "pdf", "template_id": t["id"]},
                          self.token)
        text = squash(pdf_text(self.download(job, self.token)))
        self.assertIn("Progress Report", text)
        status, patient, _ = self.call("GET", f"/api/v1/patients/{self.patient_id}", token=self.token)
        self.assertIn(f"Patient: {patient['given_name']} {patient['family_name']}", text)
        self.assertIn("Treatment Goals & Progress", text)
        self.assertRegex(text, r"\d+%")

    def test_preview_as_pdf_and_html(self):
        status, listing, _ = self.call("GET", "/api/v1/export/templates?export_type=progress_report", token=self.token)
        tid = listing["templates"][0]["id"]
        status, pdf, headers = self.call("POST", f"/api/v1/export/templates/{tid}/preview",
                                         {"patient_id": self.patient_id, "format": "pdf"}, self.token)
        self.assertEqual(status, 200)
        self.assertTrue(pdf.startswith(b"%PDF-"))
        status, html, headers = self.call("POST", f"/api/v1/export/templates/{tid}/preview",
                                          {"patient_id": self.patient_id, "format": "html"}, self.token)
        self.assertEqual(status, 200)
        self.assertIn(b"<html", html.lower())
        self.assertIn("default-src 'none'", headers["Content-Security-Policy"])
        other = self.other_therapist["token"]
        self.assertEqual(self.call("POST", f"/api/v1/export/templates/{tid}/preview",
                                   {"patient_id": self.patient_id, "format": "pdf"}, other)[0], 404)

    def test_a_preview_shows_session_times_in_the_practice_zone(self):
        status, page, _ = self.call("GET", "/api/v1/practice", token=self.token)
        self.assertEqual(status, 200, page)
        zone = ZoneInfo(page["items"][0]["time_zone"])
        status, listing, _ = self.call("GET", "/api/v1/export/templates?export_type=session_notes", token=self.token)
        tid = listing["templates"][0]["id"]
        status, html, _ = self.call("POST", f"/api/v1/export/templates/{tid}/preview",
                                    {"patient_id": self.patient_id, "format": "html"}, self.token)
        self.assertEqual(status, 200)
        html = html.decode()
        status, sessions, _ = self.call("GET", f"/api/v1/sessions?patient_id={self.patient_id}&limit=200",
                                        token=self.token)
        kept = [s for s in sessions["items"] if s["status"] == "kept"]
        latest = sorted(kept, key=lambda s: s["start_time"])[-5:]  # what a preview shows
        self.assertTrue(latest)

        def local(ts):
            return datetime.fromisoformat(ts.replace("Z", "+00:00")).astimezone(zone)

        def clock(t):
            return f"{t.hour % 12 or 12}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"

        for s in latest:
            start, end = local(s["start_time"]), local(s["end_time"])
            self.assertIn(f"{clock(start)}–{clock(end)} {start.tzname()}", html)
            self.assertIn(start.strftime("%A, %B ") + str(start.day) + start.strftime(", %Y"), html)
        self.assertNotIn("UTC", html)

    def upload(self, tid, name, data, content_type="image/png", token=None):
        return self.call("PUT", f"/api/v1/export/templates/{tid}/assets/{name}", raw=data,
                         token=token or self.token, headers={"Content-Type": content_type})

    def preview_pdf(self, tid):
        status, pdf, headers = self.call("POST", f"/api/v1/export/templates/{tid}/preview",
                                         {"patient_id": self.patient_id, "format": "pdf"}, self.token)
        self.assertEqual(status, 200, pdf)
        return pdf, json.loads(headers.get("X-Render-Notes", "[]"))

    def test_a_template_shows_its_own_uploaded_logo(self):
        status, t, _ = self.call("POST", "/api/v1/export/templates", {
            "name": "Letterhead", "export_type": "progress_report", "format": "pdf",
            "template_content": "<html><body><img src=\"logo.png\" alt=\"Practice logo\">"
                                "<h1>Letterhead</h1></body></html>"}, self.token)
        self.assertEqual(status, 201, t)
        tid, logo = t["id"], make_png(37, 23)
        status, stored, _ = self.upload(tid, "logo.png", make_png(5, 5))
        self.assertEqual((status, stored), (201, {"name": "logo.png", "content_type": "image/png", "size": len(make_png(5, 5))}))
        status, stored, _ = self.upload(tid, "logo.png", logo)
        self.assertEqual((status, stored["size"]), (200, len(logo)))

        status, listing, _ = self.call("GET", f"/api/v1/export/templates/{tid}/assets", token=self.token)
        self.assertEqual(status, 200)
        self.assertEqual([(a["name"], a["content_type"], a["size"]) for a in listing["assets"]],
                         [("logo.png", "image/png", len(logo))])
        status, data, headers = self.call("GET", f"/api/v1/export/templates/{tid}/assets/logo.png", token=self.token)
        self.assertEqual((status, data, headers["Content-Type"]), (200, logo, "image/png"))

        pdf, notes = self.preview_pdf(tid)
        self.assertEqual(pdf_images(pdf), [(37, 23)])
        self.assertEqual(notes, [])
        self.assertIn("Letterhead", pdf_text(pdf))

        # Exports through the worker get it too; the DOCX embeds the uploaded bytes.
        job = self.export("progress-report", {"patient_id": self.patient_id, "format": "docx", "template_id": tid},
                          self.token)
        docx = zipfile.ZipFile(io.BytesIO(self.download(job, self.token)))
        media = [n for n in docx.namelist() if n.startswith("word/media/")]
        self.assertEqual([docx.read(n) for n in media], [logo])

        # A copy renders as its source did: the assets come along.
        status, copy, _ = self.call("POST", "/api/v1/export/templates", {"copy_of": tid}, self.token)
        self.assertEqual(status, 201, copy)
        self.assertEqual(pdf_images(self.preview_pdf(copy["id"])[0]), [(37, 23)])
        self.assertEqual(self.call("DELETE", f"/api/v1/export/templates/{copy['id']}", token=self.token)[0], 200)

        self.assertEqual(self.call("DELETE", f"/api/v1/export/templates/{tid}/assets/logo.png", token=self.token)[0], 204)
        self.assertEqual(self.call("GET", f"/api/v1/export/templates/{tid}/assets/logo.png", token=self.token)[0], 404)
        self.assertEqual(self.call("DELETE", f"/api/v1/export/templates/{tid}/assets/logo.png", token=self.token)[0], 404)
        pdf, notes = self.preview_pdf(tid)
        self.assertEqual(pdf_images(pdf), [])
        self.assertIn("ignored image source: unknown asset", notes)

    def test_uploads_that_are_refused(self):
        status, t, _ = self.call("POST", "/api/v1/export/templates", {
            "name": "Refusals", "export_type": "progress_report", "format": "pdf",
            "template_content": "<p>refusals</p>"}, self.token)
        self.assertEqual(status, 201, t)
        tid, logo = t["id"], make_png(4, 4)

        def refused(expected_status, field, *args, **kw):
            status, err, _ = self.upload(*args, **kw)
            self.assertEqual(status, expected_status, err)
            self.assertEqual([f["path"] for f in err["fields"]], [field], err)

        too_big = logo + b"\x00" * (2 * 1024 * 1024 + 1 - len(logo))
        refused(413, "body", tid, "big.png", too_big)
        refused(422, "content_type", tid, "logo.jpg", logo, content_type="image/jpeg")
        refused(422, "content_type", tid, "logo.png", logo, content_type="text/plain")
        refused(400, "name", tid, ".hidden.png", logo)
        refused(400, "name", tid, "logo%20mark.png", logo)
        # A name with a slash never reaches the store: decoded, it is not one path segment.
        status, err, _ = self.upload(tid, "..%2Fx", logo)
        self.assertEqual(status, 404, err)
        self.assertEqual(self.call("GET", f"/api/v1/export/templates/{tid}/assets", token=self.token)[1],
                         {"assets": []})

        status, listing, _ = self.call("GET", "/api/v1/export/templates?export_type=progress_report", token=self.token)
        system = next(x for x in listing["templates"] if x["is_system"])["id"]
        status, err, _ = self.upload(system, "logo.png", logo, token=self.admin)
        self.assertEqual(status, 403, err)
        self.assertEqual(self.call("GET", f"/api/v1/export/templates/{system}/assets", token=self.token)[1],
                         {"assets": []})
        self.assertEqual(self.upload(tid, "logo.png", logo, token=self.other_therapist["token"])[0], 403)
        unknown = "01900000-0000-7000-8000-0000000000ff"
        self.assertEqual(self.upload(unknown, "logo.png", logo)[0], 404)
        self.assertEqual(self.call("GET", f"/api/v1/export/templates/{unknown}/assets", token=self.token)[0], 404)

    def test_templates_never_reach_files_or_the_network(self):
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(5)
        listener.settimeout(0.2)
        port = listener.getsockname()[1]
        connections = []

        def accept():
            try:
                while True:
                    connections.append(listener.accept())
            except OSError:
                pass
        thread = threading.Thread(target=accept, daemon=True)
        thread.start()
        content = ("<html><body><h1>Probe</h1><p>{{ patient.name }}</p>"
                   "<img src=\"file:///etc/passwd\"><img src=\"http://127.0.0.1:%d/x.png\">"
                   "<link rel=\"stylesheet\" href=\"http://127.0.0.1:%d/s.css\">"
                   "<p style=\"background: url(http://127.0.0.1:%d/bg.png)\">after</p></body></html>") % (port, port, port)
        status, t, _ = self.call("POST", "/api/v1/export/templates", {
            "name": "Probe", "export_type": "progress_report", "format": "pdf", "template_content": content}, self.token)
        self.assertEqual(status, 201, t)
        job = self.export("progress-report", {"patient_id": self.patient_id, "format": "pdf", "template_id": t["id"]},
                          self.token)
        text = pdf_text(self.download(job, self.token))
        self.assertIn("Probe", text)
        self.assertIn("after", text)
        self.assertNotIn("root:", text)
        self.assertTrue(any("file" in n for n in job.get("notes", [])), job)
        listener.close()
        thread.join(1)
        self.assertEqual(connections, [])


if __name__ == "__main__":
    unittest.main()
