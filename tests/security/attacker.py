"""What the attacker's suites share: the end-to-end harness (tests/e2e, put on the import path
here so the suites also run by hand from this directory), a demo practice per test class served
without the rate limit (the suites send thousands of requests from one address; the limit has
its own test in tests/e2e/test_access.py), and a few probes."""
import http.client
import json
import os
import secrets
import socket
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from contextlib import closing

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "e2e"))

from harness import (BACKEND, DemoPracticeTest, Server, _storage_root, location_env,  # noqa: E402
                     process_env, request, run_cli, run_sql, stored_file_path, stored_files, wait_for_job)

# What the suites take from the harness, through here.
__all__ = ["AttackerPracticeTest", "TINY_PNG", "_storage_root", "made_up_token", "marker", "query_sql", "raw_http",
           "request", "run_cli", "run_sql", "stored_file_path", "stored_files", "unknown_id", "wait_for_job"]

# A PNG of one transparent pixel: the smallest image every asset route accepts.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")


def query_sql(data_dir, statement):
    """The rows of one SELECT on the practice's database, read behind Dossier's back (like
    harness.run_sql): lists of strings, None for NULL."""
    if BACKEND != "postgres":
        with closing(sqlite3.connect(os.path.join(data_dir, "dossier.db"))) as db:
            return [[None if v is None else str(v) for v in row] for row in db.execute(statement)]
    done = subprocess.run(["psql", location_env(data_dir)["DOSSIER_DATABASE_URL"], "-v", "ON_ERROR_STOP=1", "-tA",
                           "-F", "\x1f", "-P", "null=\x1e", "-c", statement],
                          check=True, capture_output=True, text=True, timeout=60)
    # Not splitlines(): it also splits at \x1e, the NULL marker.
    return [[None if v == "\x1e" else v for v in line.split("\x1f")] for line in done.stdout.split("\n") if line]


def marker(label):
    """A string that occurs nowhere but where a test put it: one word (letters and digits), so
    that no line of a document breaks inside it."""
    return "".join(c for c in label.title() if c.isalnum()) + secrets.token_hex(6)


def made_up_token():
    """A token of the right shape that Dossier never issued."""
    return "dsr_" + secrets.token_urlsafe(32)


def unknown_id():
    return str(uuid.uuid4())


def raw_http(server, method, target, headers=None, body=b"", timeout=60):
    """Sends a request exactly as given (a path urllib would refuse or rewrite, a body with any
    framing) on a connection of its own; returns (status, headers, body, JSON or None). A body
    the server refuses before reading it all is cut short: the answer is read all the same."""
    lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1", "Connection: close",
             *(f"{k}: {v}" for k, v in (headers or {}).items())]
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8", "surrogateescape")
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as sock:
        try:
            sock.sendall(head + body)
        except (BrokenPipeError, ConnectionResetError):
            pass
        response = http.client.HTTPResponse(sock)
        response.begin()
        payload = response.read()
        answer = dict(response.getheaders())
    parsed = None
    if answer.get("Content-Type", "").startswith("application/json") and payload:
        parsed = json.loads(payload)
    return response.status, answer, payload, parsed


class AttackerPracticeTest(DemoPracticeTest):
    """One demo practice and server per test class, like DemoPracticeTest, but the server runs
    with `server_args` (no rate limit by default) and, when `private_tmp` is set, with a TMPDIR
    of its own (`cls.server_tmp`), so a suite can look at every temporary file it wrote."""

    patients = 4
    server_args = ("--rate-limit", "0")
    private_tmp = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server.stop()
        env = process_env(cls.data_dir)
        if cls.private_tmp:
            cls.server_tmp = tempfile.mkdtemp(prefix="server-tmp-", dir=cls.tmp)
            env = dict(env, TMPDIR=cls.server_tmp)
        cls.server = Server(cls.data_dir, workers=cls.workers, lease_seconds=cls.lease_seconds,
                            extra_args=cls.server_args, env=env)

    @classmethod
    def api(cls, method, path, body=None, token=None, **kw):
        return request(cls.server, method, path, body=body, token=token, **kw)

    @classmethod
    def issue_token(cls, user_id):
        """A new token for `user_id` from `dossier token`: (secret, token id)."""
        proc = run_cli("token", "--data-dir", cls.data_dir, "--user-id", user_id)
        return proc.stdout.strip(), proc.stderr.split()[1]

    @classmethod
    def sessions_of(cls, patient_id, token=None):
        status, page, _ = cls.api("GET", f"/api/v1/sessions?patient_id={patient_id}&limit=200",
                                  token=token or cls.admin)
        assert status == 200, page
        return page["items"]

    @classmethod
    def plant_note(cls, token, session_id, text, kind="progress_note", transcript=None):
        """A new free-text note on `session_id`, written with `token`; returns it."""
        body = {"session_id": session_id, "kind": kind, "format": "free", "sections": {"text": text}}
        if transcript:
            body["transcript"] = transcript
        status, note, _ = cls.api("POST", "/api/v1/notes", body, token)
        assert status == 201, note
        return note

    def assert_error_shape(self, status, body, context=""):
        """The one JSON error shape: {"error": code, "detail": text, "fields": [{path, problem}]}."""
        self.assertGreaterEqual(status, 400, context)
        if not isinstance(body, dict):
            self.fail(f"{context}: not a JSON error: {str(body)[:200]}")
        self.assertIsInstance(body.get("error"), str, f"{context}: {body}")
        self.assertIsInstance(body.get("detail"), str, f"{context}: {body}")
        for field in body.get("fields", []):
            self.assertEqual(set(field), {"path", "problem"}, f"{context}: {body}")

    def assert_serving(self):
        self.assertTrue(self.server.alive(), "the server died")
        self.assertEqual(self.call("GET", "/healthz")[0], 200)
        status, _, _ = self.call("GET", "/api/v1/export/jobs?limit=1", token=self.admin)
        self.assertEqual(status, 200)
