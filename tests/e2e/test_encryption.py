"""Exports at rest: only ciphertext is stored, an altered file is refused with a clear error and
an audit row, and `dossier keys rotate` rewraps every file so the old master key can go."""
import glob
import os
import unittest

from harness import DemoPracticeTest, Server, run_cli, stored_file_path, stored_files


class EncryptionAtRestTest(DemoPracticeTest):
    patients = 4

    def full_record(self):
        therapist = self.therapist
        patient_id = therapist["patient_ids"][0]
        job = self.export("full-record", {"patient_id": patient_id, "format": "json"}, therapist["token"])
        return job, patient_id

    def test_no_plaintext_reaches_the_disk(self):
        job, patient_id = self.full_record()
        status, patient, _ = self.call("GET", f"/api/v1/patients/{patient_id}", token=self.therapist["token"])
        self.assertEqual(status, 200)
        doc = self.download(job, self.therapist["token"])
        self.assertEqual(doc["tables"]["patients"][0]["family_name"], patient["family_name"])
        note = next(n["transcript"] for n in doc["tables"]["session_notes"] if len(n.get("transcript") or "") > 40)
        stored = stored_file_path(self.data_dir, job["id"] + "-1.json")
        with open(stored, "rb") as f:
            raw = f.read()
        self.assertTrue(raw.startswith(b"DSRENC01"))
        for secret in (patient["family_name"], patient["given_name"], patient["mrn"], note[:40]):
            self.assertNotIn(secret.encode(), raw, secret)
        # Nor anywhere else among the stored files.
        for key in stored_files(self.data_dir):
            with open(stored_file_path(self.data_dir, key), "rb") as f:
                self.assertNotIn(patient["family_name"].encode(), f.read(), key)

    def test_an_altered_file_is_refused_and_audited(self):
        job, _ = self.full_record()
        path = stored_file_path(self.data_dir, job["id"] + "-1.json")
        with open(path, "r+b") as f:
            f.seek(os.path.getsize(path) // 2)
            byte = f.read(1)
            f.seek(-1, os.SEEK_CUR)
            f.write(bytes([byte[0] ^ 0x20]))
        status, body, _ = self.call("GET", job["download_url"], token=self.therapist["token"])
        self.assertEqual(status, 500)
        self.assertEqual(body["error"], "internal_error")
        self.assertIn("integrity check", body["detail"])
        self.assertEqual(self.call("GET", "/healthz")[0], 200)
        status, audit, _ = self.call("GET", f"/api/v1/export/audit?job_id={job['id']}", token=self.admin)
        self.assertEqual(status, 200)
        refused = [e for e in audit["entries"] if e["action"] == "download_refused"]
        self.assertEqual(len(refused), 1, audit)
        self.assertEqual(refused[0]["metadata"], {"reason": "integrity"})
        self.assertEqual(refused[0]["user_id"], self.therapist["user_id"])
        self.assertNotIn("downloaded", [e["action"] for e in audit["entries"]])

    def test_rotation_rewraps_every_file_so_the_old_key_can_go(self):
        jobs = [self.full_record()[0] for _ in range(3)]
        keys_dir = os.path.join(self.data_dir, "keys")
        old_keys = set(glob.glob(os.path.join(keys_dir, "*.key")))
        self.assertEqual(len(old_keys), 1)
        rotated = run_cli("keys", "rotate", "--data-dir", self.data_dir)
        self.assertRegex(rotated.stdout, r"rewrapped [3-9]\d* of \d+ stored files")
        new_keys = set(glob.glob(os.path.join(keys_dir, "*.key"))) - old_keys
        self.assertEqual(len(new_keys), 1)
        new_id = os.path.basename(new_keys.pop())[:-len(".key")]
        for job in jobs:
            with open(stored_file_path(self.data_dir, job["id"] + "-1.json"), "rb") as f:
                self.assertIn(new_id.encode(), f.read(64))
        # With the old key gone and a fresh process, every file still reads.
        self.server.stop()
        for path in old_keys:
            os.remove(path)
        self.__class__.server = Server(self.data_dir)
        for job in jobs:
            doc = self.download(job, self.therapist["token"])
            self.assertEqual(doc["export"]["job_id"], job["id"])
        again = run_cli("keys", "rotate", "--data-dir", self.data_dir)
        self.assertIn("rewrapped", again.stdout)


if __name__ == "__main__":
    unittest.main()
