"""Redaction profiles end to end: identifiers planted in a client's notes, exported under each
profile as JSON, PDF and DOCX, and looked for in the text a reader gets (docs/redaction.md)."""
import json
import os
import tempfile
import unittest

from documents import libreoffice_text, pdf_text, squash
from harness import DemoPracticeTest, request

PSYCHOTHERAPY = "Marker-psychotherapy-Quillon"
AI_DRAFT = "Marker-draft-Veltrane"
TRANSCRIPT = "Marker-transcript-Orbisk"
AUTHORIZATION = {"reference": "AUTH-RED-2291", "date": "2026-01-15",
                 "scope": "psychotherapy notes for continuity of care"}


def birth_spellings(iso):
    year, month, day = iso.split("-")
    return [iso, f"{month}/{day}/{year}", f"{int(month)}/{int(day)}/{year[2:]}"]


class RedactionTest(DemoPracticeTest):
    patients = 12

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.token = cls.therapist["token"]
        cls.patient_id, cls.patient = cls.patient_unlike_staff()
        status, sessions, _ = cls.call_cls("GET", f"/api/v1/sessions?patient_id={cls.patient_id}&limit=200")
        kept = [s for s in sessions["items"] if s["status"] == "kept"]
        cls.session_id = kept[-1]["id"]
        cls.session_day = kept[-1]["start_time"][:10]
        p = cls.patient
        cls.client_identifiers = {
            "name": [p["given_name"], p["family_name"]],
            "birth_date": birth_spellings(p["birth_date"]),
            "mrn": [p["mrn"]],
            "phone": [p["phone"]],
            "email": [p["email"]],
            "address": [p["address_line1"]],
        }
        cls.contact = p["emergency_contact_name"].split()[0]
        cls.planted = (
            f"{p['given_name']} (DOB {birth_spellings(p['birth_date'])[1]}, {p['mrn']}) said "
            f"{cls.contact} drove her from {p['address_line1']}; reach her at {p['phone']} or "
            f"{p['email']}. {p['given_name'].upper()} {p['family_name']} gave SSN 219-09-9999, "
            f"posted at https://blog.example.net/x from 10.20.30.40 on March 3, 2025. "
            f"Born {birth_spellings(p['birth_date'])[2]}.")
        cls.plant_note("progress_note", {"text": cls.planted}, signed=True,
                       transcript=f"T: {TRANSCRIPT} How are you, {p['given_name']}?")
        cls.plant_note("psychotherapy_note", {"text": PSYCHOTHERAPY}, signed=True)
        cls.plant_note("progress_note", {"text": AI_DRAFT}, signed=False, ai_drafted=True)

    @classmethod
    def call_cls(cls, method, path, body=None, token=None):
        return request(cls.server, method, path, body=body, token=token or cls.token)

    @classmethod
    def patient_unlike_staff(cls):
        """A patient of the therapist whose names no clinician shares: clinicians' names are
        not the client's and stay in every profile, so a shared one would look like a leak."""
        status, users, _ = cls.call_cls("GET", "/api/v1/users?limit=200", token=cls.admin)
        assert status == 200, users
        staff = {part.lower() for u in users["items"] for part in (u["given_name"], u["family_name"])}
        for patient_id in cls.therapist["patient_ids"]:
            status, patient, _ = cls.call_cls("GET", f"/api/v1/patients/{patient_id}")
            assert status == 200, patient
            names = {patient["given_name"].lower(), patient["family_name"].lower(),
                     patient["emergency_contact_name"].split()[0].lower()}
            if not names & staff:
                return patient_id, patient
        raise AssertionError("every patient shares a name with a clinician")

    @classmethod
    def plant_note(cls, kind, sections, signed, ai_drafted=False, transcript=None):
        body = {"session_id": cls.session_id, "kind": kind, "format": "free", "sections": sections,
                "ai_drafted": ai_drafted}
        if transcript:
            body["transcript"] = transcript
        if signed:
            body["signed"] = True
        status, note, _ = cls.call_cls("POST", "/api/v1/notes", body)
        assert status == 201, note

    def session_notes(self, fmt, profile, psychotherapy=False, **extra):
        body = {"session_ids": [self.session_id], "format": fmt,
                "options": {"include_transcript": True, "include_psychotherapy_notes": psychotherapy},
                "redaction": {"profile": profile}, **extra}
        if psychotherapy:
            body["authorization"] = AUTHORIZATION
        return self.export("session-notes", body, self.token)

    def texts(self, profile, psychotherapy=False):
        """{format: text} of the planted session's notes under `profile`, and the JSON job."""
        out = {}
        jobs = {fmt: self.session_notes(fmt, profile, psychotherapy) for fmt in ("json", "pdf", "docx")}
        out["json"] = json.dumps(self.download(jobs["json"], self.token), ensure_ascii=False)
        out["pdf"] = pdf_text(self.download(jobs["pdf"], self.token))
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, f"{profile}.docx")
            with open(path, "wb") as f:
                f.write(self.download(jobs["docx"], self.token))
            out["docx"] = libreoffice_text([path])[path]
        return {fmt: squash(text) for fmt, text in out.items()}, jobs["json"]

    def assert_absent(self, texts, needles):
        for fmt, text in texts.items():
            for needle in needles:
                self.assertNotIn(needle.lower(), text.lower(), f"{needle!r} in {fmt}")

    def assert_present(self, texts, needles):
        for fmt, text in texts.items():
            for needle in needles:
                self.assertIn(needle, text, f"{needle!r} missing from {fmt}")

    def test_treatment_keeps_everything_the_request_asks_for(self):
        texts, job = self.texts("treatment", psychotherapy=True)
        self.assert_present(texts, [PSYCHOTHERAPY, AI_DRAFT, TRANSCRIPT, "219-09-9999",
                                    self.patient["mrn"], AUTHORIZATION["reference"]])
        self.assertEqual(job["redaction"]["removed_total"], 0)
        self.assertEqual(job["redaction"]["withheld_total"], 0)
        self.assertEqual(job["parameters"]["redaction"]["profile"], "treatment")

    def test_insurance_is_the_minimum_necessary(self):
        texts, job = self.texts("insurance")
        self.assert_absent(texts, [PSYCHOTHERAPY, AI_DRAFT, TRANSCRIPT, "219-09-9999",
                                   "blog.example.net", "10.20.30.40", self.patient["email"],
                                   f"said {self.contact}"])
        self.assert_present(texts, [self.patient["given_name"], "[REDACTED:ssn]",
                                    "[REDACTED:contact_name]"])
        self.assert_present({k: texts[k] for k in ("pdf", "docx")}, ["Redacted for: insurance"])
        kinds = {(e["section"], e["kind"]): e["count"] for e in job["redaction"]["removed"]}
        self.assertEqual(kinds[("sessions", "ssn")], 1)
        self.assertEqual(kinds[("sessions", "contact_name")], 1)
        withheld = {(e["section"], e["kind"]): e["count"] for e in job["redaction"]["withheld"]}
        self.assertEqual(withheld[("sessions", "unsigned_ai_draft")], 1)
        self.assertGreaterEqual(withheld[("sessions", "transcript")], 1)

    def test_client_access_never_has_psychotherapy_notes(self):
        status, body, _ = self.call("POST", "/api/v1/export/session-notes", {
            "session_ids": [self.session_id], "format": "json",
            "options": {"include_psychotherapy_notes": True}, "authorization": AUTHORIZATION,
            "redaction": {"profile": "client_access"}}, self.token)
        self.assertEqual(status, 400)
        self.assertEqual(body["fields"][0]["path"], "options.include_psychotherapy_notes")
        texts, _ = self.texts("client_access")
        self.assert_absent(texts, [PSYCHOTHERAPY, AI_DRAFT])
        self.assert_present(texts, [TRANSCRIPT, self.patient["mrn"], self.contact])

    def test_transfer_and_legal_carry_authorized_psychotherapy_notes(self):
        for profile in ("transfer", "legal"):
            texts, _ = self.texts(profile, psychotherapy=True)
            self.assert_present(texts, [PSYCHOTHERAPY, AUTHORIZATION["reference"],
                                        self.patient["mrn"], "[REDACTED:ssn]"])
            self.assert_absent(texts, [AI_DRAFT, "219-09-9999"])

    def test_research_removes_every_planted_identifier(self):
        texts, job = self.texts("research")
        needles = [v for values in self.client_identifiers.values() for v in values]
        self.assert_absent(texts, needles + [self.contact, "219-09-9999", "blog.example.net",
                                             "10.20.30.40", "March 3, 2025", PSYCHOTHERAPY,
                                             AI_DRAFT, TRANSCRIPT, self.patient_id])
        self.assert_present(texts, ["[REDACTED:name]", "[REDACTED:birth_date]", "[REDACTED:mrn]",
                                    "[REDACTED:date]"])
        # The session's own date keeps only its year; its id is replaced.
        self.assertNotIn(self.session_day, texts["json"])
        self.assertNotIn(self.session_id, texts["json"])
        removed = {e["kind"] for e in job["redaction"]["removed"]}
        self.assertTrue({"name", "birth_date", "mrn", "phone", "email", "address", "ssn", "url",
                         "ip_address", "date", "contact_name"} <= removed, removed)

    def test_research_full_record_keeps_years_and_three_zip_digits(self):
        job = self.export("full-record", {"patient_id": self.patient_id, "format": "json",
                                          "redaction": {"profile": "research"}}, self.token)
        doc = self.download(job, self.token)
        row = doc["tables"]["patients"][0]
        self.assertEqual(row["birth_date"], self.patient["birth_date"][:4])
        self.assertEqual(row["postal_code"], self.patient["postal_code"][:3])
        self.assertEqual(row["state"], self.patient["state"])
        self.assertNotEqual(row["id"], self.patient_id)
        self.assertTrue(all(len(s["start_time"]) == 4 for s in doc["tables"]["sessions"]))
        self.assertEqual({s["patient_id"] for s in doc["tables"]["sessions"]}, {row["id"]})

    def test_custom_terms_are_scrubbed(self):
        job = self.session_notes("json", "treatment", redaction={"profile": "treatment", "terms": [self.contact]})
        text = json.dumps(self.download(job, self.token), ensure_ascii=False)
        self.assertNotIn(self.contact, text)
        self.assertIn("[REDACTED:custom]", text)
        self.assertEqual(job["redaction"]["custom_terms"], 1)

    def test_a_template_default_profile_applies_when_the_request_names_none(self):
        status, copy, _ = self.call("POST", "/api/v1/export/templates",
                                    {"copy_of": "00000000-0000-7000-8000-000000000001",
                                     "name": "Notes for payers"}, self.admin)
        self.assertEqual(status, 201, copy)
        status, updated, _ = self.call("PUT", f"/api/v1/export/templates/{copy['id']}",
                                       {"redaction_profile": "insurance"}, self.admin)
        self.assertEqual(status, 200, updated)
        self.assertEqual(updated["redaction_profile"], "insurance")
        job = self.export("session-notes", {"session_ids": [self.session_id], "format": "pdf",
                                            "template_id": copy["id"]}, self.token)
        self.assertEqual(job["parameters"]["redaction"]["profile"], "insurance")
        text = pdf_text(self.download(job, self.token))
        self.assertNotIn(AI_DRAFT, text)
        self.assertIn("Redacted for: insurance", squash(text))


