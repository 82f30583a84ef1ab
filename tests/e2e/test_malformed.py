"""Malformed requests: each gets a 4xx in the one JSON error shape, naming the field, and
the service keeps running. None may produce a 5xx or echo what it was sent."""
import unittest

from harness import DemoPracticeTest

UNKNOWN = "0190f0e2-7c1a-7abc-8def-000000000000"


class MalformedRequestsTest(DemoPracticeTest):
    def cases(self):
        p = self.therapist["patient_ids"][0]
        other_patient = self.other_therapist["patient_ids"][0]
        t = self.therapist["token"]
        status, sessions, _ = self.call("GET", f"/api/v1/sessions?patient_id={p}&limit=2", token=t)
        s1 = sessions["items"][0]["id"]
        status, others, _ = self.call("GET", f"/api/v1/sessions?patient_id={other_patient}&limit=1",
                                      token=self.other_therapist["token"])
        foreign_session = others["items"][0]["id"]
        pr = "/api/v1/export/progress-report"
        fr = "/api/v1/export/full-record"
        # (method, path, body or raw bytes, expected status, field path or None)
        return [
            ("POST", pr, b"{not json", 400, "body"),
            ("POST", pr, b"", 400, "body"),
            ("POST", pr, [], 400, "body"),
            ("POST", pr, "a string", 400, "body"),
            ("POST", pr, {"format": "json"}, 400, "patient_id"),
            ("POST", pr, {"patient_id": "nope", "format": "json"}, 400, "patient_id"),
            ("POST", pr, {"patient_id": 42, "format": "json"}, 400, "patient_id"),
            ("POST", pr, {"patient_id": p}, 400, "format"),
            ("POST", pr, {"patient_id": p, "format": "odt"}, 400, "format"),
            ("POST", pr, {"patient_id": p, "format": "JSON"}, 400, "format"),
            ("POST", pr, {"patient_id": p, "format": "csv", "options": {"bom": "yes"}}, 400, "options.bom"),
            ("POST", pr, {"patient_id": p, "format": "json", "start_date": "2024-02-30"}, 400, "start_date"),
            ("POST", pr, {"patient_id": p, "format": "json", "end_date": "03/10/2024"}, 400, "end_date"),
            ("POST", pr, {"patient_id": p, "format": "json", "start_date": "2024-03-10", "end_date": "2024-01-01"},
             400, "end_date"),
            ("POST", pr, {"patient_id": p, "format": "json", "include_sections": {"horoscope": True}},
             400, "include_sections.horoscope"),
            ("POST", pr, {"patient_id": p, "format": "json", "include_sections": {"goals": "yes"}},
             400, "include_sections.goals"),
            ("POST", pr, {"patient_id": p, "format": "json", "include_sections": [True]}, 400, "include_sections"),
            ("POST", pr, {"patient_id": p, "format": "json", "colour": "blue"}, 400, "colour"),
            ("POST", pr, {"patient_id": p, "format": "json", "template_id": UNKNOWN}, 400, "template_id"),
            ("POST", pr, {"patient_id": UNKNOWN, "format": "json"}, 404, None),
            ("POST", pr, {"patient_id": other_patient, "format": "json"}, 404, None),
            ("POST", fr, {"patient_id": p, "format": "json", "date_range": {"start": "2024-05-01", "end": "2024-01-01"}},
             400, "date_range.end"),
            ("POST", fr, {"patient_id": p, "format": "json", "date_range": {"from": "2024-01-01"}}, 400, "date_range.from"),
            ("POST", fr, {"patient_id": p, "format": "json", "date_range": "2024"}, 400, "date_range"),
            ("POST", fr, {"patient_id": p, "format": "json", "options": {"include_psychotherapy_notes": True}},
             400, "authorization"),
            ("POST", fr, {"patient_id": p, "format": "json", "redaction": {"profile": "tabloid"}},
             400, "redaction.profile"),
            ("POST", fr, {"patient_id": p, "format": "json", "recipient": "Lakeside"}, 400, "recipient"),
            ("POST", fr, {"patient_id": p, "format": "json", "options": {"include_psychotherapy_notes": True},
                          "redaction": {"profile": "insurance"},
                          "authorization": {"reference": "A-1", "date": "2025-01-02", "scope": "notes"}},
             400, "options.include_psychotherapy_notes"),
            ("POST", fr, {"patient_id": p, "format": "json", "include_sections": {"attachments": 1}},
             400, "include_sections.attachments"),
            ("POST", "/api/v1/export/session-notes", {"format": "json"}, 400, "session_ids"),
            ("POST", "/api/v1/export/session-notes", {"session_ids": [], "format": "json"}, 400, "session_ids"),
            ("POST", "/api/v1/export/session-notes", {"session_ids": [s1, s1], "format": "json"}, 400, "session_ids[1]"),
            ("POST", "/api/v1/export/session-notes", {"session_ids": [s1, foreign_session], "format": "json"},
             400, "session_ids[1]"),
            ("POST", "/api/v1/export/session-notes", {"session_ids": [s1], "format": "json", "options": {"include_ai_notes": "no"}},
             400, "options.include_ai_notes"),
            ("POST", "/api/v1/export/session-notes", {"session_ids": [foreign_session], "format": "json"}, 404, None),
            ("POST", "/api/v1/export/treatment-summary", {"patient_id": p, "format": "json", "purpose": "court"}, 400, "purpose"),
            ("POST", "/api/v1/export/treatment-summary", {"patient_id": p, "format": "json", "treatment_plan_id": UNKNOWN},
             400, "treatment_plan_id"),
            ("POST", "/api/v1/export/insurance-report", {"patient_id": p, "format": "json", "session_ids": [foreign_session]},
             400, "session_ids[0]"),
            ("POST", "/api/v1/export/insurance-report",
             {"patient_id": p, "format": "json", "session_ids": [s1], "start_date": "2024-01-01"}, 400, "session_ids"),
            ("GET", "/api/v1/export/jobs?limit=0", None, 400, "limit"),
            ("GET", "/api/v1/export/jobs?limit=abc", None, 400, "limit"),
            ("GET", "/api/v1/export/jobs?status=done", None, 400, "status"),
            ("GET", "/api/v1/export/jobs?patient_id=xyz", None, 400, "patient_id"),
            ("GET", "/api/v1/export/jobs?cursor=zzz", None, 400, "cursor"),
            ("GET", "/api/v1/export/jobs/not-a-uuid", None, 404, None),
            ("GET", f"/api/v1/export/jobs/{UNKNOWN}", None, 404, None),
            ("GET", f"/api/v1/export/download/{UNKNOWN}", None, 404, None),
            ("DELETE", f"/api/v1/export/jobs/{UNKNOWN}", None, 404, None),
            ("POST", "/api/v1/patients", {"given_name": "Ana", "family_name": "Pérez", "birth_date": "2031-01-01",
                                          "sex": "female"}, 400, "birth_date"),
            ("POST", "/api/v1/diagnoses", {"patient_id": p, "icd10_code": "F41,1", "description": "x"}, 400, "icd10_code"),
            ("POST", "/api/v1/assessments", {"patient_id": p, "instrument": "PHQ-9", "administered_on": "2024-01-01",
                                             "item_answers": [0, 1, 2]}, 400, "item_answers"),
            ("PATCH", f"/api/v1/patients/{p}", {"sex": "sometimes"}, 400, "sex"),
        ]

    def test_every_malformed_request_is_a_named_4xx(self):
        t = self.therapist["token"]
        cases = self.cases()
        self.assertGreaterEqual(len(cases), 30)
        for method, path, body, want, field in cases:
            with self.subTest(method=method, path=path, body=body):
                raw = body if isinstance(body, bytes) else None
                status, err, _ = self.call(method, path, None if raw is not None else body, t, raw=raw)
                self.assertEqual(status, want, err)
                self.assertIsInstance(err, dict)
                self.assertIn("error", err)
                self.assertIn("detail", err)
                if field:
                    self.assertIn(field, [f["path"] for f in err.get("fields", [])], err)
                    for f in err["fields"]:
                        self.assertNotIn("blue", f["problem"])
                        self.assertNotIn("F41,1", f["problem"])
        self.assertTrue(self.server.alive())
        self.assertEqual(self.call("GET", "/healthz")[0], 200)

    def test_the_practice_time_zone_must_be_an_iana_name(self):
        status, page, _ = self.call("GET", "/api/v1/practice", token=self.admin)
        self.assertEqual(status, 200, page)
        practice = page["items"][0]
        self.assertTrue(practice["time_zone"].startswith("America/"), practice["time_zone"])
        path = f"/api/v1/practice/{practice['id']}"
        self.addCleanup(self.call, "PATCH", path, {"time_zone": practice["time_zone"]}, self.admin)
        for bad in ("Mars/Olympus_Mons", "america/chicago", "../../etc/passwd", "", 5):
            with self.subTest(time_zone=bad):
                status, err, _ = self.call("PATCH", path, {"time_zone": bad}, self.admin)
                self.assertEqual(status, 400, err)
                self.assertEqual(err["error"], "validation_failed")
                self.assertEqual([f["path"] for f in err["fields"]], ["time_zone"])
                self.assertNotIn("Olympus", str(err))
        status, updated, _ = self.call("PATCH", path, {"time_zone": "Asia/Kolkata"}, self.admin)
        self.assertEqual((status, updated["time_zone"]), (200, "Asia/Kolkata"))

    def test_no_token_or_bad_token_is_401(self):
        for token in (None, "dsr_wrong", "x" * 300):
            status, err, headers = self.call("GET", "/api/v1/export/jobs", token=token)
            self.assertEqual(status, 401)
            self.assertEqual(err["error"], "unauthenticated")
            self.assertEqual(headers.get("WWW-Authenticate"), "Bearer")

    def test_oversized_body_is_413(self):
        big = b'{"patient_id": "' + b"x" * (17 << 20) + b'"}'
        status, err, _ = self.call("POST", "/api/v1/export/full-record", raw=big, token=self.therapist["token"])
        self.assertEqual(status, 413)
        self.assertEqual(err["error"], "payload_too_large")
        self.assertTrue(self.server.alive())

    def test_no_5xx_and_no_phi_in_logs(self):
        self.test_every_malformed_request_is_a_named_4xx()
        events = self.server.log_events()
        self.assertFalse([e for e in events if e.get("status", 200) >= 500])
        with open(self.server.log_path) as f:
            text = f.read()
        status, patient, _ = self.call("GET", f"/api/v1/patients/{self.therapist['patient_ids'][0]}",
                                       token=self.therapist["token"])
        self.assertNotIn(patient["family_name"], text)
        self.assertNotIn(patient["birth_date"], text)


if __name__ == "__main__":
    unittest.main()
