"""CSV and XLSX exports of every export type, read back by Python's csv module, as
SpreadsheetML and by LibreOffice Calc, and compared cell by cell with the JSON export of the
same request (docs/formats/csv.md)."""
import datetime
import io
import os
import zipfile
import unittest

from harness import DemoPracticeTest
from spreadsheets import (cell_value, csv_rows, libreoffice_csv, neutralized, xlsx_sheets, write_temp,
                          zip_tables)

KINDS = ["session-notes", "progress-report", "treatment-summary", "full-record", "insurance-report"]
EPOCH = datetime.date(1899, 12, 30)


def money(cents):
    return None if cents is None else f"{cents // 100}.{cents % 100:02d}" if cents >= 0 else "-" + money(-cents)


def text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return neutralized("; ".join(value))
    return neutralized(value) if isinstance(value, str) else str(value)


def serial(iso):
    return (datetime.date.fromisoformat(iso[:10]) - EPOCH).days


class CsvExportTest(DemoPracticeTest):
    patients = 8

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.token = cls.therapist["token"]
        cls.patient_ids = cls.therapist["patient_ids"][:3]
        cls.files = []

    @classmethod
    def tearDownClass(cls):
        for path in cls.files:
            os.unlink(path)
        super().tearDownClass()

    def body(self, kind, patient_id):
        if kind == "session-notes":
            status, sessions, _ = self.call("GET", f"/api/v1/sessions?patient_id={patient_id}&limit=200",
                                            token=self.token)
            self.assertEqual(status, 200)
            kept = [s["id"] for s in sessions["items"] if s["status"] == "kept"]
            return {"session_ids": kept[-4:]}
        body = {"patient_id": patient_id}
        if kind == "full-record":
            body["include_sections"] = {"timeline": True}
        return body

    def exports(self, kind, body, **extra):
        """The JSON, CSV and XLSX exports of the same request."""
        out = {}
        for fmt in ("json", "csv", "xlsx"):
            job = self.export(kind, dict(body, format=fmt, **extra.get(fmt, {})), self.token)
            status, data, headers = self.call("GET", job["download_url"], token=self.token)
            self.assertEqual(status, 200)
            out[fmt] = (data, headers)
        return out

    def check_csv(self, kind, doc, data, headers):
        if kind == "session-notes":
            self.assertEqual(headers["Content-Type"], "text/csv")
            self.assertTrue(headers["Content-Disposition"].endswith('.csv"'))
            rows, header = csv_rows(data)
            self.check_session_notes(doc, rows)
            return {"session_notes": (rows, header)}
        self.assertEqual(headers["Content-Type"], "application/zip")
        self.assertTrue(headers["Content-Disposition"].endswith('.zip"'))
        manifest, tables = zip_tables(data)
        self.assertEqual(manifest["export"]["export_type"], doc["export"]["export_type"])
        self.assertEqual(manifest["notices"], doc["notices"])
        for t in manifest["tables"]:
            rows, header = tables[t["name"]]
            self.assertEqual(t["rows"], len(rows), t["name"])
            self.assertEqual([c["name"] for c in t["columns"]], header)
        getattr(self, "check_" + kind.replace("-", "_"))(doc, tables)
        return tables

    def check_session_notes(self, doc, rows):
        notes = [(e, n) for e in doc["sessions"] for n in e["notes"]]
        self.assertEqual([r["note_id"] for r in rows], [n["id"] for _, n in notes])
        self.assertGreater(len(rows), 0)
        notices = " | ".join(n["text"] for n in doc["notices"])
        for row, (entry, note) in zip(rows, notes):
            self.assertEqual(row["session_date"], entry["date"])
            self.assertEqual(row["session_start"], entry["session"]["start_time"])
            self.assertEqual(row["cpt_code"], entry["session"]["cpt_code"])
            self.assertEqual(row["patient_name"], text(doc["patient"]["name"]))
            self.assertEqual(row["therapist_name"], entry["therapist"]["name"])
            for key, value in note["sections"].items():
                self.assertEqual(row[key], text(value))
            self.assertEqual(row["signed"], text(note["signed"]))
            self.assertEqual(row["notices"], notices)

    def check_progress_report(self, doc, tables):
        goals, _ = tables["goals"]
        self.assertEqual([g["description"] for g in goals], [text(g["description"]) for g in doc["goals"]])
        self.assertEqual([int(g["progress_percentage"]) for g in goals],
                         [g["progress_percentage"] for g in doc["goals"]])
        assessments, _ = tables["assessments"]
        self.assertEqual([(a["administered_on"], int(a["total_score"])) for a in assessments],
                         [(a["administered_on"], a["total_score"]) for a in doc["assessments"]])
        summary, _ = tables["assessment_summary"]
        self.assertEqual([(s["instrument"], s["trend"]) for s in summary],
                         [(s["instrument"], s["trend"]) for s in doc["assessment_summary"]])
        self.assertEqual(tables["patient"][0][0]["name"], text(doc["patient"]["name"]))

    def check_treatment_summary(self, doc, tables):
        self.assertEqual([d["code"] for d in tables["diagnoses"][0]], [d["icd10_code"] for d in doc["diagnoses"]])
        plan, _ = tables["treatment_plan"]
        self.assertEqual(plan[0]["problem"], text(doc["treatment_plan"]["problem"]))
        self.assertEqual(plan[0]["start_date"], doc["treatment_plan"]["start_date"])

    def check_full_record(self, doc, tables):
        sessions, _ = tables["sessions"]
        expected = doc["tables"]["sessions"]
        self.assertEqual([s["id"] for s in sessions], [s["id"] for s in expected])
        for row, s in zip(sessions, expected):
            self.assertEqual(row["cpt_code"], s["cpt_code"])
            self.assertEqual(row["start_time"], s["start_time"])
            self.assertEqual(row["fee"], money(s["fee_cents"]) or "")
            self.assertEqual(row["telehealth"], text(s["telehealth"]))
        patient = tables["patients"][0][0]
        p = doc["tables"]["patients"][0]
        self.assertEqual((patient["given_name"], patient["family_name"], patient["birth_date"]),
                         (text(p["given_name"]), text(p["family_name"]), p["birth_date"]))
        if "attachments" in tables:
            self.assertNotIn("content", tables["attachments"][1])
        self.assertEqual(len(tables["timeline"][0]), len(doc["timeline"]))

    def check_insurance_report(self, doc, tables):
        lines, _ = tables["service_lines"]
        self.assertEqual([(l["service_date"], l["procedure_code"], l["charge"]) for l in lines],
                         [(s["service_date"], s["procedure_code"], money(s["charge_cents"]) or "")
                          for s in doc["service_lines"]])
        claim = tables["claim"][0][0]
        self.assertEqual(claim["member_id"], text(doc["claim_info"]["patient_id"]))
        self.assertEqual(claim["diagnosis_codes"], "; ".join(doc["claim_info"]["diagnosis_codes"]))

    def check_xlsx(self, data, tables, headers):
        self.assertEqual(headers["Content-Type"],
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        sheets = xlsx_sheets(data)
        self.assertEqual(list(sheets)[:-1], list(tables))
        self.assertEqual(list(sheets)[-1], "export")
        for name, (rows, header) in tables.items():
            sheet_header, sheet_rows, root = sheets[name]
            self.assertEqual(sheet_header, header, name)
            self.assertEqual(len(sheet_rows), len(rows), name)
            pane = root.find(".//{*}pane")
            self.assertEqual((pane.get("state"), pane.get("ySplit")), ("frozen", "1"))
            for row, cells in zip(rows, sheet_rows):
                for i, column in enumerate(header):
                    self.check_cell(row[column], cells[i] if i < len(cells) else None, name, column)

    def check_cell(self, csv_value, cell, table, column):
        """An XLSX cell holds what the CSV field holds, typed."""
        where = f"{table}.{column}"
        if csv_value == "":
            self.assertIsNone(cell, where)
            return
        value = cell.find("{*}v")
        if cell.get("t") == "inlineStr":
            self.assertEqual(cell_value(cell), csv_value, where)
        elif cell.get("t") == "b":
            self.assertEqual(value.text, "1" if csv_value == "true" else "0", where)
        elif cell.get("s") == "2":  # date
            self.assertEqual(int(float(value.text)), serial(csv_value), where)
        elif cell.get("s") == "3":  # date-time
            self.assertAlmostEqual(float(value.text), serial(csv_value) + (
                datetime.datetime.fromisoformat(csv_value.replace("Z", "+00:00")).timestamp() % 86400) / 86400,
                places=6, msg=where)
        elif cell.get("s") == "4":  # money
            self.assertEqual(float(value.text), float(csv_value), where)
        else:
            self.assertEqual(float(value.text), float(csv_value), where)

    def test_every_export_type_as_csv_and_xlsx_equals_the_json_export(self):
        for patient_id in self.patient_ids:
            for kind in KINDS:
                with self.subTest(patient=patient_id, kind=kind):
                    out = self.exports(kind, self.body(kind, patient_id))
                    doc = out["json"][0]
                    tables = self.check_csv(kind, doc, *out["csv"])
                    self.check_xlsx(out["xlsx"][0], tables, out["xlsx"][1])

    def test_libreoffice_reads_the_csv_and_the_workbook_as_written(self):
        out = self.exports("full-record", self.body("full-record", self.patient_ids[0]))
        manifest, tables = zip_tables(out["csv"][0])
        with zipfile.ZipFile(io.BytesIO(out["csv"][0])) as z:
            sessions_csv = write_temp(z.read("sessions.csv"), ".csv")
        xlsx = write_temp(out["xlsx"][0], ".xlsx")
        self.files += [sessions_csv, xlsx]
        rows, header = tables["sessions"]
        calc = libreoffice_csv(sessions_csv)[""]
        self.assertEqual(calc[0], header)
        self.assertEqual(len(calc) - 1, len(rows))
        for got, row in zip(calc[1:], rows):
            self.assertEqual(dict(zip(header, got))["id"], row["id"])
            self.assertEqual(dict(zip(header, got))["cpt_code"], row["cpt_code"])
        sheets = libreoffice_csv(xlsx)
        shown = sheets["sessions"]
        self.assertEqual(shown[0], header)
        for got, row in zip(shown[1:], rows):
            cells = dict(zip(header, got))
            self.assertEqual(cells["id"], row["id"])
            self.assertEqual(cells["start_time"], row["start_time"][:19].replace("T", " "))
            self.assertEqual(cells["fee"], "$" + row["fee"] if row["fee"] else "")
            self.assertEqual(cells["duration_minutes"], row["duration_minutes"])
        patients = dict(zip(sheets["patients"][0], sheets["patients"][1]))
        self.assertEqual(patients["birth_date"], tables["patients"][0][0]["birth_date"])

    def test_bom_option_and_its_validation(self):
        body = self.body("session-notes", self.patient_ids[0])
        job = self.export("session-notes", dict(body, format="csv", options={"bom": True}), self.token)
        status, data, _ = self.call("GET", job["download_url"], token=self.token)
        self.assertTrue(data.startswith(b"\xef\xbb\xbf\"patient_id\""))
        job = self.export("progress-report", {"patient_id": self.patient_ids[0], "format": "csv",
                                              "options": {"bom": True}}, self.token)
        status, data, _ = self.call("GET", job["download_url"], token=self.token)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            self.assertTrue(z.read("goals.csv").startswith(b"\xef\xbb\xbf"))
        for bad in ("yes", 1, [True]):
            status, err, _ = self.call("POST", "/api/v1/export/progress-report",
                                       {"patient_id": self.patient_ids[0], "format": "csv",
                                        "options": {"bom": bad}}, self.token)
            self.assertEqual(status, 400, err)
            self.assertEqual(err["error"], "validation_failed")
            self.assertIn("options.bom", [f["path"] for f in err["fields"]])
        status, err, _ = self.call("POST", "/api/v1/export/progress-report",
                                   {"patient_id": self.patient_ids[0], "format": "json",
                                    "options": {"bom": True}}, self.token)
        self.assertEqual(status, 400, err)

    def test_part_2_notice_travels_with_the_tables(self):
        patient_id = self.patient_ids[1]
        status, dx, _ = self.call("POST", "/api/v1/diagnoses", {
            "patient_id": patient_id, "icd10_code": "F10.20",
            "description": "Alcohol dependence, uncomplicated", "status": "active"}, self.token)
        self.assertEqual(status, 201, dx)
        notice = "42 CFR part 2 prohibits unauthorized use or disclosure of these records."
        out = self.exports("session-notes", self.body("session-notes", patient_id))
        rows, _ = csv_rows(out["csv"][0])
        self.assertTrue(rows and all(notice in r["notices"] for r in rows))
        out = self.exports("progress-report", {"patient_id": patient_id})
        manifest, _ = zip_tables(out["csv"][0])
        self.assertEqual(manifest["notices"][0]["text"], notice)
        export_sheet = xlsx_sheets(out["xlsx"][0])["export"]
        facts = {cell_value(r[0]): cell_value(r[1])
                 for r in export_sheet[1]}
        self.assertIn(notice, facts["notices"])

    def test_a_profile_redacts_the_tables_too(self):
        """Under the insurance profile the psychotherapy note, the unsigned AI draft and the
        SSN in a note's text are gone from the CSV and the XLSX, as from the JSON."""
        patient_id = self.patient_ids[2]
        body = self.body("session-notes", patient_id)
        session_id = body["session_ids"][-1]
        planted = [("psychotherapy_note", "Marker-psychotherapy-Csv", True, False),
                   ("progress_note", "Marker-draft-Csv", False, True),
                   ("progress_note", "Client gave SSN 219-09-9999 at intake.", True, False)]
        for kind, note_text, signed, ai in planted:
            note = {"session_id": session_id, "kind": kind, "format": "free",
                    "sections": {"text": note_text}, "ai_drafted": ai}
            if signed:
                note["signed"] = True
            status, created, _ = self.call("POST", "/api/v1/notes", note, token=self.token)
            self.assertEqual(status, 201, created)
        consent = {}
        if self.call("GET", f"/api/v1/patients/{patient_id}", token=self.token)[1]["substance_use_sensitive"]:
            consent = {"consent": {"reference": "CONSENT-CSV"}}
        treatment = dict(body, options={"include_psychotherapy_notes": True},
                         authorization={"reference": "AUTH-CSV-1", "date": "2026-01-15",
                                        "scope": "psychotherapy notes for continuity of care"})
        kept = self.exports("session-notes", treatment)
        cells = [r["text"] for r in csv_rows(kept["csv"][0])[0]]
        for _, note_text, _, _ in planted:
            self.assertIn(note_text, cells)
        redacted = self.exports("session-notes", dict(body, redaction={"profile": "insurance"}, **consent))
        rows, _ = csv_rows(redacted["csv"][0])
        self.assertNotIn("psychotherapy_note", [r["note_kind"] for r in rows])
        self.assertIn("Client gave SSN [REDACTED:ssn] at intake.", [r["text"] for r in rows])
        workbook = redacted["xlsx"][0]
        for leaked in (b"Marker-psychotherapy-Csv", b"Marker-draft-Csv", b"219-09-9999"):
            self.assertNotIn(leaked, redacted["csv"][0])
        sheet_header, sheet_rows, _ = xlsx_sheets(workbook)["session_notes"]
        column = sheet_header.index("text")
        texts = [cell_value(r[column]) for r in sheet_rows if r[column] is not None]
        self.assertIn("Client gave SSN [REDACTED:ssn] at intake.", texts)
        self.assertFalse([t for t in texts if "Marker-" in t or "219-09-9999" in t])
        self.assertEqual(len(sheet_rows), len(rows))

if __name__ == "__main__":
    unittest.main()
