"""Each export type end to end: request → pending → completed → download, with the JSON
checked against the record as the record API reports it; and who may see what."""
import unittest

from harness import DemoPracticeTest, stored_files


class ExportsTest(DemoPracticeTest):
    def setUp(self):
        self.token = self.therapist["token"]
        self.patient_id = self.therapist["patient_ids"][0]

    def record(self, resource, **query):
        q = "&".join(f"{k}={v}" for k, v in query.items())
        items, cursor = [], None
        while True:
            path = f"/api/v1/{resource}?limit=200&{q}" + (f"&cursor={cursor}" if cursor else "")
            status, page, _ = self.call("GET", path, token=self.token)
            self.assertEqual(status, 200, page)
            items += page["items"]
            cursor = page["next_cursor"]
            if not cursor:
                return items

    def patient(self):
        status, p, _ = self.call("GET", f"/api/v1/patients/{self.patient_id}", token=self.token)
        self.assertEqual(status, 200)
        return p

    def test_full_record_matches_the_record(self):
        job = self.export("full-record", {"patient_id": self.patient_id, "format": "json",
                                          "include_sections": {"attachments": True}}, self.token)
        doc = self.download(job, self.token)
        tables = doc["tables"]
        self.assertEqual(tables["patients"], [self.patient()])
        self.assertEqual([s["id"] for s in tables["sessions"]],
                         [s["id"] for s in sorted(self.record("sessions", patient_id=self.patient_id),
                                                  key=lambda s: (s["start_time"], s["id"]))])
        self.assertEqual(sorted(d["icd10_code"] for d in tables["diagnoses"]),
                         sorted(d["icd10_code"] for d in self.record("diagnoses", patient_id=self.patient_id)))
        visible_notes = self.record("notes", patient_id=self.patient_id)
        progress = [n for n in visible_notes if n["kind"] == "progress_note"]
        self.assertEqual(sorted(n["id"] for n in tables["session_notes"]), sorted(n["id"] for n in progress))
        self.assertEqual(len(tables["assessments"]), len(self.record("assessments", patient_id=self.patient_id)))
        self.assertIn("api_tokens", [e["table"] for e in doc["excluded"]])
        self.assertTrue(any(e.get("rows") == "kind = psychotherapy_note" for e in doc["excluded"]))
        self.assertGreater(len(doc["timeline"]), len(tables["sessions"]) - 1)
        self.assertEqual(job["file_size_bytes"] > 0, True)

    def test_progress_report_matches_goals_and_scores(self):
        job = self.export("progress-report", {"patient_id": self.patient_id, "format": "json",
                                              "include_sections": {"recommendations": False}}, self.token)
        doc = self.download(job, self.token)
        self.assertEqual(doc["patient"]["name"], self.patient()["given_name"] + " " + self.patient()["family_name"])
        goals = self.record("goals", patient_id=self.patient_id)
        plans = {p["id"]: p for p in self.record("treatment-plans", patient_id=self.patient_id)}
        expected = sorted(g["description"] for g in goals if plans[g["treatment_plan_id"]]["status"] != "revoked")
        self.assertEqual(sorted(g["description"] for g in doc["goals"]), expected)
        for g in doc["goals"]:
            self.assertTrue(0 <= g["progress_percentage"] <= 100)
        scores = [a["total_score"] for a in self.record("assessments", patient_id=self.patient_id)
                  if doc["start_date"] <= a["administered_on"] <= doc["end_date"]]
        self.assertEqual(sorted(a["total_score"] for a in doc["assessments"]), sorted(scores))
        self.assertNotIn("recommendations", doc)
        self.assertIn("session_summary", doc)
        self.assertEqual(doc["include_sections"]["recommendations"], False)

    def test_session_notes_honor_options(self):
        sessions = [s for s in self.record("sessions", patient_id=self.patient_id) if s["status"] == "kept"][:3]
        ids = [s["id"] for s in sessions]
        job = self.export("session-notes", {"session_ids": ids, "format": "json",
                                            "options": {"include_action_items": False, "include_transcript": True}},
                          self.token)
        doc = self.download(job, self.token)
        self.assertEqual(sorted(e["session"]["id"] for e in doc["sessions"]), sorted(ids))
        for entry in doc["sessions"]:
            expected = [n for n in self.record("notes", session_id=entry["session"]["id"]) if n["kind"] == "progress_note"]
            self.assertEqual([n["id"] for n in entry["notes"]], [n["id"] for n in expected])
            for shown, stored in zip(entry["notes"], expected):
                self.assertEqual(shown["sections"], stored["sections"])
                self.assertNotIn("action_items", shown)
                self.assertIn("transcript", shown)

    def test_treatment_summary_for_insurance_is_minimum_necessary(self):
        job = self.export("treatment-summary", {"patient_id": self.patient_id, "format": "json",
                                                "purpose": "insurance"}, self.token)
        doc = self.download(job, self.token)
        self.assertEqual(doc["purpose"], "insurance")
        self.assertNotIn("phone", doc["patient"])
        self.assertNotIn("address_line1", doc["patient"])
        self.assertEqual(doc["patient"]["birth_date"], self.patient()["birth_date"])
        active = [p for p in self.record("treatment-plans", patient_id=self.patient_id) if p["status"] == "active"]
        self.assertEqual(doc["treatment_plan"]["id"], active[0]["id"])
        self.assertIn(doc["prognosis"]["rating"], ["good", "fair", "guarded", "undetermined"])
        self.assertIn("medical_necessity", doc)

    def test_insurance_report_lists_kept_sessions_in_range(self):
        kept = [s for s in self.record("sessions", patient_id=self.patient_id) if s["status"] == "kept"]
        start, end = kept[0]["start_time"][:10], kept[5]["start_time"][:10]
        job = self.export("insurance-report", {"patient_id": self.patient_id, "format": "json",
                                               "start_date": start, "end_date": end}, self.biller)
        doc = self.download(job, self.biller)
        in_range = [s for s in kept if start <= s["start_time"][:10] <= end]
        self.assertEqual(doc["claim_info"]["procedure_codes"], [s["cpt_code"] for s in in_range])
        self.assertEqual(doc["claim_info"]["total_units"], len(in_range))
        self.assertEqual(len(doc["service_lines"]), len(in_range))
        active = [d for d in self.record("diagnoses", patient_id=self.patient_id) if d["status"] == "active"]
        self.assertEqual(sorted(doc["claim_info"]["diagnosis_codes"]), sorted(d["icd10_code"] for d in active))
        self.assertEqual(sorted((d["code"], d["description"]) for d in doc["claim_info"]["diagnoses"]),
                         sorted((d["icd10_code"], d["description"]) for d in active))
        practice = self.call("GET", "/api/v1/practice", token=self.token)[1]["items"][0]
        self.assertEqual(doc["claim_info"]["billing_name"], practice["name"])
        self.assertEqual(doc["practice"]["npi"], practice["npi"])
        pointers = ["A", "B", "C", "D"][:len(active)]
        self.assertTrue(all(line["diagnosis_pointers"] == pointers for line in doc["service_lines"]))

    def test_other_therapist_sees_nothing(self):
        job = self.export("full-record", {"patient_id": self.patient_id, "format": "json"}, self.token)
        other = self.other_therapist["token"]
        status, err, _ = self.call("POST", "/api/v1/export/full-record",
                                   {"patient_id": self.patient_id, "format": "json"}, other)
        self.assertEqual(status, 404)
        self.assertEqual(err["error"], "not_found")
        self.assertEqual(self.call("GET", f"/api/v1/export/jobs/{job['id']}", token=other)[0], 404)
        self.assertEqual(self.call("GET", f"/api/v1/export/download/{job['id']}", token=other)[0], 404)
        self.assertEqual(self.call("DELETE", f"/api/v1/export/jobs/{job['id']}", token=other)[0], 404)
        status, listing, _ = self.call("GET", "/api/v1/export/jobs?limit=200", token=other)
        self.assertNotIn(job["id"], [j["id"] for j in listing["jobs"]])
        self.assertEqual(self.call("GET", f"/api/v1/patients/{self.patient_id}", token=other)[0], 404)

    def test_biller_never_gets_notes(self):
        status, err, _ = self.call("POST", "/api/v1/export/full-record",
                                   {"patient_id": self.patient_id, "format": "json"}, self.biller)
        self.assertEqual(status, 403)
        self.assertEqual(self.call("GET", f"/api/v1/notes?patient_id={self.patient_id}", token=self.biller)[0], 403)

    def test_audit_trail_and_delete(self):
        job = self.export("progress-report", {"patient_id": self.patient_id, "format": "json"}, self.token)
        status, _, headers = self.call("GET", job["download_url"], token=self.token)
        self.assertEqual(status, 200)
        downloaded_sha256 = headers["X-Content-SHA256"]
        self.assertEqual([f for f in stored_files(self.data_dir) if f.startswith(job["id"])],
                         [job["id"] + "-1.json"])
        status, body, _ = self.call("DELETE", f"/api/v1/export/jobs/{job['id']}", token=self.token)
        self.assertEqual(status, 200, body)
        self.assertEqual([f for f in stored_files(self.data_dir) if f.startswith(job["id"])], [])
        self.assertEqual(self.call("GET", f"/api/v1/export/jobs/{job['id']}", token=self.token)[0], 404)
        self.assertEqual(self.call("GET", f"/api/v1/export/audit?job_id={job['id']}", token=self.token)[0], 403)
        status, audit, _ = self.call("GET", f"/api/v1/export/audit?job_id={job['id']}", token=self.admin)
        self.assertEqual(status, 200)
        # 'shared': the link the polls handed out; 'access_refused': the read after delete.
        self.assertEqual(sorted(e["action"] for e in audit["entries"]),
                         ["access_refused", "completed", "created", "deleted", "downloaded", "shared"])
        for e in audit["entries"]:
            self.assertEqual(e["user_id"], self.therapist["user_id"])
            self.assertEqual(e["patient_id"], self.patient_id)
            if e["action"] == "completed":
                # A worker's step: no request, so no address, but the file it stored.
                self.assertIsNone(e["ip_address"])
                self.assertEqual(e["metadata"]["file_sha256"], downloaded_sha256)
            else:
                self.assertEqual(e["ip_address"], "127.0.0.1")
                self.assertEqual(e["user_agent"], "dossier-e2e/1.0")

    def test_every_answer_carries_the_security_headers(self):
        job = self.export("progress-report", {"patient_id": self.patient_id, "format": "pdf"}, self.token)
        answers = [self.call("GET", f"/api/v1/patients/{self.patient_id}", token=self.token),
                   self.call("GET", job["download_url"]),
                   self.call("GET", "/api/v1/nowhere", token=self.token),
                   self.call("GET", f"/api/v1/export/jobs/{job['id']}")]
        self.assertEqual([a[0] for a in answers], [200, 200, 404, 401])
        for _, _, headers in answers:
            self.assertEqual(headers["Cache-Control"], "no-store")
            self.assertEqual(headers["X-Content-Type-Options"], "nosniff")
            self.assertEqual(headers["X-Frame-Options"], "DENY")
            self.assertEqual(headers["Content-Security-Policy"], "default-src 'none'; frame-ancestors 'none'")
            self.assertEqual(headers["Referrer-Policy"], "no-referrer")

    def test_job_listing_filters_and_pages(self):
        for _ in range(3):
            self.export("insurance-report", {"patient_id": self.patient_id, "format": "json",
                                             "start_date": "2020-01-01"}, self.token)
        status, page, _ = self.call("GET", f"/api/v1/export/jobs?limit=2&status=completed&patient_id={self.patient_id}",
                                    token=self.token)
        self.assertEqual(status, 200)
        self.assertEqual(len(page["jobs"]), 2)
        self.assertTrue(all(j["status"] == "completed" and j["patient_id"] == self.patient_id for j in page["jobs"]))
        self.assertIn("patient_name", page["jobs"][0])
        status, page2, _ = self.call("GET", f"/api/v1/export/jobs?limit=2&cursor={page['next_cursor']}", token=self.token)
        self.assertEqual(status, 200)
        self.assertFalse({j["id"] for j in page2["jobs"]} & {j["id"] for j in page["jobs"]})


if __name__ == "__main__":
    unittest.main()
