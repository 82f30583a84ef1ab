"""No plaintext at rest: every demo client's full name and a marker of their own are planted in
a new note, their session notes and full record are exported as PDF, DOCX and JSON (and read
back, to prove the plaintext was there), and then every byte Dossier wrote outside its
database is searched for them - the stored exports and whatever the storage keeps next to them
(the data directory's files, or the S3 server's objects and metadata), the keys directory, and
the server's own temporary directory - in UTF-8 and UTF-16, as written and in lower case. The
server's log is searched too: no PHI in logs."""
import os
import unittest

from attacker import (AttackerPracticeTest, _storage_root, marker, stored_file_path, stored_files,
                      wait_for_job)
from documents import pdf_text

# The database holds the record in plaintext by design (it is not an export), and `dossier demo`
# lists the staff (whose names a client may share) in demo-tokens.json: neither is searched.
NOT_SEARCHED = ("dossier.db", "dossier.db-wal", "dossier.db-shm", "dossier.db-journal", "demo-tokens.json")
FORMATS = ("pdf", "docx", "json")


def spellings(needle):
    """The byte strings a needle may be stored as."""
    out = set()
    for text in (needle, needle.lower(), needle.upper()):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            out.add(text.encode(encoding))
    return out


class NoPlaintextAtRestTest(AttackerPracticeTest):
    patients = 4
    private_tmp = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clients = cls.plant_every_client()
        cls.jobs = cls.export_everything()

    @classmethod
    def plant_every_client(cls):
        """{patient_id: {name, marker, token, session_id, needles}} for every demo client,
        each with a new note naming them."""
        status, page, _ = cls.api("GET", "/api/v1/patients?limit=200", token=cls.admin)
        assert status == 200, page
        therapist_of = {p: t["token"] for t in cls.tokens["therapists"] for p in t["patient_ids"]}
        clients = {}
        for patient in page["items"]:
            token = therapist_of[patient["id"]]
            session = next(s for s in cls.sessions_of(patient["id"], token) if s["status"] == "kept")
            name = f"{patient['given_name']} {patient['family_name']}"
            planted = marker("at-rest")
            cls.plant_note(token, session["id"], f"{name} described {planted} in detail.",
                           transcript=f"Therapist: {name}, tell me about {planted}.")
            needles = {name, planted, patient["mrn"]}
            # Single names only when long: a short one turns up in random ciphertext now and then.
            needles |= {part for part in (patient["given_name"], patient["family_name"]) if len(part.encode()) >= 7}
            clients[patient["id"]] = {"name": name, "marker": planted, "token": token, "session_id": session["id"],
                                      "needles": needles}
        assert len(clients) == cls.patients, clients
        return clients

    @classmethod
    def export_everything(cls):
        """Session notes and the full record of every client in every format, asked all at once."""
        started = []
        for patient_id, client in cls.clients.items():
            for fmt in FORMATS:
                for kind, body in (("session-notes", {"session_ids": [client["session_id"]],
                                                      "options": {"include_transcript": True}}),
                                   ("full-record", {"patient_id": patient_id})):
                    status, accepted, _ = cls.api("POST", f"/api/v1/export/{kind}", dict(body, format=fmt),
                                                  client["token"])
                    assert status == 202, accepted
                    started.append((patient_id, kind, fmt, accepted["job_id"]))
        jobs = []
        for patient_id, kind, fmt, job_id in started:
            job = wait_for_job(cls.server, cls.clients[patient_id]["token"], job_id, timeout=120)
            assert job["status"] == "completed", job
            jobs.append((patient_id, kind, fmt, job))
        return jobs

    def written_files(self):
        """Every file Dossier wrote outside its database: (path, bytes)."""
        roots = {self.data_dir, _storage_root(self.data_dir)[0], self.server_tmp}
        seen = set()
        for root in roots:
            for directory, _, names in os.walk(root):
                for name in names:
                    path = os.path.join(directory, name)
                    if path in seen or name in NOT_SEARCHED or path.startswith(os.path.join(self.data_dir, "serve-")):
                        continue
                    seen.add(path)
                    with open(path, "rb") as f:
                        yield path, f.read()

    def test_the_exports_held_the_plaintext(self):
        """What the search below looks for was really in the exports, so its absence at rest
        means encryption, not an empty document."""
        for patient_id, kind, fmt, job in self.jobs:
            if fmt == "pdf" and kind == "session-notes":
                status, data, _ = self.call("GET", job["download_url"], token=self.clients[patient_id]["token"])
                self.assertEqual(status, 200)
                text = " ".join(pdf_text(data).split())
                self.assertIn(self.clients[patient_id]["marker"], text)
            if fmt == "json":
                status, data, headers = self.call("GET", job["download_url"], token=self.clients[patient_id]["token"])
                self.assertEqual(status, 200)
                raw = str(data)
                self.assertIn(self.clients[patient_id]["marker"], raw, kind)
                self.assertIn(self.clients[patient_id]["name"].split()[-1], raw, kind)

    def test_no_stored_byte_holds_a_client_name_or_marker(self):
        keys = stored_files(self.data_dir)
        for _, _, _, job in self.jobs:
            mine = [k for k in keys if k.startswith(job["id"])]
            self.assertEqual(len(mine), 1, (job["id"], keys))
            with open(stored_file_path(self.data_dir, mine[0]), "rb") as f:
                self.assertTrue(f.read(8).startswith(b"DSRENC"), mine[0])
        needles = {spelled: (patient_id, needle) for patient_id, client in self.clients.items()
                   for needle in client["needles"] for spelled in spellings(needle)}
        searched = 0
        found = []
        for path, data in self.written_files():
            searched += 1
            for spelled, (patient_id, needle) in needles.items():
                if spelled in data:
                    found.append(f"{path}: {needle!r} of client {patient_id}")
        self.assertGreaterEqual(searched, len(self.jobs), "the stored exports were searched")
        self.assertEqual(found, [], "plaintext at rest")

    def test_the_temporary_directory_is_left_empty(self):
        left = [os.path.join(d, n) for d, _, names in os.walk(self.server_tmp) for n in names]
        self.assertEqual(left, [])

    def test_no_client_name_or_marker_in_the_server_log(self):
        log = b""
        for name in os.listdir(self.data_dir):
            if name.startswith("serve-") and name.endswith(".log"):
                with open(os.path.join(self.data_dir, name), "rb") as f:
                    log += f.read()
        self.assertGreater(len(log), 1000, "the log was written")
        found = [(patient_id, needle) for patient_id, client in self.clients.items()
                 for needle in client["needles"] for spelled in spellings(needle) if spelled in log]
        self.assertEqual(found, [])


if __name__ == "__main__":
    unittest.main()
