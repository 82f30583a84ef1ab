"""Readers of Dossier's tabular exports: Python's csv module, the XLSX package read as
SpreadsheetML, and LibreOffice Calc (headless) for both."""
import csv
import glob
import io
import json
import os
import shutil
import tempfile
import zipfile
import xml.etree.ElementTree as ET

from documents import run_soffice

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


def neutralized(text):
    """What Dossier writes for a text value (docs/formats/csv.md, spreadsheet safety)."""
    return "'" + text if text and text[0] in FORMULA_LEADS else text


def csv_rows(data):
    """Rows of a CSV file as dicts, read strictly by Python's csv module."""
    text = data.decode("utf-8")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = list(reader)
    return [dict(zip(rows[0], r)) for r in rows[1:]], rows[0]


def zip_tables(data):
    """(manifest, {table: (rows, header)}) of a ZIP of CSV tables."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        manifest = json.loads(z.read("manifest.json"))
        tables = {t["name"]: csv_rows(z.read(t["file"])) for t in manifest["tables"]}
    return manifest, tables


def xlsx_sheets(data):
    """{sheet name: (header, rows, worksheet root)}; rows are lists of (cell element or None)."""
    out = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        workbook = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        for sheet in workbook.find("m:sheets", NS):
            rid = sheet.get(f"{{{NS['r']}}}id")
            root = ET.fromstring(z.read("xl/" + targets[rid]))
            rows = []
            for row in root.find("m:sheetData", NS):
                cells = {}
                for c in row:
                    letters = "".join(ch for ch in c.get("r") if ch.isalpha())
                    cells[column_index(letters)] = c
                rows.append([cells.get(i) for i in range(max(cells) + 1)] if cells else [])
            header = [cell_value(c) for c in rows[0]]
            out[sheet.get("name")] = (header, rows[1:], root)
    return out


def column_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def cell_value(c):
    if c is None:
        return None
    if c.get("t") == "inlineStr":
        return "".join(t.text or "" for t in c.iter(f"{{{NS['m']}}}t"))
    v = c.find("m:v", NS)
    return None if v is None else v.text


def libreoffice_csv(path):
    """LibreOffice Calc's reading of a CSV or XLSX file, every sheet saved again as CSV
    (cells as shown): {sheet name: rows}, and "" for the only sheet of a CSV file."""
    out_dir = tempfile.mkdtemp(prefix="dossier-lo-")
    profile = tempfile.mkdtemp(prefix="dossier-lo-profile-")
    try:
        # 44,34,76: comma, double quote, UTF-8; then first line 1; the -1 writes every sheet.
        arguments = ["--infilter=CSV:44,34,76,1"] if path.endswith(".csv") else []
        arguments += ["--convert-to",
                      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,true,false,false,-1',
                      "--outdir", out_dir, path]
        proc = run_soffice(profile, arguments)
        base = os.path.splitext(os.path.basename(path))[0]
        sheets = {}
        for produced in glob.glob(os.path.join(out_dir, "*.csv")):
            name = os.path.splitext(os.path.basename(produced))[0]
            sheet = name[len(base) + 1:] if name.startswith(base + "-") else ""
            with open(produced, encoding="utf-8-sig", newline="") as f:
                sheets[sheet] = list(csv.reader(f))
        assert sheets, proc.stderr
        if len(sheets) == 1:  # a CSV file: its one sheet, whatever Calc named it
            sheets[""] = next(iter(sheets.values()))
        return sheets
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
        shutil.rmtree(profile, ignore_errors=True)


def write_temp(data, suffix):
    fd, path = tempfile.mkstemp(suffix=suffix, prefix="dossier-sheet-")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    return path
