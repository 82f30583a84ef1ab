"""The Export form and the Jobs pages in a real browser: a therapist exports a progress report
as a PDF from the form, watches its job page turn Ready without a reload and downloads it; a
mistake in the form comes back beside its field; a biller is offered insurance reports only
and shown no note on any page; an expired job says so; a job is deleted from its page.
Screenshots at 1280 and 390 px against goldens and axe-core on the form and the Jobs pages.

The server of this suite runs no export workers: jobs stay pending until a test starts a
`dossier worker` (Worker below), so that the live status is seen to change."""
import subprocess
import threading
import time
import unittest

from browser import BrowserTest
from documents import pdf_text
from harness import BINARY, process_env, request, run_sql

WAIT = 30  # seconds, for any job or worker


class Worker:
    """A `dossier worker` on the suite's practice while the `with` lasts; with `after`, it
    starts only once that function returns True (polled every 0.1 s, in a thread)."""

    def __init__(self, data_dir, after=None):
        self.data_dir = data_dir
        self.after = after
        self.proc = None
        self.thread = None
        self.stopping = threading.Event()

    def _start(self):
        self.proc = subprocess.Popen([BINARY, "worker", "--data-dir", self.data_dir, "--threads", "1"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     env=process_env(self.data_dir))

    def _start_when_ready(self):
        deadline = time.time() + WAIT
        while not self.stopping.is_set() and time.time() < deadline:
            if self.after():
                self._start()
                return
            time.sleep(0.1)

    def __enter__(self):
        if self.after is None:
            self._start()
        else:
            self.thread = threading.Thread(target=self._start_when_ready, daemon=True)
            self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        if self.thread:
            self.thread.join(timeout=WAIT)
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=WAIT)


