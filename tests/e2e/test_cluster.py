"""Scale-out under fire: two API servers (`serve --no-worker`) and three `dossier worker`
processes on one PostgreSQL database and one S3 server. 300 exports are submitted across both
API servers while one worker is SIGKILLed mid-render and another is stopped and started again.
Every job completes exactly once, every file downloads through either server, and nothing is
left processing or stored twice."""
import collections
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

from harness import BACKEND, BINARY, Server, process_env, request, run_cli, stored_files, wait_for_job

JOBS = 300


class Worker:
    """A running `dossier worker`; stderr (JSON logs) goes to a file."""

    def __init__(self, data_dir, name, lease_seconds, env=None):
        self.log_path = os.path.join(data_dir, f"worker-{name}-{time.monotonic_ns()}.log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [BINARY, "worker", "--data-dir", data_dir, "--threads", "1",
             "--lease-seconds", str(lease_seconds), "--shutdown-grace-seconds", "10"],
            stdout=subprocess.DEVNULL, stderr=self.log, env=env or process_env(data_dir))

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=60)
        self.log.close()

    def in_flight(self):
        """Jobs this worker has started and not completed, by its log."""
        return ({e["job_id"] for e in self.events("job_processing")} -
                {e["job_id"] for e in self.events("job_completed")})

    def kill_mid_render(self):
        """SIGKILL while a render is under way: the worker is frozen (SIGSTOP) until its log
        shows a job in hand, so the kill cannot land between two jobs."""
        for _ in range(500):
            self.proc.send_signal(signal.SIGSTOP)
            if self.in_flight():
                self.stop(signal.SIGKILL)
                return
            self.proc.send_signal(signal.SIGCONT)
            time.sleep(0.01)
        raise AssertionError("the worker never had a job in hand")

    def events(self, name):
        with open(self.log_path) as f:
            return [e for e in (json.loads(line) for line in f if line.startswith("{")) if e["event"] == name]