class PartTwoTest(DemoPracticeTest):
    patients = 12

    def test_part_two_records_need_a_consent_and_carry_the_notice(self):
        token = self.therapist["token"]
        patient_id = self.therapist["patient_ids"][1]
        status, dx, _ = self.call("POST", "/api/v1/diagnoses", {
            "patient_id": patient_id, "icd10_code": "F10.20",
            "description": "Alcohol dependence, uncomplicated", "status": "active"}, token)
        self.assertEqual(status, 201, dx)
        body = {"patient_id": patient_id, "format": "pdf", "redaction": {"profile": "transfer"},
                "recipient": {"name": "Intake desk", "organization": "Lakeside Recovery Center"},
                "purpose": "continuity of care"}
        status, err, _ = self.call("POST", "/api/v1/export/progress-report", body, token)
        self.assertEqual(status, 400, err)
        self.assertEqual(err["fields"][0]["path"], "consent")
        body["consent"] = {"reference": "CONSENT-P2-88", "date": "2026-02-01",
                           "description": "written consent to disclose to Lakeside Recovery Center"}
        job = self.export("progress-report", body, token)
        text = squash(pdf_text(self.download(job, token)))
        for needle in ("42 CFR part 2 prohibits unauthorized use or disclosure of these records.",
                       "CONSENT-P2-88", "Lakeside Recovery Center", "continuity of care"):
            self.assertIn(needle, text)
        body["format"] = "json"
        doc = self.download(self.export("progress-report", body, token), token)
        self.assertEqual(doc["notices"][0]["regulation"], "42 CFR part 2")
        self.assertEqual(doc["disclosure"]["consent"]["reference"], "CONSENT-P2-88")
        # Inside the practice no consent is asked for.
        treatment = {"patient_id": patient_id, "format": "json"}
        self.assertEqual(self.call("POST", "/api/v1/export/progress-report", treatment, token)[0], 202)
        # The audit row of the disclosure names its terms.
        status, audit, _ = self.call("GET", f"/api/v1/export/audit?job_id={job['id']}&action=created",
                                     token=self.admin)
        self.assertEqual(status, 200)
        meta = audit["entries"][0]["metadata"]["disclosure"]
        self.assertEqual(meta["consent"]["reference"], "CONSENT-P2-88")
        self.assertEqual(meta["profile"], "transfer")


if __name__ == "__main__":
    unittest.main()
