"""Test harness for Dossier's end-to-end suites: real binary, real database, real HTTP.

Each suite starts `dossier serve` on a free loopback port over a fresh data directory
created by `dossier demo`, and talks to it with urllib. Nothing here mocks the service.

Every suite runs twice: on the embedded default (SQLite file and files in the data directory)
and, with DOSSIER_E2E_BACKEND=postgres, on scale-out (a PostgreSQL database and an S3 prefix of
their own per data directory, on the test servers `make test` starts: DOSSIER_TEST_POSTGRES_URL,
DOSSIER_TEST_S3_URL and DOSSIER_TEST_S3_DIR, the S3 server's storage directory).
"""
import hashlib
import hmac
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request
import uuid

BINARY = os.environ.get("DOSSIER_BIN", os.path.join(os.path.dirname(__file__), "../../build/dossier"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


BACKEND = os.environ.get("DOSSIER_E2E_BACKEND", "sqlite")
S3RVER_OBJECT_SUFFIX = "._S3rver_object"
_locations = {}


def _with_database(url, name):
    base, _, query = url.partition("?")
    return base.rsplit("/", 1)[0] + "/" + name + (("?" + query) if query else "")


def _with_prefix(url, prefix):
    base, _, query = url.partition("?")
    return base.rstrip("/") + "/" + prefix + (("?" + query) if query else "")


def location_env(data_dir):
    """The environment that puts the practice of `data_dir` where this run's backend keeps it:
    nothing to add on the embedded default; on scale-out, a new PostgreSQL database and S3
    prefix the first time a data directory is seen, the same ones after that."""
    if BACKEND != "postgres":
        return {}
    key = os.path.abspath(data_dir)
    if key not in _locations:
        for var in ("DOSSIER_TEST_POSTGRES_URL", "DOSSIER_TEST_S3_URL", "DOSSIER_TEST_S3_DIR"):
            if not os.environ.get(var):
                raise unittest.SkipTest(f"{var} is not set (make test starts the test servers)")
        name = "dossier_e2e_" + uuid.uuid4().hex
        subprocess.run(["psql", os.environ["DOSSIER_TEST_POSTGRES_URL"], "-qc", f"CREATE DATABASE {name}"],
                       check=True, capture_output=True, timeout=60)
        _locations[key] = {"DOSSIER_DATABASE_URL": _with_database(os.environ["DOSSIER_TEST_POSTGRES_URL"], name),
                           "DOSSIER_STORAGE_URL": _with_prefix(os.environ["DOSSIER_TEST_S3_URL"], name)}
    return _locations[key]


def process_env(data_dir):
    return dict(os.environ, **location_env(data_dir))


def _storage_root(data_dir):
    """The directory on disk that holds the practice's stored files, and the suffix the
    S3 server gives their names."""
    if BACKEND != "postgres":
        return os.path.join(data_dir, "files"), ""
    url = location_env(data_dir)["DOSSIER_STORAGE_URL"]
    bucket, prefix = url[len("s3://"):].partition("?")[0].split("/", 1)
    return os.path.join(os.environ["DOSSIER_TEST_S3_DIR"], bucket, prefix), S3RVER_OBJECT_SUFFIX


def stored_files(data_dir):
    """The keys of the export files stored for the practice of `data_dir`."""
    root, suffix = _storage_root(data_dir)
    if not os.path.isdir(root):
        return []
    return sorted(n[:len(n) - len(suffix)] for n in os.listdir(root)
                  if not n.startswith(".") and n.endswith(suffix))


def stored_file_path(data_dir, key):
    """Where the bytes stored under `key` lie on disk (in the data directory, or in the S3
    server's storage directory)."""
    root, suffix = _storage_root(data_dir)
    return os.path.join(root, key + suffix)


def run_sql(data_dir, statement):
    """Runs one SQL statement on the practice's database, behind Dossier's back: for tests
    that age a record or damage it."""
    if BACKEND != "postgres":
        with sqlite3.connect(os.path.join(data_dir, "dossier.db")) as db:
            db.execute(statement)
        return
    subprocess.run(["psql", location_env(data_dir)["DOSSIER_DATABASE_URL"], "-qc", statement],
                   check=True, capture_output=True, timeout=60)


def run_cli(*args, check=True):
    data_dir = args[args.index("--data-dir") + 1] if "--data-dir" in args else None
    env = process_env(data_dir) if data_dir else None
    proc = subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=300, env=env)
    if check and proc.returncode != 0:
        raise AssertionError(f"dossier {' '.join(args)} failed ({proc.returncode}): {proc.stderr}")
    return proc


class Server:
    """A running `dossier serve` over `data_dir`; stderr (JSON logs) goes to a file."""

    def __init__(self, data_dir, workers=2, lease_seconds=60, extra_args=(), env=None):
        """`env` replaces the environment that puts the practice on this run's backend."""
        self.data_dir = data_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(data_dir, f"serve-{self.port}-{time.monotonic_ns()}.log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [BINARY, "serve", "--data-dir", data_dir, "--listen", f"127.0.0.1:{self.port}",
             "--workers", str(workers), "--lease-seconds", str(lease_seconds), *extra_args],
            stdout=subprocess.DEVNULL, stderr=self.log, env=env or process_env(data_dir))
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                if request(self, "GET", "/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("server did not start")

    def alive(self):
        return self.proc.poll() is None

    def stop(self, sig=signal.SIGTERM):
        if self.alive():
            self.proc.send_signal(sig)
            self.proc.wait(timeout=30)
        self.log.close()

    def log_events(self):
        with open(self.log_path) as f:
            return [json.loads(line) for line in f if line.startswith("{")]


def request(server, method, path, body=None, token=None, raw=None, headers=None):
    """Returns (status, parsed JSON or raw bytes, response headers)."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(server.url + path, data=data, method=method)
    req.add_header("User-Agent", "dossier-e2e/1.0")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            status, payload, hdrs = resp.status, resp.read(), dict(resp.headers)
    except urllib.error.HTTPError as e:
        status, payload, hdrs = e.code, e.read(), dict(e.headers)
    ctype = hdrs.get("Content-Type", "")
    if ctype.startswith("application/json") and payload:
        return status, json.loads(payload), hdrs
    return status, payload, hdrs


def with_query(path, query):
    return path + "?" + urllib.parse.urlencode(query)


def signed_download_path(data_dir, job_id, user_id, expires):
    """A download link signed with the practice's secret, as Dossier signs them: how a test
    makes one that is genuinely expired, or outlives its file."""
    with open(os.path.join(data_dir, "keys", "links.secret")) as f:
        secret = bytes.fromhex(f.read().strip())
    message = f"download\n{job_id}\n{user_id}\n{expires}".encode()
    signature = hmac.new(secret, message, hashlib.sha256).hexdigest()
    return with_query(f"/api/v1/export/download/{job_id}",
                      {"expires": expires, "user": user_id, "signature": signature})


def wait_for_job(server, token, job_id, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        status, job, _ = request(server, "GET", f"/api/v1/export/jobs/{job_id}", token=token)
        assert status == 200, (status, job)
        if job["status"] in ("completed", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish")


class DemoPracticeTest(unittest.TestCase):
    """Base class: one demo practice and server for the whole test class."""

    patients = 20
    seed = 7
    workers = 2
    lease_seconds = 60

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="dossier-e2e-")
        cls.data_dir = os.path.join(cls.tmp, "var")
        run_cli("demo", "--data-dir", cls.data_dir, "--patients", str(cls.patients), "--seed", str(cls.seed))
        with open(os.path.join(cls.data_dir, "demo-tokens.json")) as f:
            cls.tokens = json.load(f)
        cls.admin = cls.tokens["admin"]["token"]
        cls.biller = cls.tokens["biller"]["token"]
        cls.therapist = cls.tokens["therapists"][0]
        cls.other_therapist = cls.tokens["therapists"][1]
        cls.server = Server(cls.data_dir, workers=cls.workers, lease_seconds=cls.lease_seconds)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def call(self, method, path, body=None, token=None, **kw):
        return request(self.server, method, path, body=body, token=token, **kw)

    def export(self, kind, body, token):
        status, accepted, headers = self.call("POST", f"/api/v1/export/{kind}", body, token)
        self.assertEqual(status, 202, accepted)
        self.assertEqual(accepted["status"], "pending")
        self.assertIn("estimated_completion", accepted)
        job = wait_for_job(self.server, token, accepted["job_id"])
        self.assertEqual(job["status"], "completed", job)
        return job

    def download(self, job, token):
        status, doc, headers = self.call("GET", job["download_url"], token=token)
        self.assertEqual(status, 200)
        return doc
