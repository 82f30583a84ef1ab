"""Files past their expiry: the cleanup pass (`dossier cleanup`, and `serve` on start and every
hour) deletes them, the job shows as expired, a download gets 410, and the step is audited."""
import time
import unittest

from harness import DemoPracticeTest, Server, run_cli, run_sql, stored_files


class CleanupTest(DemoPracticeTest):
    patients = 3

    def export_json(self):
        return self.export("progress-report", {"patient_id": self.therapist["patient_ids"][0], "format": "json"},
                           self.therapist["token"])

    def age(self, job):
        run_sql(self.data_dir, f"UPDATE export_jobs SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = '{job['id']}'")

    def assert_expired(self, job):
        token = self.therapist["token"]
        status, shown, _ = self.call("GET", f"/api/v1/export/jobs/{job['id']}", token=token)
        self.assertEqual(status, 200)
        self.assertEqual(shown["status"], "expired")
        self.assertNotIn("download_url", shown)
        status, body, _ = self.call("GET", f"/api/v1/export/download/{job['id']}", token=token)
        self.assertEqual(status, 410, body)
        self.assertEqual(body["error"], "gone")
        self.assertEqual([f for f in stored_files(self.data_dir) if f.startswith(job["id"])], [])
        status, audit, _ = self.call("GET", f"/api/v1/export/audit?job_id={job['id']}&action=expired", token=self.admin)
        self.assertEqual(len(audit["entries"]), 1, audit)
        status, listing, _ = self.call("GET", "/api/v1/export/jobs?status=expired&limit=200", token=token)
        self.assertIn(job["id"], [j["id"] for j in listing["jobs"]])

    def test_the_cleanup_command_expires_what_is_past_its_expiry(self):
        old, fresh = self.export_json(), self.export_json()
        self.age(old)
        done = run_cli("cleanup", "--data-dir", self.data_dir)
        self.assertIn("Expired 1 exports", done.stdout)
        self.assert_expired(old)
        self.assertEqual(self.download(fresh, self.therapist["token"])["export"]["job_id"], fresh["id"])
        self.assertIn("Expired 0 exports", run_cli("cleanup", "--data-dir", self.data_dir).stdout)

    def test_serve_runs_the_pass_when_it_starts(self):
        job = self.export_json()
        self.age(job)
        self.server.stop()
        self.__class__.server = Server(self.data_dir)
        for _ in range(100):
            if not [f for f in stored_files(self.data_dir) if f.startswith(job["id"])]:
                break
            time.sleep(0.05)
        self.assert_expired(job)


if __name__ == "__main__":
    unittest.main()
