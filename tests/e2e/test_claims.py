"""Insurance claims end to end: the spec's JSON claim format, X12 837P files read by an X12
parser from npm (node-x12, strict), superbill PDFs read by pdftotext, and the 422 that names
every item a claim lacks. Values are checked against the JSON export of the same request."""
import json
import os
import subprocess
import tempfile
import unittest

from documents import pdf_pages, pdf_text
from harness import DemoPracticeTest, request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

CLAIM_INFO_KEYS = {"provider_npi": str, "provider_name": str, "patient_id": str,
                   "diagnosis_codes": list, "procedure_codes": list, "service_dates": list,
                   "total_units": int}
SUMMARY_KEYS = ["presenting_problem", "treatment_provided", "progress", "medical_necessity"]

# The 837P's segments in the order its loops must come (005010X222A1), one claim.
LOOP_ORDER = ["ST", "BHT", "NM1:41", "PER", "NM1:40", "HL:20", "NM1:85", "N3", "N4", "REF",
              "HL:22", "SBR", "NM1:IL", "NM1:PR", "CLM", "HI", "LX", "SV1", "DTP", "SE"]


def parse_x12(texts):
    """node-x12's reading of each text, through scripts/x12-parse."""
    with tempfile.TemporaryDirectory() as d:
        paths = []
        for i, t in enumerate(texts):
            paths.append(os.path.join(d, f"{i}.x12"))
            with open(paths[-1], "wb") as f:
                f.write(t)
        out = subprocess.run([os.path.join(REPO, "scripts", "x12-parse")] + paths,
                             capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def money(cents):
    return f"${cents // 100:,}.{cents % 100:02d}"


def us_date(iso):
    return f"{iso[5:7]}/{iso[8:10]}/{iso[0:4]}"


def cents_of(amount):
    whole, _, frac = amount.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def claimable_patients(server, token):
    """Patients with a primary coverage, an active diagnosis and a kept session: id → whether
    42 CFR part 2 protects the record (a claim then needs the client's consent)."""
    def items(path):
        status, page, _ = request(server, "GET", path, token=token)
        assert status == 200, page
        return page["items"]

    found = {}
    for p in items("/api/v1/patients?limit=200"):
        def of(resource):
            return items(f"/api/v1/{resource}?limit=200&patient_id={p['id']}")
        if (any(c["priority"] == "primary" for c in of("coverage"))
                and any(d["status"] == "active" for d in of("diagnoses"))
                and any(s["status"] == "kept" for s in of("sessions"))):
            found[p["id"]] = p["substance_use_sensitive"]
    return found


class ClaimsTest(DemoPracticeTest):
    patients = 12

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.part2 = claimable_patients(cls.server, cls.admin)
        cls.claimable = list(cls.part2)

    def body(self, patient_id, fmt, **extra):
        """The request for `patient_id`, with the client's consent where part 2 requires it."""
        body = {"patient_id": patient_id, "format": fmt, **extra}
        if self.part2[patient_id]:
            body["consent"] = {"reference": "CONSENT-P2-7", "date": "2026-01-02",
                               "description": "written consent to disclose to the health plan for payment"}
        return body

    def both(self, patient_id, fmt, **extra):
        """The claim in `fmt` and the JSON export of the same request."""
        job = self.export("insurance-report", self.body(patient_id, fmt, **extra), self.biller)
        status, data, headers = self.call("GET", job["download_url"], token=self.biller)
        self.assertEqual(status, 200)
        context = self.download(self.export("insurance-report", self.body(patient_id, "json", **extra),
                                            self.biller), self.biller)
        return job, data, headers, context

    def test_demo_practice_has_claimable_patients(self):
        self.assertGreaterEqual(len(self.claimable), 5)

    def test_json_is_the_spec_claim_format(self):
        doc = self.download(self.export("insurance-report", self.body(self.claimable[0], "json"),
                                        self.biller), self.biller)
        for key, kind in CLAIM_INFO_KEYS.items():
            self.assertIsInstance(doc["claim_info"][key], kind, key)
        self.assertEqual(list(doc["clinical_summary"].keys()), SUMMARY_KEYS)
        for key in SUMMARY_KEYS:
            self.assertTrue(doc["clinical_summary"][key], key)
        info = doc["claim_info"]
        self.assertEqual(info["patient_id"], doc["coverage"]["member_id"])
        self.assertEqual(info["procedure_codes"], [l["procedure_code"] for l in doc["service_lines"]])
        self.assertEqual(info["service_dates"], [l["service_date"] for l in doc["service_lines"]])
        self.assertEqual(info["total_units"], sum(l["units"] for l in doc["service_lines"]))

    def test_json_never_carries_a_psychotherapy_note(self):
        for patient_id in self.claimable:
            status, notes, _ = self.call("GET", f"/api/v1/notes?limit=200&patient_id={patient_id}",
                                         token=self.admin)
            private = [n for n in notes["items"] if n["kind"] == "psychotherapy_note"]
            if not private:
                continue
            text = json.dumps(self.download(self.export(
                "insurance-report", self.body(patient_id, "json"), self.biller), self.biller))
            for note in private:
                for value in note["sections"].values():
                    if isinstance(value, str) and len(value) > 20:
                        self.assertNotIn(value, text)
                self.assertNotIn(note["id"], text)
            return
        self.skipTest("no claimable patient has a psychotherapy note")

    def check_837p(self, parsed, context):
        self.assertNotIn("error", parsed, parsed.get("error"))
        isa, (group,) = parsed["isa"], parsed["groups"]
        (transaction,) = group["transactions"]
        segs = transaction["segments"]
        control = int(isa[13])
        self.assertEqual(int(group["gs"][6]), control)
        self.assertEqual(group["gs"][8], "005010X222A1")
        self.assertEqual(int(segs[0][2]), control)
        self.assertEqual(int(segs[-1][1]), len(segs))  # SE01 counts ST … SE
        # Loop order: the first occurrence of each segment comes in the guide's order.
        keys = [s[0] + (":" + s[1] if s[0] == "NM1" else ":" + s[3] if s[0] == "HL" else "")
                for s in segs]
        firsts = [keys.index(k) for k in LOOP_ORDER]
        self.assertEqual(firsts, sorted(firsts), keys)
        # HL hierarchy: IDs count up, each parent is an earlier HL one level up.
        levels = {}
        for s in (s for s in segs if s[0] == "HL"):
            levels[s[1]] = s[3]
            self.assertEqual(int(s[1]), len(levels))
            parent = {"20": "", "22": "20", "23": "22"}[s[3]]
            self.assertEqual(levels.get(s[2], ""), parent)
        # Each claim's total is the sum of its lines' charges.
        claims = []
        for s in segs:
            if s[0] == "CLM":
                claims.append([cents_of(s[2]), 0])
            elif s[0] == "SV1":
                claims[-1][1] += cents_of(s[2])
        for total, lines in claims:
            self.assertEqual(total, lines)
        # The values of the JSON export of the same request.
        member = next(s for s in segs if s[0] == "NM1" and s[1] == "IL")
        self.assertEqual(member[9], context["coverage"]["member_id"])
        billing = next(s for s in segs if s[0] == "NM1" and s[1] == "85")
        self.assertEqual(billing[9], context["practice"]["npi"])
        hi = next(s for s in segs if s[0] == "HI")
        self.assertEqual(hi[1:], [("ABK:" if i == 0 else "ABF:") + c.replace(".", "")
                                  for i, c in enumerate(context["claim_info"]["diagnosis_codes"])])
        sv1 = [s for s in segs if s[0] == "SV1"]
        lines = context["service_lines"]
        self.assertEqual([s[1] for s in sv1],
                         [":".join(["HC", l["procedure_code"]] + l["modifiers"]) for l in lines])
        self.assertEqual([cents_of(s[2]) for s in sv1], [l["charge_cents"] for l in lines])
        self.assertEqual([s[7] for s in sv1],
                         [":".join(str(ord(p) - 64) for p in l["diagnosis_pointers"]) for l in lines])
        dates = [s[3] for s in segs if s[0] == "DTP" and s[1] == "472"]
        self.assertEqual(dates, [l["service_date"].replace("-", "") for l in lines])
        return control

    def test_x12_for_every_claimable_patient(self):
        files, contexts = [], []
        for patient_id in self.claimable:
            job, data, headers, context = self.both(patient_id, "x12")
            self.assertEqual(headers["Content-Type"], "application/edi-x12")
            self.assertIn(".x12", headers["Content-Disposition"])
            self.assertTrue(data.startswith(b"ISA*00*"))
            self.assertTrue(all(line.endswith("~") for line in data.decode().splitlines()))
            files.append(data)
            contexts.append(context)
        controls = [self.check_837p(p, c) for p, c in zip(parse_x12(files), contexts)]
        self.assertEqual(len(set(controls)), len(controls))

    def test_control_numbers_are_unique_and_kept(self):
        patient_id = self.claimable[0]
        first = self.export("insurance-report", self.body(patient_id, "x12"), self.biller)
        second = self.export("insurance-report", self.body(patient_id, "x12"), self.biller)
        texts = [self.call("GET", j["download_url"], token=self.biller)[1] for j in (first, second, first)]
        a, b, again = [int(p["isa"][13]) for p in parse_x12(texts)]
        self.assertNotEqual(a, b)
        self.assertEqual(a, again)

    def test_x12_refused_in_strict_parsing_when_tampered(self):
        # The parser is a real check: a wrong SE01 is refused.
        job, data, _, _ = self.both(self.claimable[0], "x12")
        lines = data.decode().splitlines()
        se = next(i for i, l in enumerate(lines) if l.startswith("SE*"))
        lines[se] = "SE*1*" + lines[se].split("*")[2]
        (parsed,) = parse_x12([("\n".join(lines) + "\n").encode()])
        self.assertIn("SE01", parsed["error"])

    def test_superbill_shows_the_claim(self):
        for patient_id in self.claimable[:3]:
            job, data, headers, ctx = self.both(patient_id, "superbill")
            self.assertEqual(headers["Content-Type"], "application/pdf")
            text = pdf_text(data)
            flat = " ".join(text.split())
            therapist = ctx["claim_info"]["rendering_provider"]
            for value in [ctx["practice"]["name"], ctx["practice"]["npi"], ctx["practice"]["tax_id"],
                          therapist["name"], therapist["npi"], therapist["license_number"],
                          ctx["patient"]["name"], "Superbill"]:
                self.assertIn(value, flat)
            for line in ctx["service_lines"]:
                self.assertIn(us_date(line["service_date"]), flat)
                self.assertIn(line["procedure_code"], flat)
                self.assertIn(money(line["charge_cents"]), flat)
            for code in ctx["claim_info"]["diagnosis_codes"]:
                self.assertIn(code, flat)
            paid = sum(l["paid_cents"] for l in ctx["service_lines"])
            self.assertIn(f"Amount paid by the client: {money(paid)}", flat)

    def test_cms1500_shows_every_value_six_lines_a_page(self):
        pages_seen = 0
        for patient_id in self.claimable:
            job, data, headers, ctx = self.both(patient_id, "cms1500")
            self.assertEqual(headers["Content-Type"], "application/pdf")
            lines = ctx["service_lines"]
            pages = -(-len(lines) // 6)
            self.assertEqual(pdf_pages(data), pages)
            text = pdf_text(data)
            flat = " ".join(text.split())
            laid_out = " ".join(pdf_text(data, layout=True).split())
            self.assertIn("HEALTH INSURANCE CLAIM FORM", flat)
            patient, cov, practice = ctx["patient"], ctx["coverage"], ctx["practice"]
            name = f'{patient["family_name"]}, {patient["given_name"]}'
            # The form is in the Latin alphabet (payers' OCR); other scripts are transliterated.
            names = [name] if name.isascii() else []
            self.assertTrue(flat.isascii() or not name.isascii())
            for value in names + [cov["member_id"], cov["payer_name"], practice["npi"], practice["tax_id"],
                                  practice["name"], patient["account_number"], "SIGNATURE ON FILE",
                                  "ICD Ind. 0"]:
                self.assertIn(value, flat)
            for code in ctx["claim_info"]["diagnosis_codes"][:12]:
                self.assertIn(code.replace(".", ""), flat)
            for line in lines:
                d = line["service_date"]
                self.assertIn(f"{d[5:7]} {d[8:10]} {d[2:4]}", flat)
                self.assertIn(" ".join([line["procedure_code"]] + line["modifiers"]), laid_out)
                self.assertIn(f'{line["charge_cents"] // 100}.{line["charge_cents"] % 100:02d}', flat)
                self.assertIn(line["rendering_provider_npi"], flat)
            total = sum(l["charge_cents"] for l in lines)
            page_texts = text.split("\f")
            self.assertIn(f"{total // 100}.{total % 100:02d}", page_texts[pages - 1])
            if pages > 1:
                self.assertIn("CONTINUED", page_texts[0])
                self.assertIn(f"PAGE 2 OF {pages}", page_texts[1])
            pages_seen = max(pages_seen, pages)
        self.assertGreater(pages_seen, 1, "no demo patient has more than six sessions")

    def test_claim_takes_the_insurance_profile_only(self):
        status, err, _ = self.call("POST", "/api/v1/export/insurance-report",
                                   self.body(self.claimable[0], "x12", redaction={"profile": "research"}),
                                   token=self.biller)
        self.assertEqual(status, 400, err)
        self.assertEqual([f["path"] for f in err["fields"]], ["redaction.profile"])

    def test_claim_without_sessions_in_range_is_refused(self):
        status, err, _ = self.call("POST", "/api/v1/export/insurance-report",
                                   self.body(self.claimable[0], "x12", start_date="1990-01-01",
                                             end_date="1990-01-31"),
                                   token=self.biller)
        self.assertEqual(status, 422, err)
        self.assertEqual([f["path"] for f in err["fields"]], ["sessions"])


class ClaimRefusalTest(DemoPracticeTest):
    """Fields blanked through the API: the 422 names every one, at request time."""
    patients = 4

    def patient_with_claim(self):
        for pid, part2 in claimable_patients(self.server, self.admin).items():
            if part2:
                continue  # its claims need a consent first; this test is about the record
            cov = self.call("GET", f"/api/v1/coverage?limit=200&patient_id={pid}", token=self.admin)[1]["items"]
            return pid, next(c for c in cov if c["priority"] == "primary")
        self.skipTest("no claimable patient outside 42 CFR part 2")

    def refused_paths(self, patient_id, fmt="x12"):
        status, err, _ = self.call("POST", "/api/v1/export/insurance-report",
                                   {"patient_id": patient_id, "format": fmt}, token=self.biller)
        self.assertEqual(status, 422, err)
        self.assertEqual(err["error"], "unprocessable")
        return sorted(f["path"] for f in err["fields"])

    def test_every_missing_item_is_named(self):
        pid, coverage = self.patient_with_claim()
        job = self.export("insurance-report", {"patient_id": pid, "format": "x12"}, self.biller)
        self.assertEqual(job["status"], "completed")
        self.telehealth_modifier_follows_the_payer(pid, coverage)

        practice = self.call("GET", "/api/v1/practice?limit=1", token=self.admin)[1]["items"][0]
        status, body, _ = self.call("PATCH", f"/api/v1/practice/{practice['id']}",
                                    {"npi": None, "tax_id": None}, token=self.admin)
        self.assertEqual(status, 200, body)
        before = self.download(self.export("insurance-report", {"patient_id": pid, "format": "json"},
                                           self.biller), self.biller)
        therapist = before["claim_info"]["rendering_provider"]["id"]
        status, body, _ = self.call("PATCH", f"/api/v1/users/{therapist}", {"npi": None},
                                    token=self.admin)
        self.assertEqual(status, 200, body)
        status, body, _ = self.call("PATCH", f"/api/v1/coverage/{coverage['id']}",
                                    {"priority": "secondary"}, token=self.biller)
        self.assertEqual(status, 200, body)
        diagnoses = self.call("GET", f"/api/v1/diagnoses?limit=200&patient_id={pid}", token=self.admin)[1]
        for d in diagnoses["items"]:
            status, body, _ = self.call("PATCH", f"/api/v1/diagnoses/{d['id']}", {"status": "resolved"},
                                        token=self.admin)
            self.assertEqual(status, 200, body)

        paths = self.refused_paths(pid)
        self.assertIn("practice.npi", paths)
        self.assertIn("practice.tax_id", paths)
        self.assertIn("rendering_provider.npi", paths)
        self.assertIn("coverage", paths)
        self.assertIn("diagnoses", paths)
        self.assertTrue(any(p.startswith("service_lines[") for p in paths), paths)
        # A superbill needs no coverage; the rest it needs as well.
        superbill = self.refused_paths(pid, "superbill")
        self.assertNotIn("coverage", superbill)
        self.assertIn("practice.npi", superbill)
        self.assertIn("diagnoses", superbill)
        # Reports are not claims: the JSON export still runs and shows the blanks.
        job = self.export("insurance-report", {"patient_id": pid, "format": "json"}, self.biller)
        self.assertIsNone(self.download(job, self.biller)["claim_info"]["provider_npi"])
        # Nothing of the client's is in the refusal.
        status, err, _ = self.call("POST", "/api/v1/export/insurance-report",
                                   {"patient_id": pid, "format": "x12"}, token=self.biller)
        self.assertNotIn(coverage["member_id"], json.dumps(err))

    def telehealth_modifier_follows_the_payer(self, pid, coverage):
        """GT for a payer set to GT, in the JSON export and the 837P."""
        status, body, _ = self.call("PATCH", f"/api/v1/coverage/{coverage['id']}",
                                    {"telehealth_modifier": "GT"}, token=self.biller)
        self.assertEqual(status, 200, body)
        ctx = self.download(self.export("insurance-report", {"patient_id": pid, "format": "json"},
                                        self.biller), self.biller)
        remote = [l for l in ctx["service_lines"] if l["telehealth"]]
        for line in remote:
            self.assertIn("GT", line["modifiers"])
            self.assertNotIn("95", line["modifiers"])
        job = self.export("insurance-report", {"patient_id": pid, "format": "x12"}, self.biller)
        text = self.call("GET", job["download_url"], token=self.biller)[1].decode()
        self.assertEqual(text.count(":GT*"), len(remote))
        self.assertNotIn(":95*", text)


if __name__ == "__main__":
    unittest.main()
