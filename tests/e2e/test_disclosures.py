"""The accounting of disclosures (45 CFR 164.528): GET /api/v1/patients/{id}/disclosures lists
the exports of a client's record that left the practice — as JSON and as a PDF — and only to
those who may see the client."""
import datetime
import unittest

from documents import pdf_text, squash
from harness import DemoPracticeTest, request, wait_for_job

RECIPIENT = {"name": "Dr. Maya Lindqvist", "organization": "Harborview Psychiatry", "address": "12 Pier Road"}


class DisclosuresTest(DemoPracticeTest):
    patients = 4

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.token = cls.therapist["token"]
        cls.patient_id = cls.therapist["patient_ids"][0]
        cls.patient = cls.read_patient(cls.patient_id)
        # One after the other, so that they complete in this order.
        cls.inside = cls.exported("treatment-summary", {"patient_id": cls.patient_id, "format": "json"})
        cls.transfer = cls.exported("progress-report", dict(
            patient_id=cls.patient_id, format="pdf", start_date="2025-01-01", purpose="Continuity of care",
            recipient=RECIPIENT, redaction={"profile": "transfer"}))
        cls.insurance = cls.exported("insurance-report", dict(
            patient_id=cls.patient_id, format="json", purpose="Claim review"))
        cls.subpoena = cls.exported("full-record", dict(
            patient_id=cls.patient_id, format="json", purpose="Subpoena duces tecum",
            recipient={"name": "Clerk of the Court"}, redaction={"profile": "legal"}))

    @classmethod
    def read_patient(cls, patient_id):
        status, patient, _ = request(cls.server, "GET", f"/api/v1/patients/{patient_id}", token=cls.token)
        assert status == 200, patient
        return patient

    @classmethod
    def exported(cls, kind, body):
        """A completed export of the therapist's; a substance-use record gets the consent it
        needs to leave under any profile but treatment."""
        if cls.read_patient(body["patient_id"])["substance_use_sensitive"]:
            body = dict(body, consent={"reference": "CONSENT-4"})
        status, accepted, _ = request(cls.server, "POST", f"/api/v1/export/{kind}", body=body, token=cls.token)
        assert status == 202, accepted
        job = wait_for_job(cls.server, cls.token, accepted["job_id"])
        assert job["status"] == "completed", job
        return job

    def accounting(self, query="", token=None, patient_id=None):
        path = f"/api/v1/patients/{patient_id or self.patient_id}/disclosures{query}"
        return self.call("GET", path, token=token or self.token)

    def test_lists_what_left_the_practice_newest_first(self):
        status, listed, _ = self.accounting()
        self.assertEqual(status, 200, listed)
        self.assertEqual(listed["patient_id"], self.patient_id)
        to = datetime.date.fromisoformat(listed["to"])
        self.assertLessEqual(abs((to - datetime.datetime.now(datetime.timezone.utc).date()).days), 1)
        six_years_back = to.replace(year=to.year - 6, day=28 if (to.month, to.day) == (2, 29) else to.day)
        self.assertEqual(listed["from"], six_years_back.isoformat())
        self.assertEqual([e["job_id"] for e in listed["entries"]],
                         [self.subpoena["id"], self.insurance["id"], self.transfer["id"]],
                         "the treatment summary kept inside the practice is no disclosure")

        subpoena, insurance, transfer = listed["entries"]
        self.assertEqual(transfer["date"], self.transfer["completed_at"])
        self.assertEqual((transfer["export_type"], transfer["format"]), ("progress_report", "pdf"))
        self.assertTrue(transfer["what"].startswith("Progress report (PDF), from 2025-01-01: "), transfer["what"])
        self.assertIn("goal progress", transfer["what"])
        self.assertEqual(transfer["purpose"], "Continuity of care")
        self.assertEqual(transfer["recipient"], RECIPIENT)
        self.assertEqual(transfer["redaction_profile"], "transfer")
        self.assertIsNone(transfer["authorization"])
        self.assertEqual(transfer["requested_by"]["id"], self.therapist["user_id"])
        self.assertTrue(transfer["requested_by"]["name"])
        self.assertFalse(transfer["accountable"], "a transfer of care is treatment")

        self.assertEqual(insurance["what"], "Insurance report (JSON)")
        self.assertEqual((insurance["purpose"], insurance["redaction_profile"]), ("Claim review", "insurance"))
        self.assertIsNone(insurance["recipient"])
        self.assertFalse(insurance["accountable"], "payment")

        self.assertEqual(subpoena["recipient"], {"name": "Clerk of the Court", "organization": None, "address": None})
        self.assertEqual(subpoena["redaction_profile"], "legal")
        self.assertTrue(subpoena["accountable"])

        status, as_admin, _ = self.accounting(token=self.admin)
        self.assertEqual(status, 200)
        self.assertEqual(as_admin, listed)

    def test_the_period_filters_and_deleting_a_job_does_not_undo_its_disclosure(self):
        status, listed, _ = self.accounting("?from=2020-01-01&to=2020-12-31")
        self.assertEqual(status, 200, listed)
        self.assertEqual((listed["from"], listed["to"], listed["entries"]), ("2020-01-01", "2020-12-31", []))
        day = self.transfer["completed_at"][:10]
        status, listed, _ = self.accounting(f"?from=2020-01-01&to={day}")
        self.assertIn(self.transfer["id"], [e["job_id"] for e in listed["entries"]])

        # Another client of the therapist's, so that the other tests' lists stay as they are.
        other_client = self.therapist["patient_ids"][1]
        consult = self.exported("progress-report", {"patient_id": other_client, "format": "json",
                                                    "recipient": {"name": "Dr. Ode"}})
        self.assertEqual(self.call("DELETE", f"/api/v1/export/jobs/{consult['id']}", token=self.token)[0], 200)
        status, listed, _ = self.accounting(patient_id=other_client)
        self.assertEqual(status, 200, listed)
        self.assertEqual([e["job_id"] for e in listed["entries"]], [consult["id"]])
        entry = listed["entries"][0]
        self.assertEqual((entry["redaction_profile"], entry["recipient"]["name"]), ("treatment", "Dr. Ode"))
        self.assertFalse(entry["accountable"])

    def test_the_pdf_is_a_document_for_the_client(self):
        status, pdf, headers = self.accounting("?format=pdf")
        self.assertEqual(status, 200, pdf)
        self.assertEqual(headers["Content-Type"], "application/pdf")
        self.assertRegex(headers["Content-Disposition"], r'^attachment; filename="disclosures-[0-9-]+-to-[0-9-]+\.pdf"$')
        self.assertEqual(headers["Cache-Control"], "no-store")
        self.assertTrue(pdf.startswith(b"%PDF-"))
        text = squash(pdf_text(pdf))
        for expected in ("Accounting of Disclosures", f"{self.patient['given_name']} {self.patient['family_name']}",
                         "Dr. Maya Lindqvist", "Harborview Psychiatry", "Continuity of care", "Progress report (PDF)",
                         "Insurance report (JSON)", "Claim review", "Clerk of the Court", "Subpoena duces tecum",
                         "Transfer of care", "Payment (insurance)"):
            self.assertIn(expected, text)
        self.assertNotIn("Treatment summary", text)

        status, empty, _ = self.accounting("?format=pdf&from=2020-01-01&to=2020-12-31")
        self.assertEqual(status, 200)
        self.assertIn("No copy of the record left the practice in this period", squash(pdf_text(empty)))

    def test_only_those_who_may_see_the_client(self):
        for query in ("", "?format=pdf"):
            status, body, _ = self.accounting(query, token=self.other_therapist["token"])
            self.assertEqual(status, 404, "another therapist's client does not exist for them")
            self.assertEqual(body["error"], "not_found")
            status, body, _ = self.accounting(query, token=self.biller)
            self.assertEqual(status, 403)
            self.assertEqual(body["error"], "forbidden")
        missing = "/api/v1/patients/00000000-0000-7000-8000-000000000000/disclosures"
        self.assertEqual(self.call("GET", missing, token=self.admin)[0], 404)
        self.assertEqual(self.call("GET", f"/api/v1/patients/{self.patient_id}/disclosures")[0], 401)

    def test_bad_queries_name_the_parameter(self):
        for query, path in (("?from=2025-02-30", "from"), ("?to=2025-13-01", "to"),
                            ("?from=2025-03-01&to=2025-02-01", "to"), ("?format=docx", "format")):
            status, body, _ = self.accounting(query)
            self.assertEqual(status, 400, query)
            self.assertEqual(body["error"], "validation_failed")
            self.assertEqual([f["path"] for f in body["fields"]], [path], query)


if __name__ == "__main__":
    unittest.main()