@unittest.skipUnless(BACKEND == "postgres", "the cluster runs on PostgreSQL and S3")
class ClusterTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="dossier-cluster-")
        self.data_dir = os.path.join(self.tmp, "var")
        run_cli("demo", "--data-dir", self.data_dir, "--patients", "30", "--seed", "11")
        with open(os.path.join(self.data_dir, "demo-tokens.json")) as f:
            self.tokens = json.load(f)
        self.apis = [Server(self.data_dir, extra_args=["--no-worker"]) for _ in range(2)]
        self.workers = [Worker(self.data_dir, str(i), lease_seconds=2) for i in range(3)]

    def tearDown(self):
        for w in self.workers:
            w.stop(signal.SIGKILL)
        for api in self.apis:
            api.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def submit_all(self):
        jobs = {}
        therapists = self.tokens["therapists"]
        for i in range(JOBS):
            therapist = therapists[i % len(therapists)]
            patient = therapist["patient_ids"][i % len(therapist["patient_ids"])]
            kind, fmt = [("progress-report", "pdf"), ("full-record", "json"), ("treatment-summary", "docx")][i % 3]
            body = {"patient_id": patient, "format": fmt}
            status, accepted, _ = request(self.apis[i % 2], "POST", f"/api/v1/export/{kind}", body, therapist["token"])
            self.assertEqual(status, 202, accepted)
            jobs[accepted["job_id"]] = (therapist["token"], fmt)
        return jobs

    def completed(self):
        admin = self.tokens["admin"]["token"]
        status, page, _ = request(self.apis[0], "GET", "/api/v1/export/jobs?status=completed&limit=200", token=admin)
        self.assertEqual(status, 200, page)
        return len(page["jobs"])

    def audit_entries(self, action):
        admin = self.tokens["admin"]["token"]
        entries, cursor = [], None
        while True:
            path = f"/api/v1/export/audit?action={action}&limit=200" + (f"&cursor={cursor}" if cursor else "")
            status, page, _ = request(self.apis[1], "GET", path, token=admin)
            self.assertEqual(status, 200, page)
            entries += page["entries"]
            cursor = page["next_cursor"]
            if not cursor:
                return entries

    def wait_until(self, done, timeout, what):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if done():
                return
            time.sleep(0.1)
        self.fail(f"timed out waiting for {what}")

    def test_every_job_completes_once_through_kills_and_restarts(self):
        jobs = self.submit_all()
        self.wait_until(lambda: self.completed() >= 20, 120, "the first completions")
        killed = self.workers[0]
        killed.kill_mid_render()
        restarted = self.workers[1]
        restarted.stop(signal.SIGTERM)
        self.assertEqual(restarted.proc.returncode, 0)
        self.assertTrue(restarted.events("worker_stopped"))
        self.workers.append(Worker(self.data_dir, "1-again", lease_seconds=2))

        for i, (job_id, (token, fmt)) in enumerate(jobs.items()):
            deadline = time.time() + 300
            while True:
                status, job, _ = request(self.apis[i % 2], "GET", f"/api/v1/export/jobs/{job_id}", token=token)
                self.assertEqual(status, 200, job)
                if job["status"] not in ("pending", "processing"):
                    break
                self.assertLess(time.time(), deadline, f"job {job_id} did not finish")
                time.sleep(0.1)
            self.assertEqual(job["status"], "completed", job)
            status, body, headers = request(self.apis[(i + 1) % 2], "GET", job["download_url"], token=token)
            self.assertEqual(status, 200)
            if fmt == "json":
                self.assertEqual(body["export"]["job_id"], job_id)
            else:
                self.assertEqual(int(headers["Content-Length"]), len(body))
                self.assertTrue(body.startswith(b"%PDF-" if fmt == "pdf" else b"PK\x03\x04"))

        completions = self.audit_entries("completed")
        completed = collections.Counter(e["export_job_id"] for e in completions)
        self.assertEqual(set(completed), set(jobs))
        self.assertEqual(max(completed.values()), 1, completed.most_common(3))
        # The job the killed worker was rendering was finished by another, on a later attempt.
        interrupted = killed.in_flight()
        self.assertEqual(len(interrupted), 1, "the worker was killed mid-render")
        attempt = {e["export_job_id"]: e["metadata"]["attempt"] for e in completions}
        self.assertGreaterEqual(attempt[interrupted.pop()], 2)
        self.assertEqual(self.audit_entries("failed"), [])
        admin = self.tokens["admin"]["token"]
        for state in ("pending", "processing"):
            status, page, _ = request(self.apis[0], "GET", f"/api/v1/export/jobs?status={state}", token=admin)
            self.assertEqual(page["jobs"], [], state)
        stored = stored_files(self.data_dir)
        self.assertEqual(len(stored), len(jobs), "one file per job, none left by the killed worker")
        self.assertEqual({name.rsplit("-", 1)[0] for name in stored}, set(jobs))
        by_worker = {w.log_path: len(w.events("job_completed")) for w in self.workers}
        print(f"\ncompletions per worker process: {sorted(by_worker.values())}")
        self.assertGreater(sum(1 for n in by_worker.values() if n > 0), 2, by_worker)


@unittest.skipUnless(BACKEND == "postgres", "API and workers apart need PostgreSQL")
class SharedDataDirectoryTest(unittest.TestCase):
    """`serve --no-worker` and `worker` on one machine: PostgreSQL, and the files in the data
    directory they share."""

    def test_a_worker_beside_an_api_server_shares_the_local_files(self):
        tmp = tempfile.mkdtemp(prefix="dossier-shared-")
        data_dir = os.path.join(tmp, "var")
        env = {k: v for k, v in process_env(data_dir).items() if k != "DOSSIER_STORAGE_URL"}
        proc = subprocess.run([BINARY, "demo", "--data-dir", data_dir, "--patients", "3"],
                              capture_output=True, text=True, timeout=300, env=env)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(os.path.join(data_dir, "demo-tokens.json")) as f:
            therapist = json.load(f)["therapists"][0]
        api = Server(data_dir, extra_args=["--no-worker"], env=env)
        worker = Worker(data_dir, "local", lease_seconds=10, env=env)
        try:
            status, accepted, _ = request(api, "POST", "/api/v1/export/progress-report",
                                          {"patient_id": therapist["patient_ids"][0], "format": "pdf"},
                                          therapist["token"])
            self.assertEqual(status, 202, accepted)
            job = wait_for_job(api, therapist["token"], accepted["job_id"])
            self.assertEqual(job["status"], "completed", job)
            self.assertEqual(os.listdir(os.path.join(data_dir, "files")), [job["id"] + "-1.pdf"])
            status, body, _ = request(api, "GET", job["download_url"], token=therapist["token"])
            self.assertEqual(status, 200)
            self.assertTrue(body.startswith(b"%PDF-"))
            self.assertEqual([e["job_id"] for e in worker.events("job_completed")], [job["id"]])
        finally:
            worker.stop()
            api.stop()
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
