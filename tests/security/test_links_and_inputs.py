"""Signed download links and what an attacker can put in a request: a link altered anywhere,
expired, replayed after its job was deleted or its file cleaned up, or carried by someone else;
job ids that try to be paths (traversal, encoded, NUL, very long, non-ASCII, header injection)
on every route that takes one; bodies too large, framed to dodge the size limit (chunked,
compressed, without a length) or not JSON at all, on every route that takes one. Every refusal
is a 4xx in the one JSON error shape, never a file, and the server keeps serving.

CSV exports do not exist yet (issue 7). When they land, the formula-injection cases join this
suite: cells that start with = + - @ (and tab or carriage return) must reach a spreadsheet as
text, not as formulas.
"""
import gzip
import json
import time
import unittest
import urllib.parse

from attacker import (TINY_PNG, AttackerPracticeTest, raw_http, run_cli, run_sql, stored_files,
                      unknown_id, wait_for_job)
from harness import signed_download_path, with_query

MAX_BODY = 16 << 20  # serve's limit on a request body (src/http/server.h)
MAX_ASSET = 2 << 20  # a template asset's own limit (docs/templates.md)


class LinksAndInputsTest(AttackerPracticeTest):
    patients = 4

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.token = cls.therapist["token"]
        cls.patient_id = cls.therapist["patient_ids"][0]
        status, cls.openapi, _ = cls.api("GET", "/api/v1/openapi.json")
        assert status == 200

    def new_job(self, therapist=None):
        therapist = therapist or self.therapist
        status, accepted, _ = self.call("POST", "/api/v1/export/progress-report",
                                        {"patient_id": therapist["patient_ids"][0], "format": "json"}, therapist["token"])
        self.assertEqual(status, 202, accepted)
        job = wait_for_job(self.server, therapist["token"], accepted["job_id"])
        self.assertEqual(job["status"], "completed", job)
        return job

    @staticmethod
    def link_parts(url):
        parsed = urllib.parse.urlparse(url)
        return parsed.path, dict(urllib.parse.parse_qsl(parsed.query, keep_blank_values=True))

    def sign(self, job_id, user_id, expires):
        return signed_download_path(self.data_dir, job_id, user_id, expires)

    def refusals(self, job_id):
        status, audit, _ = self.call("GET", f"/api/v1/export/audit?job_id={job_id}&action=download_refused&limit=200",
                                     token=self.admin)
        self.assertEqual(status, 200, audit)
        return audit["entries"]

    def assert_refused(self, url, status, context, token=None):
        got, body, _ = self.call("GET", url, token=token)
        self.assertEqual(got, status, f"{context}: {body!r:.200}")
        self.assert_error_shape(got, body, context)
        return body

    def routes_with(self, parameter):
        for path, item in self.openapi["paths"].items():
            if "{" + parameter + "}" in path:
                for method in item:
                    if method in ("get", "post", "put", "patch", "delete"):
                        yield method.upper(), path

    def body_routes(self):
        """(method, path template, request body content types) of every route that takes a body."""
        for path, item in self.openapi["paths"].items():
            for method, operation in item.items():
                if method in ("post", "put", "patch") and "requestBody" in operation:
                    yield method.upper(), path, list(operation["requestBody"]["content"])

    # Signed links ------------------------------------------------------------------------

    def test_a_link_altered_in_any_character_or_parameter_is_refused(self):
        job, other_job = self.new_job(), self.new_job()
        link = job["download_url"]
        path, query = self.link_parts(link)
        before = len(self.refusals(job["id"]))
        signature, expires = query["signature"], int(query["expires"])
        self.assertRegex(signature, r"^[0-9a-f]{64}$")
        attempts = 0
        for i, c in enumerate(signature):
            changed = signature[:i] + ("0" if c != "0" else "1") + signature[i + 1:]
            self.assert_refused(with_query(path, dict(query, signature=changed)), 403, f"signature[{i}]")
            attempts += 1
        bad = [{"signature": signature[:-1]}, {"signature": signature + "0"}, {"signature": ""},
               {"expires": str(expires + 1)}, {"expires": str(expires - 1)}, {"expires": str(expires + 365 * 86400)},
               {"expires": "0"}, {"expires": "-1"}, {"expires": ""}, {"expires": "soon"}, {"expires": "9" * 30},
               {"expires": f"{expires}.0"}, {"expires": f" {expires}"},
               {"user": self.other_therapist["user_id"]}, {"user": self.tokens["admin"]["user_id"]},
               {"user": query["user"].upper()}, {"user": ""}]
        for change in bad:
            self.assert_refused(with_query(path, dict(query, **change)), 403, str(change))
            attempts += 1
        # The signature of one job does not open another of the same user.
        self.assert_refused(with_query(f"/api/v1/export/download/{other_job['id']}", query), 403, "other job")
        self.assertEqual(len(self.refusals(job["id"])) - before, attempts, "each refusal is audited")
        # None of it spent the link.
        status, doc, _ = self.call("GET", link)
        self.assertEqual(status, 200, doc)
        self.assertEqual(doc["export"]["job_id"], job["id"])
        self.assert_serving()

    def test_an_expired_link_is_refused_and_a_live_one_never_outlives_the_file(self):
        job = self.new_job()
        user = self.therapist["user_id"]
        for expires in (int(time.time()), int(time.time()) - 1, 1):
            body = self.assert_refused(self.sign(job["id"], user, expires), 403, f"expires={expires}")
            self.assertIn("expired", body["detail"])
        reasons = [e["metadata"]["reason"] for e in self.refusals(job["id"])]
        self.assertEqual(reasons, ["link_expired"] * 3)
        # A link signed for ten years still stops at the file's own expiry.
        decade = self.sign(job["id"], user, int(time.time()) + 10 * 365 * 86400)
        self.assertEqual(self.call("GET", decade)[0], 200)
        run_sql(self.data_dir, f"UPDATE export_jobs SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = '{job['id']}'")
        body = self.assert_refused(decade, 410, "past the file's expiry")
        self.assertEqual(body["error"], "gone")

    def test_a_link_replayed_after_its_job_is_deleted_serves_nothing(self):
        job = self.new_job()
        link = job["download_url"]
        self.assertTrue([k for k in stored_files(self.data_dir) if k.startswith(job["id"])])
        status, deleted, _ = self.call("DELETE", f"/api/v1/export/jobs/{job['id']}", token=self.token)
        self.assertEqual((status, deleted), (200, {"id": job["id"], "deleted": True}))
        self.assertEqual([k for k in stored_files(self.data_dir) if k.startswith(job["id"])], [],
                         "deleting a job removes its file")
        # README: a link is dead once its job is deleted; it answers as for a job that never was.
        replay = self.assert_refused(link, 404, "link after delete")
        never = self.assert_refused(f"/api/v1/export/download/{unknown_id()}", 404, "unknown job", token=self.token)
        self.assertEqual(replay, never)
        self.assertEqual(self.assert_refused(f"/api/v1/export/download/{job['id']}", 404, "token after delete",
                                             token=self.token), never)
        self.assertEqual(self.call("GET", f"/api/v1/export/download/{job['id']}", token=self.admin)[0], 404)

    def test_a_link_replayed_after_the_cleanup_pass_gets_410(self):
        job = self.new_job()
        link = job["download_url"]
        run_sql(self.data_dir, f"UPDATE export_jobs SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = '{job['id']}'")
        self.assertIn("Expired 1 exports", run_cli("cleanup", "--data-dir", self.data_dir).stdout)
        body = self.assert_refused(link, 410, "link after cleanup")
        self.assertEqual(body["error"], "gone")
        self.assertNotIn(job["id"], " ".join(stored_files(self.data_dir)))

    def test_a_link_is_bound_to_its_user_and_dies_with_their_account(self):
        job = self.new_job()
        other = self.other_therapist
        never = self.assert_refused(f"/api/v1/export/download/{unknown_id()}", 404, "unknown", token=other["token"])
        # Another therapist: with their own token, or with a link genuinely signed for them.
        self.assertEqual(self.assert_refused(f"/api/v1/export/download/{job['id']}", 404, "other's token",
                                             token=other["token"]), never)
        forged = self.sign(job["id"], other["user_id"], int(time.time()) + 600)
        self.assertEqual(self.assert_refused(forged, 404, "link for the other therapist"), never)
        self.assertEqual(self.assert_refused(self.sign(job["id"], self.tokens["biller"]["user_id"],
                                                       int(time.time()) + 600), 404, "link for the biller")["error"],
                         "not_found")
        self.assertEqual(self.assert_refused(self.sign(job["id"], unknown_id(), int(time.time()) + 600), 403,
                                             "link for no one")["error"], "forbidden")

        # The third therapist's account is deactivated: their link stops working at once.
        third = self.tokens["therapists"][2]
        theirs = self.new_job(third)
        path = f"/api/v1/users/{third['user_id']}"
        self.addCleanup(self.call, "PATCH", path, {"is_active": True}, self.admin)
        self.assertEqual(self.call("GET", theirs["download_url"])[0], 200)
        status, patched, _ = self.call("PATCH", path, {"is_active": False}, self.admin)
        self.assertEqual((status, patched["is_active"]), (200, False))
        self.assert_refused(theirs["download_url"], 403, "link of a deactivated user")
        self.assertEqual(self.call("GET", "/api/v1/export/jobs", token=third["token"])[0], 401)
        self.assertEqual(self.call("GET", job["download_url"])[0], 200, "other users' links are untouched")

    # Job ids that try to be something else -------------------------------------------------

    def junk_ids(self, job_id):
        return ["../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "%2e%2e", "..", ".", "%2F", "....//....//etc/passwd", "..\\..\\etc\\passwd",
                "%00", "abc%00def", f"{job_id}%00", f"{job_id}%00.json", f"{job_id}/../{job_id}",
                f"{job_id}-1.json", f"{job_id}-1", f"{job_id}.json", f"{job_id}%2f..%2f..%2fkeys",
                "a" * 300, "a" * 5000, "a" * 20000, "%C3%A9t%C3%A9", "%F0%9F%92%A3", "%ff%fe",
                "\u00e9t\u00e9", "%0d%0aX-Injected:%201", "'%20OR%20'1'='1", "1;DROP%20TABLE%20export_jobs",
                "%25", "*", "%2A", "%7Bjob_id%7D", "~root", "%5C..%5C..%5Cetc%5Cpasswd"]

    def test_junk_job_ids_get_a_json_4xx_and_never_a_file(self):
        job = self.new_job()
        routes = list(self.routes_with("job_id"))
        self.assertGreaterEqual(len(routes), 3, routes)
        with open("/etc/passwd", "rb") as f:
            passwd = f.read(32)
        checked = 0
        for method, template in routes:
            for junk in self.junk_ids(job["id"]):
                for query in ("", "?expires=99999999999&user=x&signature=" + "0" * 64):
                    if query and "download" not in template:
                        continue
                    target = template.replace("{job_id}", junk) + query
                    status, headers, body, parsed = raw_http(self.server, method, target,
                                                             {"Authorization": f"Bearer {self.token}"})
                    context = f"{method} {target[:120]}"
                    self.assertTrue(400 <= status < 500, f"{context}: {status} {body[:200]!r}")
                    answer = json.loads(body) if template.startswith("/fhir/") else parsed
                    if isinstance(answer, dict) and "resourceType" in answer:
                        # The FHIR API answers OperationOutcomes; a junk id that climbs out of
                        # /fhir/ ("../..") reaches the rest of the API and its JSON errors.
                        self.assertEqual(answer["resourceType"], "OperationOutcome", context)
                    else:
                        self.assert_error_shape(status, answer, context)
                    self.assertNotIn(passwd, body, context)
                    self.assertFalse(body.startswith(b"DSRENC"), f"{context}: served a stored file")
                    self.assertNotIn("X-Injected", headers, context)
                    checked += 1
        self.assertGreater(checked, 100)
        self.assert_serving()
        self.assertEqual(self.call("GET", f"/api/v1/export/download/{job['id']}", token=self.token)[0], 200)

    # Bodies ----------------------------------------------------------------------------------

    def fill(self, template, ids):
        for name, value in ids.items():
            template = template.replace("{" + name + "}", value)
        return template

    def real_ids(self):
        """Ids of real objects the admin may change, so that each route gets as far as its body."""
        status, t, _ = self.call("POST", "/api/v1/export/templates", {"copy_of": self.system_template()}, self.admin)
        self.assertEqual(status, 201, t)
        return {"id": t["id"], "name": "logo.png", "job_id": unknown_id(), "token_id": unknown_id()}

    def system_template(self):
        status, listing, _ = self.call("GET", "/api/v1/export/templates?export_type=progress_report", token=self.admin)
        return next(t["id"] for t in listing["templates"] if t["is_system"])

    def record_id(self, template):
        """A real object's id for /api/v1/{resource}/{id}; else the template's."""
        resource = template.split("/")[3]
        status, page, _ = self.call("GET", f"/api/v1/{resource}?limit=1", token=self.admin)
        if status == 200 and isinstance(page, dict) and page.get("items"):
            item = page["items"][0]
            return item["id"] if "id" in item else f"{item['patient_id']}:{item['user_id']}"
        return None

    def targets(self):
        """(method, concrete path, content type) of every route that takes a body."""
        ids = self.real_ids()
        out = []
        for method, template, types in self.body_routes():
            filled = dict(ids)
            if template.startswith("/api/v1/") and not template.startswith("/api/v1/export/") and "{id}" in template:
                filled["id"] = self.record_id(template) or ids["id"]
            out.append((method, self.fill(template, filled), types[0]))
        return out

    def test_oversized_bodies_get_413_on_every_route_that_takes_one(self):
        targets = self.targets()
        self.assertGreaterEqual(len(targets), 25, targets)
        for method, path, ctype in targets:
            body = b"{" + b" " * MAX_BODY + b"}"
            status, _, raw, parsed = raw_http(self.server, method, path, {
                "Authorization": f"Bearer {self.admin}", "Content-Type": ctype, "Content-Length": str(len(body))}, body)
            self.assertEqual(status, 413, f"{method} {path}: {raw[:200]!r}")
            self.assert_error_shape(status, parsed, path)
            self.assertEqual(parsed["error"], "payload_too_large")
        # An asset has a smaller limit of its own.
        asset = next(p for m, p, _ in targets if m == "PUT" and "/assets/" in p)
        big_png = TINY_PNG + b"\0" * MAX_ASSET
        status, body, _ = self.call("PUT", asset, token=self.admin, raw=big_png, headers={"Content-Type": "image/png"})
        self.assertEqual(status, 413, body)
        self.assertEqual([f["path"] for f in body["fields"]], ["body"])
        self.assert_serving()

    def test_bodies_framed_to_dodge_the_limit_are_refused_before_they_are_read(self):
        """httplib holds a body to the limit by its Content-Length only: a chunked body, a
        compressed one (inflated as it is read) or one without a length would be read whole."""
        gzip_bomb = gzip.compress(b" " * (MAX_BODY * 4), 9)
        self.assertLess(len(gzip_bomb), 1 << 20)
        for method, path, ctype in self.targets():
            base = {"Authorization": f"Bearer {self.admin}", "Content-Type": ctype}
            cases = [
                ("chunked", 411, {"Transfer-Encoding": "chunked"}, b"100000\r\n" + b" " * 0x100000 + b"\r\n"),
                ("gzip", 415, {"Content-Encoding": "gzip", "Content-Length": str(len(gzip_bomb))}, gzip_bomb),
                ("deflate", 415, {"Content-Encoding": "deflate", "Content-Length": "2"}, b"{}"),
                ("no length", 411, {}, b"{}"),
            ]
            for name, want, extra, body in cases:
                status, _, raw, parsed = raw_http(self.server, method, path, dict(base, **extra), body)
                context = f"{method} {path} ({name})"
                self.assertEqual(status, want, f"{context}: {raw[:200]!r}")
                self.assert_error_shape(status, parsed, context)
                self.assertEqual([f["path"] for f in parsed["fields"]], ["body"], context)
        self.assert_serving()

    def test_malformed_json_is_400_on_every_route_that_takes_json(self):
        """Bodies that are not JSON get 400 naming the body; JSON that is not what the route
        takes (not an object, absurdly nested or repetitive) gets a 4xx. Both in the error shape."""
        malformed = [b"{not json", b"", b"{", b'{"a":', b"[", b"\xff\xfe\x00{", b'{"a": 1e99999}',
                     b'{"a": "\xc3\x28"}', b'{"a": "\\ud800"}', b"{}{}", b'{"a": 1,}', b"{'a': 1}",
                     b'{"a": NaN}', b'\x00{"a": 1}', b'{"a": "' + b"x" * 1000 + b"\x01\"}"]
        odd = [b"null", b"[]", b'"text"', b"42", b"true", b"[" * 100000 + b"]" * 100000,
               b'{"a":' * 10000 + b"1" + b"}" * 10000, b"{" + b'"a": 1, ' * 50000 + b'"a": 1}']
        json_targets = [(m, p) for m, p, t in self.targets() if t == "application/json"]
        self.assertGreaterEqual(len(json_targets), 25)
        failures = []
        for method, path in json_targets:
            for body in malformed + odd:
                status, _, raw, parsed = raw_http(self.server, method, path, {
                    "Authorization": f"Bearer {self.admin}", "Content-Type": "application/json",
                    "Content-Length": str(len(body))}, body)
                shaped = isinstance(parsed, dict) and {"error", "detail"} <= set(parsed)
                if body in malformed:
                    ok = status == 400 and shaped and "body" in [f["path"] for f in parsed.get("fields", [])]
                else:
                    ok = 400 <= status < 500 and shaped
                if not ok:
                    failures.append(f"{method} {path} {body[:30]!r}: {status} {raw[:160]!r}")
        self.assertFalse(failures, "\n".join(failures[:30]))
        self.assert_serving()


if __name__ == "__main__":
    unittest.main()
