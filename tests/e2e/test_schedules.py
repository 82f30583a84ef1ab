"""Scheduled reports (issue 9): the /api/v1/export/scheduled API, and `dossier serve` running
a schedule at its slot and delivering it: by email through a real SMTP server on loopback
(Debian's aiosmtpd, STARTTLS and a login required), and to storage with a copy in a directory.
The email carries a working signed link and nothing about the client; with an attachment
password, the PDF too, encrypted with it."""
import datetime
import email
import email.policy
import json
import os
import subprocess
import tempfile
import time

from documents import pdf_text, squash
from harness import DemoPracticeTest, Server, free_port, request

SMTP_USER, SMTP_PASSWORD, SENDER = "dossier", "mail-secret-7", "reports@calm-waters.example.org"
ATTACHMENT_PASSWORD = "lantern-harbor-93"


class SmtpSink:
    """tests/e2e/smtp_sink.py under Debian's Python, with a certificate made for 127.0.0.1."""

    def __init__(self, directory):
        self.dir = os.path.join(directory, "mail")
        os.makedirs(self.dir)
        self.cert, key = os.path.join(directory, "smtp-cert.pem"), os.path.join(directory, "smtp-key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                        "-keyout", key, "-out", self.cert], check=True, capture_output=True)
        self.port = free_port()
        self.proc = subprocess.Popen(
            ["/usr/bin/python3", os.path.join(os.path.dirname(__file__), "smtp_sink.py"),
             "--port", str(self.port), "--dir", self.dir, "--cert", self.cert, "--key", key,
             "--user", SMTP_USER, "--password", SMTP_PASSWORD],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert self.proc.stdout.readline().strip() == "ready"

    def messages(self):
        out = []
        for name in sorted(n for n in os.listdir(self.dir) if n.endswith(".eml")):
            with open(os.path.join(self.dir, name), "rb") as f:
                message = email.message_from_bytes(f.read(), policy=email.policy.default)
            with open(os.path.join(self.dir, name[:-4] + ".json")) as f:
                message.envelope = json.load(f)
            out.append(message)
        return out

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


class SchedulesTest(DemoPracticeTest):
    patients = 4

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server.stop()
        cls.sink = SmtpSink(cls.tmp)
        with open(os.path.join(cls.data_dir, "smtp.json"), "w") as f:
            json.dump({"url": f"smtp://127.0.0.1:{cls.sink.port}", "username": SMTP_USER,
                       "password": SMTP_PASSWORD, "from": SENDER, "ca_file": cls.sink.cert}, f)
        cls.copies = os.path.join(cls.tmp, "copies")
        args = ("--schedule-seconds", "1", "--schedule-copy-dir", cls.copies)
        cls.server = Server(cls.data_dir, extra_args=args)
        # A second process on the same practice runs the same schedules: each slot must still
        # run once.
        cls.second = Server(cls.data_dir, extra_args=args)
        cls.token = cls.therapist["token"]
        cls.patient_id = cls.therapist["patient_ids"][0]

    @classmethod
    def tearDownClass(cls):
        cls.second.stop()
        cls.sink.stop()
        super().tearDownClass()

    def body(self, **changes):
        body = {"export_type": "progress_report", "format": "pdf", "patient_id": self.patient_id,
                "schedule_type": "monthly", "schedule_config": {"time": "08:00", "day_of_month": 1},
                "parameters": {"include_sections": {"assessments": True}}}
        body.update(changes)
        return body

    def create(self, body, token=None):
        status, created, headers = self.call("POST", "/api/v1/export/scheduled", body, token or self.token)
        self.assertEqual(status, 201, created)
        self.assertEqual(headers["Location"], f"/api/v1/export/scheduled/{created['id']}")
        return created

    def problem_paths(self, status_and_body):
        status, body, _ = status_and_body
        self.assertEqual(status, 400, body)
        return [f["path"] for f in body["fields"]]

    def wait_for_run(self, schedule_id, statuses, timeout=150):
        deadline = time.time() + timeout
        while time.time() < deadline:
            status, schedule, _ = self.call("GET", f"/api/v1/export/scheduled/{schedule_id}", token=self.token)
            self.assertEqual(status, 200, schedule)
            if schedule["runs"] and schedule["runs"][0]["status"] in statuses:
                return schedule
            time.sleep(0.5)
        self.fail(f"schedule {schedule_id} did not reach {statuses}: {schedule['runs']}")

    def check_encrypted_attachment(self, schedule, patient):
        """The message of an attachment-password schedule carries the PDF, which opens with
        that password only; its words still say nothing about the client."""
        self.assertTrue(schedule["attachment_password_set"])
        self.assertNotIn(ATTACHMENT_PASSWORD, json.dumps(schedule))
        run = self.wait_for_run(schedule["id"], ("delivered", "failed"))["runs"][0]
        self.assertEqual(run["status"], "delivered", run)
        message = next(m for m in self.sink.messages()
                       if run["job_id"] in m.get_body(("plain",)).get_content())
        files = list(message.iter_attachments())
        self.assertEqual(len(files), 1)
        self.assertEqual(files[0].get_content_type(), "application/pdf")
        self.assertEqual(files[0].get_filename(), f"progress_report-{run['slot_at'][:10]}.pdf")
        text = message.get_body(("plain",)).get_content()
        self.assertIn("encrypted with the password you set", text)
        words = message["Subject"] + text + files[0].get_filename()
        for value in (patient["given_name"], patient["family_name"], patient["mrn"], self.patient_id):
            self.assertNotIn(value, words)
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(files[0].get_content())
            f.flush()
            locked = subprocess.run(["pdftotext", f.name, "-"], capture_output=True)
            self.assertNotEqual(locked.returncode, 0, "the attachment opened without its password")
            opened = subprocess.run(["pdftotext", "-upw", ATTACHMENT_PASSWORD, f.name, "-"],
                                    capture_output=True, text=True, check=True)
        self.assertIn(patient["family_name"], squash(opened.stdout))
        status, audit, _ = self.call("GET", f"/api/v1/export/audit?job_id={run['job_id']}", token=self.admin)
        shared = next(e for e in audit["entries"] if e["action"] == "shared")
        self.assertTrue(shared["metadata"]["encrypted_attachment"])

    def test_create_read_list_change_and_cancel(self):
        created = self.create(self.body())
        self.assertEqual(created["user_id"], self.therapist["user_id"])
        self.assertEqual(created["schedule_config"]["day_of_month"], 1)
        self.assertEqual(created["delivery_method"], "storage")
        self.assertTrue(created["is_active"])
        self.assertTrue(created["next_run_at"].endswith(":00:00.000Z"), created)
        self.assertEqual(created["runs"], [])
        status, listed, _ = self.call("GET", "/api/v1/export/scheduled", token=self.token)
        self.assertIn(created["id"], [s["id"] for s in listed["schedules"]])
        path = f"/api/v1/export/scheduled/{created['id']}"
        status, paused, _ = self.call("PATCH", path, {"is_active": False}, self.token)
        self.assertEqual((status, paused["is_active"], paused["next_run_at"]), (200, False, None))
        status, weekly, _ = self.call("PATCH", path, {"is_active": True, "schedule_type": "weekly",
                                                      "schedule_config": {"time": "17:30", "day_of_week": "friday",
                                                                          "timezone": "Europe/Berlin"}}, self.token)
        self.assertEqual(status, 200, weekly)
        slot = datetime.datetime.fromisoformat(weekly["next_run_at"].replace("Z", "+00:00"))
        self.assertEqual(slot.weekday(), 4)  # a Friday, in Berlin and in UTC alike at 17:30
        self.assertIn(slot.strftime("%H:%M"), ("15:30", "16:30"))
        self.assertEqual(self.call("GET", path, token=self.other_therapist["token"])[0], 404)
        self.assertEqual(self.call("GET", path, token=self.admin)[0], 200)
        self.assertEqual(self.call("DELETE", path, token=self.token)[0], 204)
        self.assertEqual(self.call("GET", path, token=self.token)[0], 404)
        self.assertEqual(self.call("DELETE", path, token=self.token)[0], 404)

    def test_bad_schedules_name_their_members(self):
        body = self.body(schedule_config={"time": "25:00", "day_of_month": 31},
                         parameters={"start_date": "2026-01-01"}, delivery_method="pigeon")
        self.assertEqual(self.problem_paths(self.call("POST", "/api/v1/export/scheduled", body, self.token)),
                         ["schedule_config.time", "parameters.start_date", "delivery_method"])
        self.assertEqual(self.problem_paths(self.call("POST", "/api/v1/export/scheduled",
                                                      self.body(format="x12"), self.token)), ["format"])
        foreign = self.body(patient_id=self.other_therapist["patient_ids"][0])
        self.assertEqual(self.call("POST", "/api/v1/export/scheduled", foreign, self.token)[0], 404)
        self.assertEqual(self.call("POST", "/api/v1/export/scheduled", self.body(), self.biller)[0], 403)
        self.assertEqual(self.call("POST", "/api/v1/export/scheduled", self.body(), None)[0], 401)

    def test_a_schedule_runs_at_its_slot_and_is_delivered_by_email_and_to_storage(self):
        now = datetime.datetime.now(datetime.timezone.utc)
        if now.second > 50:  # keep the slot a whole minute ahead of the requests below
            time.sleep(61 - now.second)
            now = datetime.datetime.now(datetime.timezone.utc)
        slot = (now + datetime.timedelta(minutes=1)).strftime("%H:%M")
        daily = {"schedule_type": "daily", "schedule_config": {"time": slot, "timezone": "UTC"}}
        by_email = self.create(self.body(delivery_method="email", **daily))
        stored = self.create(self.body(format="docx", delivery={"copy_to_directory": True}, **daily))
        attached = self.create(self.body(delivery_method="email",
                                         delivery={"attachment_password": ATTACHMENT_PASSWORD}, **daily))
        self.assertEqual(by_email["next_run_at"][11:16], slot)

        mailed = self.wait_for_run(by_email["id"], ("delivered", "failed"))
        run = mailed["runs"][0]
        self.assertEqual(run["status"], "delivered", run)
        self.assertEqual(run["slot_at"], by_email["next_run_at"])
        messages = [m for m in self.sink.messages() if run["job_id"] in m.get_body(("plain",)).get_content()]
        self.assertEqual(len(messages), 1)
        message = messages[0]
        status, owner, _ = self.call("GET", f"/api/v1/users/{self.therapist['user_id']}", token=self.admin)
        self.assertEqual(message.envelope, {"mail_from": SENDER, "rcpt_tos": [owner["email"]]})
        self.assertEqual((message["From"], message["To"]), (SENDER, owner["email"]))
        self.assertEqual(message["Subject"], "Your scheduled report is ready")
        text = message.get_body(("plain",)).get_content()
        self.assertIn("Progress report (PDF)", text)
        self.assertFalse([p for p in message.iter_attachments()], "no file travels by email")
        status, patient, _ = self.call("GET", f"/api/v1/patients/{self.patient_id}", token=self.token)
        whole = message.as_string()
        for value in (patient["given_name"], patient["family_name"], patient["mrn"], patient["email"],
                      patient["phone"], patient["birth_date"], self.patient_id):
            self.assertNotIn(value, whole)
        link = next(line for line in text.splitlines() if "/api/v1/export/download/" in line).strip()
        # Either server may have sent it: each links to the address it serves.
        sender = next((srv for srv in (self.server, self.second) if link.startswith(srv.url + "/")), None)
        self.assertIsNotNone(sender, link)
        status, pdf, headers = request(sender, "GET", link[len(sender.url):])
        self.assertEqual(status, 200)
        self.assertEqual(headers["Content-Type"], "application/pdf")
        words = squash(pdf_text(pdf))
        self.assertIn(patient["family_name"], words)
        yesterday = (datetime.datetime.fromisoformat(run["slot_at"].replace("Z", "+00:00")).date()
                     - datetime.timedelta(days=1))
        status, job, _ = self.call("GET", f"/api/v1/export/jobs/{run['job_id']}", token=self.token)
        self.assertEqual((job["export_type"], job["format"], job["status"]), ("progress_report", "pdf", "completed"))
        status, audit, _ = self.call("GET", f"/api/v1/export/audit?job_id={run['job_id']}", token=self.admin)
        actions = {e["action"]: e for e in audit["entries"]}
        self.assertEqual(actions["created"]["metadata"]["schedule_id"], by_email["id"])
        self.assertEqual(actions["shared"]["metadata"]["channel"], "email")
        self.assertEqual((job["parameters"]["start_date"], job["parameters"]["end_date"]),
                         (str(yesterday), str(yesterday)))

        self.check_encrypted_attachment(attached, patient)

        kept = self.wait_for_run(stored["id"], ("delivered", "failed"))["runs"][0]
        # Two servers ran the scheduler every second: still one run, one job, one email a slot.
        time.sleep(3)
        for schedule in (by_email, stored):
            status, now_listed, _ = self.call("GET", f"/api/v1/export/scheduled/{schedule['id']}", token=self.token)
            self.assertEqual(len(now_listed["runs"]), 1, now_listed["runs"])
        status, created, _ = self.call("GET", "/api/v1/export/audit?action=created&limit=200", token=self.admin)
        made = [e for e in created["entries"] if e["metadata"].get("schedule_id") in (by_email["id"], stored["id"])]
        self.assertEqual(len(made), 2, made)
        self.assertEqual(len([m for m in self.sink.messages()
                              if run["job_id"] in m.get_body(("plain",)).get_content()]), 1)
        self.assertEqual(kept["status"], "delivered", kept)
        status, jobs, _ = self.call("GET", "/api/v1/export/jobs", token=self.token)
        self.assertIn(kept["job_id"], [j["id"] for j in jobs["jobs"]])
        copy = os.path.join(self.copies, stored["id"], f"{kept['slot_at'][:10]}-progress_report.docx")
        with open(copy, "rb") as f:
            self.assertEqual(f.read(2), b"PK")
