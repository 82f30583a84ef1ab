"""The suite side of the Chromium test toolkit (tests/browser, docs/testing-browser.md).

A browser suite subclasses BrowserTest: one demo practice and `dossier serve` (the harness's
DemoPracticeTest, on either backend) and one headless chromium for the whole class; each
test runs scenarios, small JavaScript modules under tests/browser/scenarios, each in a fresh
browser context against the running server, and asserts on the JSON they return. Screenshots
and downloads go under the test's output directory, which is kept after the run so that a
failed golden comparison can be looked at (its path is in the failure message).
"""
import json
import os
import select
import shutil
import struct
import subprocess
import tempfile
import unittest

from harness import BACKEND, DemoPracticeTest

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BROWSER_RUN = os.path.join(REPO, "scripts", "browser-run")
SCENARIOS = os.path.join(REPO, "tests", "browser", "scenarios")
GOLDENS = os.path.join(REPO, "tests", "browser", "golden")
# The first start installs the npm packages (scripts/browser-run); later starts take a second.
START_TIMEOUT = 600
# A whole scenario's limit, generous for a loaded CI machine; every wait inside has its own.
SCENARIO_TIMEOUT = 120


class ScenarioFailed(AssertionError):
    """A scenario step failed or a screenshot differs from its golden; `outcome` is the
    run's JSON (screenshots, downloads, axe results so far)."""

    def __init__(self, message, outcome):
        super().__init__(message)
        self.outcome = outcome


def output_root():
    """Where tests keep their screenshots and downloads: DOSSIER_TEST_OUTPUT, or a folder
    in the system's temporary directory."""
    return os.environ.get("DOSSIER_TEST_OUTPUT") or os.path.join(tempfile.gettempdir(), "dossier-test-output")


def png_size(path):
    """(width, height) from a PNG's header."""
    with open(path, "rb") as f:
        header = f.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError(f"{path} is not a PNG")
    return struct.unpack(">II", header[16:24])


class Chromium:
    """One headless chromium (scripts/browser-run serve) shared by the scenarios of a suite;
    each scenario still gets a browser context of its own, so tests share no cookies."""

    def __init__(self, log_path):
        self.log = open(log_path, "w")
        self.proc = subprocess.Popen([BROWSER_RUN, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.log, text=True)
        ready, _, _ = select.select([self.proc.stdout], [], [], START_TIMEOUT)
        line = self.proc.stdout.readline() if ready else ""
        if not line:
            self.close()
            with open(log_path) as f:
                said = f.read()[-2000:]
            raise AssertionError(f"chromium did not start ({log_path}):\n{said}")
        self.endpoint = json.loads(line)["ws"]

    def run(self, scenario, out_dir, base_url=None, params=None, timeout=SCENARIO_TIMEOUT):
        """Runs a scenario (a file name under tests/browser/scenarios, or a path) and returns
        its JSON; raises ScenarioFailed with the toolkit's message when it fails."""
        path = scenario if os.path.isabs(scenario) else os.path.join(SCENARIOS, scenario)
        args = [BROWSER_RUN, "scenario", path, "--out", out_dir, "--browser", self.endpoint,
                "--params", json.dumps(params or {}), "--timeout", str(timeout)]
        if base_url:
            args += ["--base-url", base_url]
        proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout + 30)
        try:
            outcome = json.loads(proc.stdout)
        except json.JSONDecodeError:
            raise AssertionError(f"{os.path.basename(path)} printed no result ({proc.returncode}): {proc.stderr}")
        if proc.returncode != 0:
            raise ScenarioFailed(f"{os.path.basename(path)}: {outcome.get('error')}\n(output in {out_dir})", outcome)
        return outcome

    def close(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def compare_images(actual, golden, diff, threshold=None, max_diff_fraction=None):
    """The toolkit's comparison of two PNGs: {match, reason, differing, fraction, diffPath}."""
    args = [BROWSER_RUN, "compare", actual, golden, diff]
    if threshold is not None:
        args += ["--threshold", str(threshold)]
    if max_diff_fraction is not None:
        args += ["--max-diff-fraction", str(max_diff_fraction)]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        raise AssertionError(proc.stderr)
    return json.loads(proc.stdout)


class BrowserTest(DemoPracticeTest):
    """A demo practice, its server and one chromium per class; `self.out_dir` per test."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        os.makedirs(output_root(), exist_ok=True)
        try:
            cls.chromium = Chromium(os.path.join(output_root(), f"chromium-{cls.__name__}-{BACKEND}.log"))
        except Exception:
            super().tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.chromium.close()
        super().tearDownClass()

    def setUp(self):
        self.out_dir = os.path.join(output_root(), BACKEND, self.id())
        shutil.rmtree(self.out_dir, ignore_errors=True)
        os.makedirs(self.out_dir)

    def scenario(self, file, /, *, timeout=SCENARIO_TIMEOUT, **params):
        """Runs scenario `file` with `params` against this class's server; returns its JSON
        outcome."""
        return self.chromium.run(file, self.out_dir, base_url=self.server.url, params=params, timeout=timeout)


def skip_when_updating_goldens(test):
    """For tests that must not run while goldens are rewritten (they would write a wrong one)."""
    return unittest.skipIf(os.environ.get("DOSSIER_UPDATE_GOLDENS") == "1", "goldens are being rewritten")(test)
