"""Moving an embedded practice to PostgreSQL with `dossier migrate-data`: every table arrives,
the same tokens work, and the record reads the same through the API on both databases."""
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest
import uuid

from harness import BACKEND, BINARY, Server, request, wait_for_job

EMBEDDED_ENV = {k: v for k, v in os.environ.items()
                if k not in ("DOSSIER_DATABASE_URL", "DOSSIER_STORAGE_URL")}


def dossier(*args, env=None):
    return subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=300,
                          env=env or EMBEDDED_ENV)


@unittest.skipUnless(BACKEND == "postgres", "moves a practice to PostgreSQL")
class MigrateDataTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="dossier-move-")
        self.embedded = os.path.join(self.tmp, "embedded")
        proc = dossier("demo", "--data-dir", self.embedded, "--patients", "6", "--seed", "5")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(os.path.join(self.embedded, "demo-tokens.json")) as f:
            self.tokens = json.load(f)
        admin_url = os.environ["DOSSIER_TEST_POSTGRES_URL"]
        name = "dossier_move_" + uuid.uuid4().hex
        subprocess.run(["psql", admin_url, "-qc", f"CREATE DATABASE {name}"], check=True, capture_output=True)
        self.target = admin_url.rsplit("/", 1)[0] + "/" + name

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def source_counts(self):
        with sqlite3.connect(os.path.join(self.embedded, "dossier.db")) as db:
            tables = [r[0] for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name <> 'schema_migrations'")]
            return {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}

    def target_counts(self, tables):
        out = {}
        for t in tables:
            proc = subprocess.run(["psql", self.target, "-tAc", f"SELECT COUNT(*) FROM {t}"],
                                  check=True, capture_output=True, text=True)
            out[t] = int(proc.stdout.strip())
        return out

    def test_a_demo_practice_moves_whole_and_reads_the_same(self):
        moved = dossier("migrate-data", "--from", "sqlite:" + os.path.join(self.embedded, "dossier.db"),
                        "--to", self.target)
        self.assertEqual(moved.returncode, 0, moved.stderr)
        self.assertIn("every table verified", moved.stdout)
        counts = self.source_counts()
        self.assertGreater(counts["session_notes"], 0)
        self.assertEqual(self.target_counts(counts), counts)
        for table, n in counts.items():
            self.assertRegex(moved.stdout, rf"(?m)^{table}\s+{n} rows  sha256 [0-9a-f]{{64}}$")

        therapist = self.tokens["therapists"][0]
        patient = therapist["patient_ids"][0]
        scale_out = os.path.join(self.tmp, "scale-out")
        os.makedirs(scale_out)
        before = Server(self.embedded, env=EMBEDDED_ENV)
        try:
            after = Server(scale_out, env=dict(EMBEDDED_ENV, DOSSIER_DATABASE_URL=self.target))
        except BaseException:
            before.stop()
            raise
        try:
            for path in (f"/api/v1/patients/{patient}", f"/api/v1/sessions?patient_id={patient}",
                         f"/api/v1/goals?patient_id={patient}"):
                old = request(before, "GET", path, token=therapist["token"])
                new = request(after, "GET", path, token=therapist["token"])
                self.assertEqual(old[0], 200, path)
                self.assertEqual(new[:2], old[:2], path)
            status, accepted, _ = request(after, "POST", "/api/v1/export/full-record",
                                          {"patient_id": patient, "format": "json"}, therapist["token"])
            self.assertEqual(status, 202, accepted)
            job = wait_for_job(after, therapist["token"], accepted["job_id"])
            self.assertEqual(job["status"], "completed", job)
        finally:
            before.stop()
            after.stop()

    def test_a_target_with_a_practice_is_refused(self):
        source = "sqlite:" + os.path.join(self.embedded, "dossier.db")
        self.assertEqual(dossier("migrate-data", "--from", source, "--to", self.target).returncode, 0)
        again = dossier("migrate-data", "--from", source, "--to", self.target)
        self.assertEqual(again.returncode, 1)
        self.assertIn("already holds a practice", again.stderr)
        self.assertEqual(self.target_counts(["patients"])["patients"], 6)

    def test_bad_arguments_are_named(self):
        wrong_from = dossier("migrate-data", "--from", "/tmp/x.db", "--to", self.target)
        self.assertEqual(wrong_from.returncode, 1)
        self.assertIn("--from must be sqlite:PATH", wrong_from.stderr)
        wrong_to = dossier("migrate-data", "--from", "sqlite:/tmp/x.db", "--to", "mysql://h/db")
        self.assertEqual(wrong_to.returncode, 1)
        self.assertIn("--to must be a postgresql:// URL", wrong_to.stderr)


if __name__ == "__main__":
    unittest.main()
