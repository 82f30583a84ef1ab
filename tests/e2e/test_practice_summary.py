"""The practice summary end to end: an admin's POST /api/v1/export/practice-summary for last
month as PDF, CSV and XLSX, each read by a real reader (pdftotext, Python's csv module,
LibreOffice Calc) and compared with the record counted from the API; who may ask for it;
and a monthly schedule of it with no patient."""
import collections
import datetime
import unittest

from documents import pdf_text, squash
from harness import DemoPracticeTest
from spreadsheets import libreoffice_csv, write_temp, xlsx_sheets, cell_value, zip_tables


def last_month():
    first_of_this = datetime.date.today().replace(day=1)
    end = first_of_this - datetime.timedelta(days=1)
    return end.replace(day=1).isoformat(), end.isoformat()


class PracticeSummaryTest(DemoPracticeTest):
    patients = 12

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start, cls.end = last_month()
        cls.files = []

    @classmethod
    def tearDownClass(cls):
        import os
        for f in cls.files:
            os.unlink(f)
        super().tearDownClass()

    def pages(self, path):
        items, cursor = [], None
        while True:
            status, page, _ = self.call(
                "GET", path + ("&cursor=" + cursor if cursor else ""), token=self.admin)
            self.assertEqual(status, 200, page)
            items += page["items"]
            cursor = page["next_cursor"]
            if not cursor:
                return items

    def record(self):
        """Sessions and assessments of every patient, and the users, from the record API."""
        patients = self.pages("/api/v1/patients?limit=200")
        sessions, assessments = [], []
        for p in patients:
            sessions += self.pages(f"/api/v1/sessions?patient_id={p['id']}&limit=200")
            assessments += [dict(a, mrn=p["mrn"]) for a in
                            self.pages(f"/api/v1/assessments?patient_id={p['id']}&limit=200")]
        users = {u["id"]: u for u in self.pages("/api/v1/users?limit=200")}
        return patients, sessions, assessments, users

    def summary(self, fmt):
        job = self.export("practice-summary",
                          {"format": fmt, "start_date": self.start, "end_date": self.end},
                          self.admin)
        self.assertEqual(job["export_type"], "practice_summary")
        self.assertIsNone(job["patient_id"])
        return self.download(job, self.admin)

    def in_period(self, day):
        return self.start <= day[:10] <= self.end

    def test_csv_tables_match_the_record(self):
        manifest, tables = zip_tables(self.summary("csv"))
        self.assertEqual([t["name"] for t in manifest["tables"]],
                         ["summary", "sessions_by_therapist", "cpt_mix", "outcome_measures",
                          "outcome_summary", "billing", "claim_files"])
        _, sessions, assessments, users = self.record()
        due = [s for s in sessions if self.in_period(s["start_time"])]
        self.assertTrue(due, "the demo has sessions last month")
        counts = collections.Counter((s["therapist_id"], s["status"]) for s in due)
        rows, _ = tables["sessions_by_therapist"]
        for row in rows:
            self.assertEqual(int(row["kept"]), counts[(row["therapist_id"], "kept")])
            self.assertEqual(int(row["no_show"]), counts[(row["therapist_id"], "no_show")])
            self.assertEqual(int(row["cancelled"]), counts[(row["therapist_id"], "cancelled")])
            user = users[row["therapist_id"]]
            self.assertEqual(row["therapist"], f"{user['given_name']} {user['family_name']}")
        kept = [s for s in due if s["status"] == "kept"]
        summary = tables["summary"][0][0]
        self.assertEqual((summary["period_start"], summary["period_end"]), (self.start, self.end))
        self.assertEqual(int(summary["kept"]), len(kept))
        self.assertEqual(int(summary["sessions"]), len(due))
        cpt = {r["cpt_code"]: int(r["kept_sessions"]) for r in tables["cpt_mix"][0]}
        self.assertEqual(cpt, dict(collections.Counter(s["cpt_code"] for s in kept)))
        billing = tables["billing"][0][0]
        billed = sum(s["fee_cents"] for s in kept)
        self.assertEqual(billing["billed"], f"{billed // 100}.{billed % 100:02d}")

        measures, header = tables["outcome_measures"]
        self.assertTrue(measures, "clients were assessed last month")
        self.assertNotIn("name", " ".join(header))
        latest_in_period = {(a["mrn"], a["instrument"]) for a in assessments
                            if self.in_period(a["administered_on"])}
        self.assertEqual({(m["mrn"], m["instrument"]) for m in measures}, latest_in_period)
        for m in measures:
            given = sorted((a for a in assessments if a["mrn"] == m["mrn"]
                            and a["instrument"] == m["instrument"]
                            and a["administered_on"] <= self.end),
                           key=lambda a: a["administered_on"])
            self.assertEqual(int(m["baseline_score"]), given[0]["total_score"])
            self.assertEqual(int(m["latest_score"]), given[-1]["total_score"])

    def test_xlsx_as_libreoffice_reads_it(self):
        data = self.summary("xlsx")
        sheets = xlsx_sheets(data)
        self.assertIn("sessions_by_therapist", sheets)
        header, rows, _ = sheets["sessions_by_therapist"]
        path = write_temp(data, ".xlsx")
        self.files.append(path)
        shown = libreoffice_csv(path)["sessions_by_therapist"]
        self.assertEqual(shown[0], header)
        self.assertEqual(len(shown) - 1, len(rows))
        for got, row in zip(shown[1:], rows):
            cells = dict(zip(header, got))
            self.assertEqual(cells["therapist"], cell_value(row[header.index("therapist")]))
            self.assertEqual(cells["kept"], cell_value(row[header.index("kept")]))

    def test_pdf_names_therapists_and_no_client(self):
        text = squash(pdf_text(self.summary("pdf")))
        patients, _, _, users = self.record()
        self.assertIn("Practice Summary", text)
        for u in users.values():
            if u["role"] == "therapist":
                self.assertIn(f"{u['given_name']} {u['family_name']}", text)
        staff = {u["family_name"] for u in users.values()}
        for p in patients:
            if p["family_name"] not in staff:
                self.assertNotIn(p["family_name"], text)
        self.assertIn("Outcome Measures", text)

    def test_only_admins_and_only_whole_practice(self):
        body = {"format": "pdf", "start_date": self.start, "end_date": self.end}
        for token in (self.therapist["token"], self.biller):
            status, err, _ = self.call("POST", "/api/v1/export/practice-summary", body, token)
            self.assertEqual(status, 403, err)
        status, err, _ = self.call("POST", "/api/v1/export/practice-summary",
                                   dict(body, patient_id=self.therapist["patient_ids"][0]),
                                   self.admin)
        self.assertEqual(status, 400)
        self.assertEqual([f["path"] for f in err["fields"]], ["patient_id"])
        status, err, _ = self.call("POST", "/api/v1/export/practice-summary", {"format": "fhir"},
                                   self.admin)
        self.assertEqual(status, 400)
        self.assertEqual(sorted(f["path"] for f in err["fields"]),
                         ["end_date", "format", "start_date"])

    def test_a_preview_of_the_template_needs_no_client(self):
        template = "00000000-0000-7000-8000-000000000006"  # the system practice summary
        path = f"/api/v1/export/templates/{template}/preview"
        status, pdf, headers = self.call("POST", path, {"format": "pdf"}, self.admin)
        self.assertEqual(status, 200, pdf)
        self.assertEqual(headers["Content-Type"], "application/pdf")
        text = squash(pdf_text(pdf))
        self.assertIn("Practice Summary", text)
        self.assertIn("Period " + datetime.date.fromisoformat(self.start).strftime("%B 1, %Y"), text)
        status, err, _ = self.call("POST", path, {"format": "pdf"}, self.therapist["token"])
        self.assertEqual(status, 403, err)

    def test_a_monthly_schedule_of_the_whole_practice(self):
        body = {"export_type": "practice_summary", "format": "xlsx", "schedule_type": "monthly",
                "schedule_config": {"time": "07:00", "day_of_month": 1}}
        status, created, _ = self.call("POST", "/api/v1/export/scheduled", body, self.admin)
        self.assertEqual(status, 201, created)
        self.assertIsNone(created["patient_id"])
        status, err, _ = self.call("POST", "/api/v1/export/scheduled", body,
                                   self.therapist["token"])
        self.assertEqual(status, 403, err)


if __name__ == "__main__":
    unittest.main()
