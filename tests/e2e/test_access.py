"""Access control: tokens that expire and can be revoked (at once), a rate limit per token that
answers 429 with Retry-After, HTTPS with --tls-cert/--tls-key, and an audit trail that also
records refused requests, previews and the signed links handed out."""
import calendar
import http.client
import os
import ssl
import subprocess
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request
import uuid

from harness import BINARY, DemoPracticeTest, Server, free_port, process_env, request, run_cli, run_sql


def timestamp_seconds(text):
    """Unix seconds of a Dossier timestamp ("2024-03-10T14:02:00.000Z")."""
    return calendar.timegm(time.strptime(text[:19], "%Y-%m-%dT%H:%M:%S"))


class AccessTest(DemoPracticeTest):
    patients = 4

    def setUp(self):
        self.patient_id = self.therapist["patient_ids"][0]

    def audit(self, **filters):
        status, page, _ = self.call("GET", "/api/v1/export/audit?" + urllib.parse.urlencode(dict(filters, limit=200)),
                                    token=self.admin)
        self.assertEqual(status, 200, page)
        return page["entries"]

    def issue(self, user_id, *extra):
        """A token from `dossier token`, with the id and expiry it reports on stderr."""
        proc = run_cli("token", "--data-dir", self.data_dir, "--user-id", user_id, *extra)
        secret = proc.stdout.strip()
        self.assertRegex(secret, r"^dsr_[A-Za-z0-9_-]+$")
        words = proc.stderr.split()
        self.assertEqual((words[0], words[2], words[3]), ("token", "expires", "at"), proc.stderr)
        return secret, words[1], words[4]

    def works(self, token):
        """Whether `token` is let in (every role may list its own jobs)."""
        return self.call("GET", "/api/v1/export/jobs", token=token)[0] == 200

    # Tokens ------------------------------------------------------------------------------

    def test_a_cli_token_expires_after_the_days_asked_and_then_gets_the_same_401(self):
        user = self.therapist["user_id"]
        secret, token_id, expires_at = self.issue(user, "--expires-days", "2", "--label", "laptop")
        self.assertAlmostEqual(timestamp_seconds(expires_at), time.time() + 2 * 86400, delta=120)
        _, _, default_expiry = self.issue(user)
        self.assertAlmostEqual(timestamp_seconds(default_expiry), time.time() + 90 * 86400, delta=120)
        self.assertTrue(self.works(secret))

        status, listing, _ = self.call("GET", f"/api/v1/auth/tokens?user_id={user}", token=self.admin)
        self.assertEqual(status, 200, listing)
        mine = next(t for t in listing["tokens"] if t["id"] == token_id)
        self.assertEqual(set(mine), {"id", "user_id", "label", "created_at", "expires_at", "revoked_at"})
        self.assertEqual((mine["user_id"], mine["label"], mine["expires_at"], mine["revoked_at"]),
                         (user, "laptop", expires_at, None))
        self.assertNotIn(secret[4:12], str(listing))

        run_sql(self.data_dir, f"UPDATE api_tokens SET expires_at = '2001-01-01T00:00:00.000Z' WHERE id = '{token_id}'")
        expired = self.call("GET", f"/api/v1/patients/{self.patient_id}", token=secret)
        made_up = self.call("GET", f"/api/v1/patients/{self.patient_id}", token="dsr_" + "x" * 43)
        self.assertEqual(expired[0], 401)
        self.assertEqual(expired[1], made_up[1], "an expired token is refused like any bad one")
        self.assertEqual(expired[2]["WWW-Authenticate"], "Bearer")

    def test_an_admin_lists_and_revokes_tokens_and_the_next_request_gets_401(self):
        user = self.therapist["user_id"]
        secret, token_id, _ = self.issue(user)
        for token in (self.therapist["token"], self.biller):
            self.assertEqual(self.call("GET", "/api/v1/auth/tokens", token=token)[0], 403)
            self.assertEqual(self.call("DELETE", f"/api/v1/auth/tokens/{token_id}", token=token)[0], 403)
        self.assertEqual(self.call("GET", "/api/v1/auth/tokens")[0], 401)
        self.assertTrue(self.works(secret))

        status, body, _ = self.call("DELETE", f"/api/v1/auth/tokens/{token_id}", token=self.admin)
        self.assertEqual((status, body), (204, b""))
        status, body, _ = self.call("GET", f"/api/v1/patients/{self.patient_id}", token=secret)
        self.assertEqual((status, body["error"]), (401, "unauthenticated"))
        self.assertTrue(self.works(self.therapist["token"]), "the user's other tokens still work")
        self.assertEqual(self.call("DELETE", f"/api/v1/auth/tokens/{token_id}", token=self.admin)[0], 204)

        status, listing, _ = self.call("GET", f"/api/v1/auth/tokens?user_id={user}&limit=200", token=self.admin)
        revoked = next(t for t in listing["tokens"] if t["id"] == token_id)
        self.assertIsNotNone(revoked["revoked_at"])
        for bad in (str(uuid.uuid4()), "not-a-token"):
            status, body, _ = self.call("DELETE", f"/api/v1/auth/tokens/{bad}", token=self.admin)
            self.assertEqual((status, body["error"]), (404, "not_found"))
        status, body, _ = self.call("GET", "/api/v1/auth/tokens?user_id=someone", token=self.admin)
        self.assertEqual((status, body["fields"][0]["path"]), (400, "user_id"))

    def test_the_cli_revokes_one_token_or_every_token_of_a_user(self):
        user = self.tokens["therapists"][2]["user_id"]
        first, first_id, _ = self.issue(user)
        second, _, _ = self.issue(user)
        proc = run_cli("token", "revoke", "--data-dir", self.data_dir, "--token-id", first_id)
        self.assertIn(first_id, proc.stdout)
        self.assertFalse(self.works(first))
        self.assertTrue(self.works(second))
        proc = run_cli("token", "revoke", "--data-dir", self.data_dir, "--user-id", user)
        self.assertIn("revoked 2 token(s)", proc.stdout)  # the second and the demo token
        self.assertFalse(self.works(second))
        self.assertFalse(self.works(self.tokens["therapists"][2]["token"]))

        unknown = run_cli("token", "revoke", "--data-dir", self.data_dir, "--token-id", str(uuid.uuid4()), check=False)
        self.assertEqual(unknown.returncode, 1, unknown.stderr)
        for args in ([], ["--token-id", first_id, "--user-id", user]):
            proc = run_cli("token", "revoke", "--data-dir", self.data_dir, *args, check=False)
            self.assertEqual(proc.returncode, 2, proc.stderr)
            self.assertEqual(len(proc.stderr.strip().splitlines()), 1, proc.stderr)
        for args in ([], ["--user-id", user, "--expires-days", "0"]):
            proc = run_cli("token", "--data-dir", self.data_dir, *args, check=False)
            self.assertEqual(proc.returncode, 2, proc.stderr)

    # Rate limit --------------------------------------------------------------------------

    def test_a_token_over_the_limit_gets_429_with_retry_after(self):
        limited = Server(self.data_dir, extra_args=["--no-worker", "--rate-limit", "3"])
        try:
            path = f"/api/v1/patients/{self.patient_id}"
            token = self.therapist["token"]
            self.assertEqual([request(limited, "GET", path, token=token)[0] for _ in range(3)], [200] * 3)
            status, body, headers = request(limited, "GET", path, token=token)
            self.assertEqual((status, body["error"]), (429, "rate_limited"))
            # Three a minute: the next one is a third of a minute away.
            self.assertIn(int(headers["Retry-After"]), range(15, 21))
            self.assertEqual(headers["X-Content-Type-Options"], "nosniff")
            self.assertEqual(request(limited, "GET", path, token=self.admin)[0], 200, "each token has its own")
            # Without a valid token the address is counted; the start-up probe took one.
            answers = [request(limited, "GET", path, token="dsr_guess")[0] for _ in range(3)]
            self.assertEqual(answers, [401, 401, 429])
            self.assertEqual(request(limited, "GET", "/healthz")[0], 429)
        finally:
            limited.stop()

    # TLS ---------------------------------------------------------------------------------

    def make_certificate(self):
        cert, key = os.path.join(self.tmp, "cert.pem"), os.path.join(self.tmp, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                        "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                       check=True, capture_output=True, timeout=60)
        return cert, key

    def test_serve_with_tls_answers_https_only(self):
        cert, key = self.make_certificate()
        port = free_port()
        log = open(os.path.join(self.tmp, "tls-serve.log"), "w")
        proc = subprocess.Popen([BINARY, "serve", "--data-dir", self.data_dir, "--listen", f"127.0.0.1:{port}",
                                 "--no-worker", "--tls-cert", cert, "--tls-key", key],
                                stdout=subprocess.DEVNULL, stderr=log, env=process_env(self.data_dir))
        context = ssl.create_default_context(cafile=cert)

        def https(path, token=None):
            req = urllib.request.Request(f"https://127.0.0.1:{port}{path}")
            if token:
                req.add_header("Authorization", f"Bearer {token}")
            with urllib.request.urlopen(req, context=context, timeout=10) as resp:
                return resp.status, resp.read(), dict(resp.headers)

        try:
            deadline = time.time() + 20
            while True:
                try:
                    self.assertEqual(https("/healthz")[0], 200)
                    break
                except (OSError, http.client.HTTPException):
                    self.assertLess(time.time(), deadline, "the HTTPS server did not start")
                    time.sleep(0.05)
            status, body, headers = https(f"/api/v1/patients/{self.patient_id}", self.therapist["token"])
            self.assertEqual(status, 200)
            self.assertIn(b'"given_name"', body)
            self.assertEqual(headers["Strict-Transport-Security"], "max-age=31536000")
            with self.assertRaises((OSError, http.client.HTTPException)):
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10).read()
            with self.assertRaises(urllib.error.URLError) as untrusted:
                urllib.request.urlopen(f"https://127.0.0.1:{port}/healthz", timeout=10,
                                       context=ssl.create_default_context()).read()
            self.assertIsInstance(untrusted.exception.reason, ssl.SSLCertVerificationError)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            log.close()

    def test_tls_flags_come_together_and_must_load(self):
        cert, key = self.make_certificate()
        garbage = os.path.join(self.tmp, "garbage.pem")
        with open(garbage, "w") as f:
            f.write("not a certificate\n")
        base = ["serve", "--data-dir", self.data_dir, "--listen", f"127.0.0.1:{free_port()}", "--no-worker"]
        cases = [(["--tls-cert", cert], "--tls-key"),
                 (["--tls-key", key], "--tls-cert"),
                 (["--tls-cert", os.path.join(self.tmp, "missing.pem"), "--tls-key", key], "cannot read"),
                 (["--tls-cert", garbage, "--tls-key", key], "cannot be loaded"),
                 (["--tls-cert", key, "--tls-key", cert], "cannot be loaded")]
        for extra, words in cases:
            proc = run_cli(*base, *extra, check=False)
            self.assertEqual(proc.returncode, 2, (extra, proc.stderr))
            self.assertEqual(len(proc.stderr.strip().splitlines()), 1, proc.stderr)
            self.assertIn(words, proc.stderr)

    # Audit -------------------------------------------------------------------------------

    def test_a_signed_link_handed_out_is_audited_once_per_user(self):
        job = self.export("progress-report", {"patient_id": self.patient_id, "format": "json"},
                          self.therapist["token"])
        for _ in range(3):
            self.assertEqual(self.call("GET", f"/api/v1/export/jobs/{job['id']}", token=self.therapist["token"])[0], 200)
        self.assertEqual(self.call("GET", "/api/v1/export/jobs", token=self.therapist["token"])[0], 200)
        shared = self.audit(job_id=job["id"], action="shared")
        self.assertEqual(len(shared), 1, shared)
        entry = shared[0]
        self.assertEqual((entry["user_id"], entry["patient_id"], entry["ip_address"], entry["user_agent"]),
                         (self.therapist["user_id"], self.patient_id, "127.0.0.1", "dossier-e2e/1.0"))
        expires = dict(urllib.parse.parse_qsl(urllib.parse.urlparse(job["download_url"]).query))["expires"]
        self.assertEqual(timestamp_seconds(entry["metadata"]["link_expires_at"]), int(expires))

        self.assertEqual(self.call("GET", f"/api/v1/export/jobs/{job['id']}", token=self.admin)[0], 200)
        users = sorted(e["user_id"] for e in self.audit(job_id=job["id"], action="shared"))
        self.assertEqual(users, sorted([self.therapist["user_id"], self.tokens["admin"]["user_id"]]))

    def test_refused_requests_of_a_known_caller_are_audited_with_what_they_asked_for(self):
        job = self.export("progress-report", {"patient_id": self.patient_id, "format": "json"},
                          self.therapist["token"])
        other = self.other_therapist
        before = len(self.audit(action="access_refused"))
        missing = str(uuid.uuid4())
        attempts = [("GET", f"/api/v1/export/jobs/{job['id']}", None, 404, "read_job", job["id"], None),
                    ("DELETE", f"/api/v1/export/jobs/{job['id']}", None, 404, "delete_job", job["id"], None),
                    ("GET", f"/api/v1/export/download/{job['id']}", None, 404, "download", job["id"], None),
                    ("GET", f"/api/v1/export/jobs/{missing}", None, 404, "read_job", missing, None),
                    ("GET", "/api/v1/export/jobs/not-a-job", None, 404, "read_job", "not-a-job", None),
                    ("POST", "/api/v1/export/full-record", {"patient_id": self.patient_id, "format": "json"},
                     404, "create_export", None, self.patient_id)]
        for method, path, body, status, *_ in attempts:
            self.assertEqual(self.call(method, path, body, other["token"])[0], status, path)
        status, _, _ = self.call("POST", "/api/v1/export/full-record", {"patient_id": self.patient_id, "format": "json"},
                                 self.biller)
        self.assertEqual(status, 403)
        # Without a known caller there is no one to record: a 401 adds nothing.
        self.assertEqual(self.call("GET", f"/api/v1/export/jobs/{job['id']}", token="dsr_guess")[0], 401)

        refused = self.audit(action="access_refused")
        self.assertEqual(len(refused), before + len(attempts) + 1)
        mine = list(reversed(self.audit(action="access_refused", user_id=other["user_id"])))[-len(attempts):]
        for entry, (_, _, _, status, operation, job_id, patient_id) in zip(mine, attempts):
            self.assertEqual(entry["metadata"], {"operation": operation, "status": status,
                                                 "job_id": job_id, "patient_id": patient_id})
            self.assertEqual((entry["ip_address"], entry["user_agent"]), ("127.0.0.1", "dossier-e2e/1.0"))
            real_job = job_id == job["id"]
            self.assertEqual(entry["export_job_id"], job["id"] if real_job else None)
            self.assertEqual(entry["patient_id"], self.patient_id if real_job or patient_id else None)
        biller = self.audit(action="access_refused", user_id=self.tokens["biller"]["user_id"])[0]
        self.assertEqual((biller["metadata"]["status"], biller["metadata"]["operation"]), (403, "create_export"))
        # Refusals of a real job show in its own trail.
        self.assertEqual(len(self.audit(job_id=job["id"], action="access_refused")), 3)
        self.assertTrue(self.call("GET", "/api/v1/export/audit/verify", token=self.admin)[1]["ok"])

    def test_a_preview_is_audited(self):
        status, listing, _ = self.call("GET", "/api/v1/export/templates?export_type=progress_report",
                                       token=self.therapist["token"])
        template_id = listing["templates"][0]["id"]
        path = f"/api/v1/export/templates/{template_id}/preview"
        status, html, _ = self.call("POST", path, {"patient_id": self.patient_id, "format": "html"},
                                    self.therapist["token"])
        self.assertEqual(status, 200)
        previews = self.audit(action="previewed", patient_id=self.patient_id)
        self.assertEqual(len(previews), 1, previews)
        self.assertEqual((previews[0]["user_id"], previews[0]["export_job_id"], previews[0]["ip_address"]),
                         (self.therapist["user_id"], None, "127.0.0.1"))
        self.assertEqual(previews[0]["metadata"], {"template_id": template_id, "export_type": "progress_report",
                                                   "format": "html"})

        other = self.other_therapist
        self.assertEqual(self.call("POST", path, {"patient_id": self.patient_id, "format": "pdf"}, other["token"])[0], 404)
        self.assertEqual(len(self.audit(action="previewed", patient_id=self.patient_id)), 1)
        refused = self.audit(action="access_refused", user_id=other["user_id"], patient_id=self.patient_id)
        self.assertEqual(refused[0]["metadata"], {"operation": "preview", "status": 404, "job_id": None,
                                                  "patient_id": self.patient_id})


if __name__ == "__main__":
    unittest.main()
