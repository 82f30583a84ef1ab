"""SIGKILL in the middle of a batch: after a restart every job completes, exactly once."""
import collections
import signal
import time
import unittest

from harness import DemoPracticeTest, Server, request, wait_for_job


class CrashRecoveryTest(DemoPracticeTest):
    patients = 60
    workers = 1
    lease_seconds = 2

    def test_killed_server_completes_every_job_once_after_restart(self):
        token = self.admin
        job_ids = []
        for i in range(120):
            patient = self.tokens["therapists"][i % 3]["patient_ids"][i % 20]
            status, accepted, _ = self.call("POST", "/api/v1/export/full-record",
                                            {"patient_id": patient, "format": "json",
                                             "include_sections": {"attachments": True}}, token)
            self.assertEqual(status, 202, accepted)
            job_ids.append(accepted["job_id"])
        time.sleep(0.2)
        first = self.server
        first.stop(signal.SIGKILL)
        first_events = first.log_events()
        done_before = {e["job_id"] for e in first_events if e["event"] == "job_completed"}
        self.assertLess(len(done_before), len(job_ids), "the batch finished before the kill; make it larger")
        print(f"\n{len(done_before)} of {len(job_ids)} jobs completed before SIGKILL")

        second = Server(self.data_dir, workers=2, lease_seconds=2)
        self.__class__.server = second
        for job_id in job_ids:
            job = wait_for_job(second, token, job_id, timeout=120)
            self.assertEqual(job["status"], "completed", job)
            status, doc, _ = request(second, "GET", job["download_url"], token=token)
            self.assertEqual(status, 200)
            self.assertEqual(doc["export"]["job_id"], job_id)
        completions = collections.Counter(
            e["job_id"] for e in first_events + second.log_events() if e["event"] == "job_completed")
        self.assertEqual(set(completions), set(job_ids))
        self.assertEqual(max(completions.values()), 1, completions.most_common(3))
        status, audit, _ = request(second, "GET", "/api/v1/export/audit?action=created&limit=200", token=token)
        created = collections.Counter(e["export_job_id"] for e in audit["entries"])
        self.assertTrue(all(created[j] == 1 for j in job_ids))


if __name__ == "__main__":
    unittest.main()
