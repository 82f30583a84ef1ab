"""The export audit log is a hash chain: admins verify it over HTTP or with `dossier audit verify`,
and a row edited behind Dossier's back is named, by id, by both."""
import os
import sqlite3
import subprocess
import unittest
import uuid
from contextlib import closing

from harness import BACKEND, DemoPracticeTest, location_env, run_cli


class AuditChainTest(DemoPracticeTest):
    patients = 4

    def edit_row(self, assignment, row_id):
        """UPDATE export_audit_log SET `assignment` on one row, behind the running server's back."""
        statement = f"UPDATE export_audit_log SET {assignment} WHERE id = '{uuid.UUID(row_id)}'"
        if BACKEND == "postgres":
            url = location_env(self.data_dir)["DOSSIER_DATABASE_URL"]
            done = subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-tAc", statement],
                                  check=True, capture_output=True, text=True, timeout=60)
            self.assertEqual(done.stdout.strip(), "UPDATE 1")
            return
        with closing(sqlite3.connect(os.path.join(self.data_dir, "dossier.db"))) as db, db:
            self.assertEqual(db.execute(statement).rowcount, 1)

    def exports_with_downloads(self, n):
        token = self.therapist["token"]
        jobs = []
        for patient_id in self.therapist["patient_ids"][:n]:
            job = self.export("full-record", {"patient_id": patient_id, "format": "json"}, token)
            self.download(job, token)
            jobs.append(job)
        return jobs

    def verify(self):
        status, report, _ = self.call("GET", "/api/v1/export/audit/verify", token=self.admin)
        self.assertEqual(status, 200, report)
        return report

    def test_only_admins_verify(self):
        for token in (self.therapist["token"], self.biller):
            status, body, _ = self.call("GET", "/api/v1/export/audit/verify", token=token)
            self.assertEqual(status, 403, body)
            self.assertEqual(body["error"], "forbidden")
        self.assertEqual(self.call("GET", "/api/v1/export/audit/verify")[0], 401)

    def test_an_edited_row_is_named_by_the_endpoint_and_the_cli(self):
        jobs = self.exports_with_downloads(2)
        report = self.verify()
        self.assertTrue(report["ok"], report)
        self.assertIsNone(report["first_broken"])
        status, listing, _ = self.call("GET", "/api/v1/export/audit?limit=200", token=self.admin)
        self.assertEqual(status, 200)
        self.assertEqual(report["rows_checked"], len(listing["entries"]))
        self.assertGreaterEqual(report["rows_checked"], 6)  # created, completed, downloaded each
        self.assertEqual(report["last_verified"]["seq"], report["rows_checked"])
        cli = run_cli("audit", "verify", "--data-dir", self.data_dir)
        self.assertIn("intact", cli.stdout)
        self.assertIn(report["last_verified"]["row_hash"], cli.stdout)

        status, audit, _ = self.call("GET", f"/api/v1/export/audit?job_id={jobs[0]['id']}", token=self.admin)
        downloaded = next(e for e in audit["entries"] if e["action"] == "downloaded")
        self.edit_row("action = 'deleted'", downloaded["id"])

        report = self.verify()
        self.assertFalse(report["ok"], report)
        broken = report["first_broken"]
        self.assertEqual(broken["id"], downloaded["id"])
        self.assertEqual(broken["problem"], "altered")
        self.assertEqual(report["rows_checked"], broken["seq"])
        self.assertEqual(report["last_verified"]["seq"], broken["seq"] - 1)
        cli = run_cli("audit", "verify", "--data-dir", self.data_dir, check=False)
        self.assertEqual(cli.returncode, 1, cli.stderr)
        self.assertIn(downloaded["id"], cli.stderr)
        self.assertIn(f"seq {broken['seq']}", cli.stderr)
        self.assertIn("altered", cli.stderr)

        # Exports go on, appending after the damage; verify keeps naming the same row.
        self.exports_with_downloads(1)
        self.assertEqual(self.verify()["first_broken"], broken)


if __name__ == "__main__":
    unittest.main()
