"""The `fhir` format and the FHIR R4 API end to end: every export type of every demo patient
and Patient/$everything, each Bundle accepted by two independent validators from npm
(scripts/fhir-validate) with no error, its structure and codes checked against the JSON export
of the same record, Part 2 labels and notice, redaction, and the API's errors."""
import json
import os
import tempfile
import unittest

from fhir_tools import references, run_validators
from harness import DemoPracticeTest, request

BASE = "https://dossier.invalid/fhir/r4/"
CPT = "http://www.ama-assn.org/go/cpt"
ICD10 = "http://hl7.org/fhir/sid/icd-10-cm"
LOINC = "http://loinc.org"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
NOTICE = "42 CFR part 2 prohibits unauthorized use or disclosure of these records."
CONSENT = {"reference": "CONSENT-FHIR-7", "date": "2026-02-01",
           "description": "written consent to disclose to the payer"}
AUTHORIZATION = {"reference": "AUTH-FHIR-1", "date": "2026-01-15",
                 "scope": "psychotherapy notes for continuity of care"}
DOCUMENTS = ("session-notes", "progress-report", "treatment-summary")
TOTAL_LOINC = {"PHQ-9": "44261-6", "GAD-7": "70274-6"}


def validate(bundles):
    """Both validators over {name: bundle}; returns {name: [errors]}."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for name, bundle in bundles.items():
            paths[name] = os.path.join(tmp, name.replace("/", "_") + ".json")
            with open(paths[name], "w") as f:
                json.dump(bundle, f)
        results = run_validators(paths.values())
        return {name: results[path]["errors"] for name, path in paths.items()}


def resources(bundle, kind=None):
    return [e["resource"] for e in bundle["entry"]
            if kind is None or e["resource"]["resourceType"] == kind]


def notes(bundle):
    """The session notes of a Bundle: SOAP notes as Compositions (a document's own first
    Composition aside) and the others as clinical-note DocumentReferences (attachments are
    DocumentReferences too)."""
    compositions = resources(bundle, "Composition")
    if bundle["type"] == "document":
        compositions = compositions[1:]
    return compositions + [d for d in resources(bundle, "DocumentReference")
                           if d.get("category", [{}])[0].get("coding", [{}])[0].get("code") == "clinical-note"]


def codes(resource_list, path, system):
    found = []
    for r in resource_list:
        concept = r
        for key in path:
            concept = concept[key]
        found += [c["code"] for c in concept["coding"] if c["system"] == system]
    return found


class FhirTest(DemoPracticeTest):
    patients = 20  # the default demo practice: every one of its patients

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.token = cls.admin
        status, page, _ = request(cls.server, "GET", "/api/v1/patients?limit=200", token=cls.admin)
        assert status == 200, page
        cls.patient_rows = page["items"]

    def get(self, path, token=None):
        return request(self.server, "GET", path, token=token or self.admin)

    def fhir_export(self, kind, body, token=None):
        job = self.export(kind, dict(body, format="fhir"), token or self.token)
        self.assertTrue(job["download_url"])
        status, raw, headers = self.call("GET", job["download_url"], token=token or self.token)
        self.assertEqual(status, 200)
        self.assertEqual(headers["Content-Type"], "application/fhir+json")
        return json.loads(raw)

    def json_export(self, kind, body):
        return self.download(self.export(kind, dict(body, format="json"), self.token), self.token)

    def everything(self, patient_id, token=None):
        status, raw, headers = self.get(f"/fhir/r4/Patient/{patient_id}/$everything", token)
        return status, json.loads(raw), headers

    def sessions_of(self, patient_id):
        status, page, _ = self.get(f"/api/v1/sessions?patient_id={patient_id}&limit=200")
        self.assertEqual(status, 200, page)
        return [s["id"] for s in page["items"]]

    def requests_for(self, patient):
        """Every export type's request for one patient (with the consent a Part 2 record needs
        to leave for the payer)."""
        pid = patient["id"]
        insurance = {"patient_id": pid, "start_date": "2000-01-01", "end_date": "2099-12-31"}
        if patient["substance_use_sensitive"]:
            insurance["consent"] = CONSENT
        out = {"progress-report": {"patient_id": pid},
               "treatment-summary": {"patient_id": pid},
               "full-record": {"patient_id": pid},
               "insurance-report": insurance}
        sessions = self.sessions_of(pid)
        if sessions:
            out["session-notes"] = {"session_ids": sessions[:5]}
        return out

    def assert_structure(self, kind, bundle):
        expected = "document" if kind in DOCUMENTS else "collection"
        self.assertEqual(bundle["type"], expected, kind)
        entries = bundle["entry"]
        full_urls = [e["fullUrl"] for e in entries]
        self.assertEqual(len(full_urls), len(set(full_urls)), "fullUrls are unique")
        present = set()
        for e in entries:
            r = e["resource"]
            self.assertRegex(r["id"], r"^[A-Za-z0-9\-.]{1,64}$")
            self.assertEqual(e["fullUrl"], BASE + r["resourceType"] + "/" + r["id"])
            present.add(r["resourceType"] + "/" + r["id"])
        for r in resources(bundle):
            for ref in references(r):
                self.assertIn(ref, present, f"{kind}: {r['resourceType']}/{r['id']} → {ref}")
        if expected == "document":
            composition = entries[0]["resource"]
            self.assertEqual(composition["resourceType"], "Composition")
            self.assertEqual(bundle["identifier"]["system"], "urn:ietf:rfc:3986")
            self.assertRegex(bundle["identifier"]["value"], r"^urn:uuid:[0-9a-f-]{36}$")
            self.assertRegex(bundle["timestamp"], r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
            for section in composition["section"]:
                for ref in references(section):
                    self.assertIn(ref, present)
        self.assertEqual(resources(bundle)[-1]["resourceType"], "Provenance")

    def test_every_export_of_every_patient_validates_and_resolves(self):
        bundles = {}
        for patient in self.patient_rows:
            for kind, body in self.requests_for(patient).items():
                bundle = self.fhir_export(kind, body)
                self.assert_structure(kind, bundle)
                bundles[f"{patient['id']}/{kind}"] = bundle
            status, bundle, headers = self.everything(patient["id"])
            self.assertEqual(status, 200, bundle)
            self.assertEqual(bundle["type"], "searchset")
            self.assertEqual(bundle["total"], len(bundle["entry"]))
            bundles[f"{patient['id']}/everything"] = bundle
        self.assertGreaterEqual(len(bundles), 5 * len(self.patient_rows))
        for name, errors in validate(bundles).items():
            self.assertEqual(errors, [], name)

    def test_codes_match_the_json_export(self):
        for patient in self.patient_rows[:3]:
            body = {"patient_id": patient["id"]}
            tables = self.json_export("full-record", body)["tables"]
            bundle = self.fhir_export("full-record", body)
            encounters = {e["id"]: e for e in resources(bundle, "Encounter")}
            self.assertEqual(set(encounters), {s["id"] for s in tables["sessions"]})
            for s in tables["sessions"]:
                e = encounters[s["id"]]
                self.assertEqual(codes([e], ["type", 0], CPT), [s["cpt_code"]])
                self.assertEqual(e["class"]["code"], "VR" if s["telehealth"] else "AMB")
                self.assertEqual(e["class"]["system"], ACT_CODE)
            self.assertEqual(sorted(codes(resources(bundle, "Condition"), ["code"], ICD10)),
                             sorted(d["icd10_code"] for d in tables["diagnoses"]))
            observations = {o["id"]: o for o in resources(bundle, "Observation")}
            for a in tables["assessments"]:
                o = observations[a["id"]]
                self.assertEqual(codes([o], ["code"], LOINC), [TOTAL_LOINC[a["instrument"]]])
                self.assertEqual(o["valueQuantity"]["value"], a["total_score"])
                self.assertEqual(o["category"][0]["coding"][0]["code"], "survey")
            responses = {r["id"]: r for r in resources(bundle, "QuestionnaireResponse")}
            for a in tables["assessments"]:
                answers = [i["answer"][0]["valueInteger"] for i in responses["qr-" + a["id"]]["item"]]
                self.assertEqual(answers, a["item_answers"] + [a["total_score"]])
            goals = {g["id"]: g for g in resources(bundle, "Goal")}
            self.assertEqual(set(goals), {g["id"] for g in tables["goals"]})
            for g in tables["goals"]:
                self.assertEqual(goals[g["id"]]["target"][0]["measure"]["text"], g["measure"])
            self.assertEqual({n["id"] for n in notes(bundle)}, {n["id"] for n in tables["session_notes"]})
            practice = tables["practice"][0]
            org = next(o for o in resources(bundle, "Organization") if o["id"] == practice["id"])
            self.assertIn({"system": "http://hl7.org/fhir/sid/us-npi", "value": practice["npi"]},
                          org["identifier"])

    def test_ids_are_stable_across_exports(self):
        def timeless(bundle):
            """The resources, without the export's own time (a Composition's date, a
            Provenance's recorded, a Claim's created)."""
            out = []
            for r in resources(bundle):
                r = dict(r)
                for key in ("date", "recorded", "created"):
                    if r["resourceType"] in ("Composition", "Provenance", "Claim"):
                        r.pop(key, None)
                out.append(r)
            return out
        for kind, body in self.requests_for(self.patient_rows[0]).items():
            first, second = self.fhir_export(kind, body), self.fhir_export(kind, body)
            self.assertNotEqual(first["id"], second["id"], "each export is a Bundle of its own")
            self.assertEqual([e["fullUrl"] for e in first["entry"]],
                             [e["fullUrl"] for e in second["entry"]], kind)
            self.assertEqual(timeless(first), timeless(second), kind)

    def test_session_notes_document_points_at_its_encounters_and_notes(self):
        patient = self.patient_rows[0]
        sessions = self.sessions_of(patient["id"])[:3]
        bundle = self.fhir_export("session-notes", {"session_ids": sessions})
        composition = bundle["entry"][0]["resource"]
        self.assertEqual(codes([composition], ["type"], LOINC), ["11506-3"])
        first_entries = [s["entry"][0]["reference"] for s in composition["section"]
                         if s["title"].startswith("Session")]
        self.assertEqual(sorted(first_entries), sorted("Encounter/" + s for s in sessions))
        for c in resources(bundle, "Composition")[1:]:
            self.assertEqual([s["code"]["coding"][0]["code"] for s in c["section"] if "code" in s],
                             ["61150-9", "61149-1", "51848-0", "18776-5"][:len([s for s in c["section"] if "code" in s])])
        for d in resources(bundle, "DocumentReference"):
            self.assertEqual(d["category"][0]["coding"][0]["code"], "clinical-note")

    def test_part_two_records_carry_labels_and_notice(self):
        part2 = [p for p in self.patient_rows if p["substance_use_sensitive"]]
        self.assertTrue(part2, "the demo practice has a substance-use record")
        patient = part2[0]
        for kind, body in self.requests_for(patient).items():
            bundle = self.fhir_export(kind, body)
            for r in [bundle] + resources(bundle):
                labels = {(c["system"], c["code"]) for c in r.get("meta", {}).get("security", [])}
                for code in ("42CFRPart2", "ETH", "NORDSCLCD"):
                    self.assertIn((ACT_CODE, code), labels, f"{kind} {r['resourceType']}")
            provenance = resources(bundle, "Provenance")[0]
            self.assertIn(NOTICE, provenance["text"]["div"])
            if kind in DOCUMENTS:
                notice = bundle["entry"][0]["resource"]["section"][0]
                self.assertEqual(notice["title"], "42 CFR Part 2 notice")
                self.assertIn(NOTICE, notice["text"]["div"])
            if kind == "insurance-report":
                self.assertIn(CONSENT["reference"], provenance["text"]["div"])
        other = next(p for p in self.patient_rows if not p["substance_use_sensitive"])
        bundle = self.fhir_export("full-record", {"patient_id": other["id"]})
        self.assertFalse(any("meta" in r for r in resources(bundle)))

    def test_insurance_profile_carries_no_psychotherapy_note(self):
        patient = next(p for p in self.patient_rows if not p["substance_use_sensitive"])

        def psychotherapy(bundle):
            return [r for r in resources(bundle)
                    if any(c["code"] == "PSYTHPN" for c in r.get("meta", {}).get("security", []))]
        authorized = {"patient_id": patient["id"], "authorization": AUTHORIZATION,
                      "options": {"include_psychotherapy_notes": True}}
        treatment = self.fhir_export("full-record", dict(authorized, redaction={"profile": "treatment"}))
        self.assertTrue(psychotherapy(treatment), "authorized psychotherapy notes go to treatment")
        status, err, _ = self.call("POST", "/api/v1/export/full-record",
                                   dict(authorized, format="fhir", redaction={"profile": "insurance"}),
                                   self.token)
        self.assertEqual(status, 400, err)
        insurance = self.fhir_export("full-record", {"patient_id": patient["id"],
                                                     "redaction": {"profile": "insurance"}})
        self.assertEqual(psychotherapy(insurance), [])
        self.assertTrue(notes(insurance), "progress notes are not psychotherapy notes")
        self.assertNotIn("contact", resources(insurance, "Patient")[0],
                         "minimum necessary: no third parties for a payer")
        self.assertIn("contact", resources(treatment, "Patient")[0])

    def test_insurance_report_is_a_claim(self):
        for patient in (p for p in self.patient_rows if not p["substance_use_sensitive"]):
            body = {"patient_id": patient["id"], "start_date": "2000-01-01", "end_date": "2099-12-31"}
            report = self.json_export("insurance-report", body)
            if report["coverage"] and report["service_lines"]:
                break
        else:
            self.fail("no demo patient with coverage and billable sessions")
        bundle = self.fhir_export("insurance-report", body)
        claim = resources(bundle, "Claim")[0]
        self.assertEqual(claim["type"]["coding"][0]["code"], "professional")
        self.assertEqual([i["productOrService"]["coding"][0]["code"] for i in claim["item"]],
                         [line["procedure_code"] for line in report["service_lines"]])
        self.assertAlmostEqual(sum(i["net"]["value"] for i in claim["item"]), claim["total"]["value"])
        self.assertEqual(codes([d["diagnosisCodeableConcept"] for d in claim["diagnosis"]], [], ICD10),
                         report["claim_info"]["diagnosis_codes"])
        coverage = resources(bundle, "Coverage")[0]
        self.assertEqual(claim["insurance"][0]["coverage"]["reference"], "Coverage/" + coverage["id"])
        self.assertEqual(coverage["subscriberId"], report["coverage"]["member_id"])
        self.assertEqual(notes(bundle), [], "no notes in a claim")

    def test_capability_statement(self):
        status, raw, headers = request(self.server, "GET", "/fhir/r4/metadata")
        self.assertEqual(status, 200)
        self.assertEqual(headers["Content-Type"], "application/fhir+json")
        cs = json.loads(raw)
        self.assertEqual(cs["resourceType"], "CapabilityStatement")
        self.assertEqual(cs["fhirVersion"], "4.0.1")
        self.assertIn("json", cs["format"])
        patient = next(r for r in cs["rest"][0]["resource"] if r["type"] == "Patient")
        self.assertEqual([o["name"] for o in patient["operation"]], ["everything", "export"])
        declared = {o["name"] for r in cs["rest"][0]["resource"] for o in r.get("operation", [])}
        self.assertEqual(declared, {"everything", "export"}, "no import declared")
        self.assertEqual([o["name"] for o in cs["rest"][0]["operation"]], ["export"])
        self.assertEqual(validate({"metadata": cs}), {"metadata": []})

    def test_everything_follows_the_api_access_rules(self):
        mine = self.therapist["patient_ids"][0]
        status, bundle, _ = self.everything(mine, self.therapist["token"])
        self.assertEqual(status, 200)
        self.assertEqual(resources(bundle, "Patient")[0]["id"], mine)
        self.assertTrue(notes(bundle))
        for token, who in ((self.other_therapist["token"], "another therapist"),):
            status, outcome, headers = self.everything(mine, token)
            self.assertEqual(status, 404, who)
            self.assertEqual(headers["Content-Type"], "application/fhir+json")
            self.assertEqual(outcome["resourceType"], "OperationOutcome")
            self.assertEqual(outcome["issue"][0]["code"], "not-found")
        status, outcome, _ = self.everything("0190a1b2-0000-7000-8000-00000000dead")
        self.assertEqual((status, outcome["issue"][0]["code"]), (404, "not-found"))
        status, outcome, _ = self.everything(mine, token="not-a-token")
        self.assertEqual((status, outcome["resourceType"]), (401, "OperationOutcome"))
        status, billed, _ = self.everything(mine, self.biller)
        self.assertEqual(status, 200, billed)
        self.assertEqual(notes(billed), [], "billers never get notes")
        self.assertTrue(resources(billed, "Encounter"))
        self.assertEqual(validate({"outcome": outcome}), {"outcome": []})

    def test_everything_is_audited(self):
        mine = self.therapist["patient_ids"][0]
        self.assertEqual(self.everything(mine, self.therapist["token"])[0], 200)
        self.assertEqual(self.everything(mine, self.other_therapist["token"])[0], 404)
        status, log, _ = self.get(f"/api/v1/export/audit?patient_id={mine}")
        self.assertEqual(status, 200, log)
        reads = [e for e in log["entries"] if e["action"] == "fhir_read"]
        self.assertTrue(any(e["user_id"] == self.therapist["user_id"] for e in reads))
        refused = [e for e in log["entries"] if e["action"] == "access_refused"
                   and e["user_id"] == self.other_therapist["user_id"]]
        self.assertTrue(refused)


if __name__ == "__main__":
    unittest.main()