class WebExportTest(BrowserTest):
    workers = 0

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.patient_id = cls.therapist["patient_ids"][0]
        status, patient, _ = request(cls.server, "GET", f"/api/v1/patients/{cls.patient_id}",
                                     token=cls.therapist["token"])
        assert status == 200, status
        cls.client_name = f"{patient['given_name']} {patient['family_name']}"

    def as_user(self, user):
        return {"username": user["username"], "password": user["password"]}

    def jobs_of(self, token, status=None):
        path = "/api/v1/export/jobs" + (f"?status={status}" if status else "")
        code, listed, _ = self.call("GET", path, token=token)
        self.assertEqual(code, 200)
        return listed["jobs"]

    def test_a_therapist_exports_a_progress_report_and_downloads_it(self):
        token = self.therapist["token"]
        # The worker starts a second after the job is made: the page shows it waiting first.
        seen = []

        def pending_for_a_second():
            if not seen and self.jobs_of(token, "pending"):
                seen.append(time.time())
            return bool(seen) and time.time() - seen[0] > 1.0

        with Worker(self.data_dir, after=pending_for_a_second):
            outcome = self.scenario("export_and_download.mjs", **self.as_user(self.therapist),
                                    type="progress-report", patientId=self.patient_id,
                                    fields={"format": "pdf"}, wait=WAIT * 1000)
        self.assertEqual(outcome["failedRequests"], [])
        page = outcome["result"]
        self.assertEqual(page["status"], 200)
        self.assertRegex(page["path"], r"^/jobs/[0-9a-f-]{36}$")
        job_id = page["path"].split("/")[-1]
        self.assertIn(page["firstStatus"], ("Waiting", "In progress"))
        self.assertFalse(page["reloaded"], "the status changed by a reload, not in place")
        self.assertEqual(page["finalStatus"], "Ready")
        self.assertRegex(page["expires"], r"^\d{4}-\d\d-\d\d \d\d:\d\d$")
        # The API's job: made for this therapist, as the form asked.
        code, job, _ = self.call("GET", f"/api/v1/export/jobs/{job_id}", token=token)
        self.assertEqual(code, 200)
        self.assertEqual((job["export_type"], job["format"], job["status"]), ("progress_report", "pdf", "completed"))
        self.assertEqual(job["patient_id"], self.patient_id)
        download = page["file"]
        self.assertEqual(download["filename"], f"progress_report-{job_id}.pdf")
        self.assertEqual(download["bytes"], job["file_size_bytes"])
        with open(download["path"], "rb") as f:
            text = pdf_text(f.read())
        self.assertIn("Progress Report", text)
        self.assertIn(self.client_name, text)

    def test_an_end_date_before_the_start_date_is_shown_beside_it(self):
        token = self.therapist["token"]
        before = len(self.jobs_of(token))
        outcome = self.scenario("export_form_error.mjs", **self.as_user(self.therapist),
                                type="progress-report", patientId=self.patient_id, field="end_date",
                                fields={"start_date": "2025-03-01", "end_date": "2025-01-01",
                                        "recipient.name": "Dr. Keep Me", "include_sections.recommendations": False})
        page = outcome["result"]
        self.assertEqual((page["status"], page["path"]), (400, "/export"))
        field = page["field"]
        self.assertEqual(field["invalid"], "true")
        self.assertEqual(field["describedBy"], "error-end_date")
        self.assertEqual(field["problem"], "must not be before start_date")
        self.assertTrue(field["besideInput"])
        self.assertEqual(page["summary"], ["To: must not be before start_date"])
        # What was typed and ticked is kept.
        self.assertEqual(field["value"], "2025-01-01")
        self.assertEqual(page["values"]["start_date"], "2025-03-01")
        self.assertEqual(page["values"]["recipient.name"], "Dr. Keep Me")
        self.assertFalse(page["values"]["include_sections.recommendations"])
        self.assertTrue(page["values"]["include_sections.diagnosis"])
        self.assertEqual(len(self.jobs_of(token)), before)

    def test_the_export_form_at_both_widths_and_with_axe(self):
        outcome = self.scenario("page_check.mjs", **self.as_user(self.therapist),
                                path=f"/export?type=progress-report&patient_id={self.patient_id}",
                                screenshot={"name": "export-form"})
        page = outcome["result"]
        self.assertEqual(page["h1"], ["Export"])
        self.assertEqual(page["h2"], ["What to export", f"Progress report for {self.client_name}"])
        self.assertEqual([s["match"] for s in outcome["screenshots"]], [True, True])
        self.assertEqual(outcome["failedRequests"], [])

    def test_a_billers_pages_offer_insurance_reports_only_and_never_a_note(self):
        code, notes, _ = self.call("GET", f"/api/v1/notes?patient_id={self.patient_id}",
                                   token=self.therapist["token"])
        self.assertEqual(code, 200)
        note_texts = [t for n in notes["items"] for t in strings(n["sections"]) if len(t) > 20]
        self.assertTrue(note_texts, "the demo client has notes to look for")
        with Worker(self.data_dir):
            claim = self.export("insurance-report", {"patient_id": self.patient_id, "format": "json"}, self.biller)
        paths = ["/export", f"/export?type=insurance-report&patient_id={self.patient_id}", "/jobs",
                 f"/jobs/{claim['id']}", f"/clients/{self.patient_id}"]
        pages = self.scenario("pages_text.mjs", **self.as_user(self.tokens["biller"]), paths=paths)["result"]
        for path in paths:
            self.assertEqual(pages[path]["status"], 200, path)
            for text in note_texts:
                self.assertNotIn(text, pages[path]["text"], path)
        self.assertEqual(pages["/export"]["options"]["type"], ["", "insurance-report"])
        form = pages[paths[1]]
        self.assertEqual(form["options"]["type"], ["insurance-report"])
        self.assertIn("x12", form["options"]["format"])
        self.assertIn("cms1500", form["options"]["format"])
        self.assertFalse([n for n in form["inputs"] if n.startswith("include_sections.")])
        self.assertTrue([n for n in form["inputs"] if n.startswith("session_ids.")])
        self.assertIn("Insurance report", pages["/jobs"]["text"])
        # A type the biller is not offered is refused, as the API refuses it.
        refused = self.scenario("pages_text.mjs", **self.as_user(self.tokens["biller"]),
                                paths=[f"/export?type=session-notes&patient_id={self.patient_id}"])["result"]
        [answer] = refused.values()
        self.assertEqual(answer["status"], 400)

    def test_an_expired_job_says_so_and_offers_no_download(self):
        me = self.tokens["therapists"][2]  # a therapist of this test alone
        with Worker(self.data_dir):
            job = self.export("progress-report", {"patient_id": me["patient_ids"][0], "format": "json"}, me["token"])
        # As the cleanup pass leaves a job whose file it removed.
        run_sql(self.data_dir, f"UPDATE export_jobs SET expired_at = '2020-01-01T00:00:00.000Z' WHERE id = '{job['id']}'")
        paths = ["/jobs", f"/jobs/{job['id']}"]
        pages = self.scenario("pages_text.mjs", **self.as_user(me), paths=paths)["result"]
        for path in paths:
            self.assertEqual(pages[path]["status"], 200, path)
            self.assertIn("Expired", pages[path]["text"], path)
            self.assertNotIn("Download", pages[path]["text"], path)

    def test_the_jobs_pages_and_deleting_a_job(self):
        # The other therapist's jobs are this test's alone: the list is the same every run.
        me = self.other_therapist
        patient = me["patient_ids"][0]
        with Worker(self.data_dir):
            job = self.export("progress-report", {"patient_id": patient, "format": "json"}, me["token"])
        still = {"mask": [".created", ".expires"]}
        listed = self.scenario("page_check.mjs", **self.as_user(me), path="/jobs",
                               screenshot={"name": "jobs", "options": still})
        self.assertEqual(listed["result"]["h1"], ["Jobs"])
        one = self.scenario("page_check.mjs", **self.as_user(me), path=f"/jobs/{job['id']}",
                            screenshot={"name": "job", "options": still}, selectors=["[data-field=status_label]"])
        self.assertEqual(one["result"]["texts"]["[data-field=status_label]"], "Ready")
        deleted = self.scenario("delete_job.mjs", **self.as_user(me), path=f"/jobs/{job['id']}")["result"]
        self.assertEqual((deleted["path"], deleted["query"]), ("/jobs", {"deleted": "1"}))
        self.assertEqual(deleted["notice"], "The export was deleted.")
        self.assertNotIn(f"job-{job['id']}", deleted["rows"])
        code, _, _ = self.call("GET", f"/api/v1/export/jobs/{job['id']}", token=me["token"])
        self.assertEqual(code, 404)


def strings(value):
    """Every string inside a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


if __name__ == "__main__":
    unittest.main()
