"""The command-line contract that scripts rely on."""
import json
import os
import shutil
import tempfile
import unittest

from harness import Server, request, run_cli


class CliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="dossier-cli-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_help_on_every_subcommand(self):
        for sub in ([], ["demo"], ["serve"], ["worker"], ["migrate"], ["migrate-data"], ["keys"], ["keys", "rotate"],
                    ["import"], ["token"]):
            proc = run_cli(*sub, "--help")
            self.assertEqual(proc.returncode, 0)
            self.assertIn("Usage", proc.stdout)

    def test_usage_errors_are_one_line_and_exit_2(self):
        for args in (["demo", "--data-dir", self.tmp, "--bogus"], ["demo", "--data-dir", self.tmp, "--patients", "zero"],
                     ["demo", "--data-dir", self.tmp, "--patients", "0"], ["serve"], ["nonsense"],
                     ["serve", "--data-dir", self.tmp, "--listen", "nowhere"], ["serve", "--data-dir", self.tmp, "--workers", "-1"]):
            proc = run_cli(*args, check=False)
            self.assertEqual(proc.returncode, 2, args)
            self.assertEqual(len(proc.stderr.strip().splitlines()), 1, proc.stderr)
            self.assertTrue(proc.stderr.startswith("dossier: "), proc.stderr)

    def test_demo_writes_tokens_and_refuses_an_existing_practice(self):
        d = os.path.join(self.tmp, "var")
        run_cli("demo", "--data-dir", d, "--patients", "5", "--seed", "3")
        with open(os.path.join(d, "demo-tokens.json")) as f:
            tokens = json.load(f)
        self.assertEqual(set(tokens), {"admin", "biller", "therapists"})
        self.assertEqual(set(tokens["admin"]), {"user_id", "token", "username", "password"})
        self.assertEqual(sum(len(t["patient_ids"]) for t in tokens["therapists"]), 5)
        for t in tokens["therapists"]:
            self.assertEqual(set(t), {"user_id", "name", "token", "patient_ids", "username", "password"})
        self.assertEqual(os.stat(os.path.join(d, "demo-tokens.json")).st_mode & 0o077, 0)
        again = run_cli("demo", "--data-dir", d, check=False)
        self.assertEqual(again.returncode, 1)
        self.assertIn("already", again.stderr)

    def test_serve_answers_healthz_and_openapi(self):
        d = os.path.join(self.tmp, "var")
        run_cli("demo", "--data-dir", d, "--patients", "2")
        server = Server(d)
        try:
            status, body, _ = request(server, "GET", "/healthz")
            self.assertEqual((status, body), (200, {"status": "ok"}))
            status, doc, _ = request(server, "GET", "/api/v1/openapi.json")
            self.assertEqual(status, 200)
            self.assertIn("/api/v1/export/full-record", doc["paths"])
        finally:
            server.stop()
        self.assertEqual(server.proc.returncode, 0)

    def test_import_rejects_what_is_not_a_full_record(self):
        bad = os.path.join(self.tmp, "bad.json")
        with open(bad, "w") as f:
            json.dump({"tables": {"patients": []}}, f)
        proc = run_cli("import", "--data-dir", os.path.join(self.tmp, "var"), bad, check=False)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("format_version", proc.stderr)


if __name__ == "__main__":
    unittest.main()
