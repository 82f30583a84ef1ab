"""Signed download links: usable in a browser without a token for 24 hours (never past the
file's expiry), refused with 403 and an audit row when altered or expired, dead with the job."""
import time
import unittest
import urllib.parse

from harness import DemoPracticeTest, run_sql, signed_download_path, with_query


class SignedLinksTest(DemoPracticeTest):
    patients = 4

    def setUp(self):
        self.job = self.export("progress-report", {"patient_id": self.therapist["patient_ids"][0], "format": "json"},
                               self.therapist["token"])

    def link_parts(self, url):
        parsed = urllib.parse.urlparse(url)
        return parsed.path, dict(urllib.parse.parse_qsl(parsed.query))

    def sign(self, job_id, user_id, expires):
        return signed_download_path(self.data_dir, job_id, user_id, expires)

    def refusals(self):
        status, audit, _ = self.call("GET", f"/api/v1/export/audit?job_id={self.job['id']}&action=download_refused",
                                     token=self.admin)
        self.assertEqual(status, 200)
        return [e["metadata"]["reason"] for e in audit["entries"]]

    def test_the_link_works_without_a_token_for_a_day(self):
        path, query = self.link_parts(self.job["download_url"])
        self.assertEqual(set(query), {"expires", "user", "signature"})
        self.assertEqual(query["user"], self.therapist["user_id"])
        self.assertAlmostEqual(int(query["expires"]), time.time() + 24 * 3600, delta=120)
        status, doc, _ = self.call("GET", self.job["download_url"])
        self.assertEqual(status, 200, doc)
        self.assertEqual(doc["export"]["job_id"], self.job["id"])
        status, audit, _ = self.call("GET", f"/api/v1/export/audit?job_id={self.job['id']}&action=downloaded",
                                     token=self.admin)
        self.assertEqual([e["user_id"] for e in audit["entries"]], [self.therapist["user_id"]])

    def test_altered_links_are_refused_and_audited(self):
        path, query = self.link_parts(self.job["download_url"])
        other = self.other_therapist["user_id"]
        for changed in ({"signature": query["signature"][:-1] + ("0" if query["signature"][-1] != "0" else "1")},
                        {"user": other}, {"expires": str(int(query["expires"]) + 3600)}, {"signature": ""}):
            status, body, _ = self.call("GET", with_query(path, dict(query, **changed)))
            self.assertEqual(status, 403, changed)
            self.assertEqual(body["error"], "forbidden")
        self.assertEqual(self.refusals(), ["bad_signature"] * 4)
        status, audit, _ = self.call("GET", f"/api/v1/export/audit?job_id={self.job['id']}&action=download_refused",
                                     token=self.admin)
        self.assertTrue(all(e["user_id"] is None and e["ip_address"] == "127.0.0.1" for e in audit["entries"]))
        self.assertEqual(self.call("GET", path)[0], 401, "no link and no token")

    def test_an_expired_link_is_refused(self):
        status, body, _ = self.call("GET", self.sign(self.job["id"], self.therapist["user_id"], int(time.time()) - 5))
        self.assertEqual(status, 403)
        self.assertIn("expired", body["detail"])
        self.assertEqual(self.refusals(), ["link_expired"])

    def test_a_link_checks_the_users_rights_again(self):
        forged_for_other = self.sign(self.job["id"], self.other_therapist["user_id"], int(time.time()) + 600)
        self.assertEqual(self.call("GET", forged_for_other)[0], 404)

    def test_a_link_never_outlives_the_file(self):
        soon = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(time.time() + 3600))
        run_sql(self.data_dir, f"UPDATE export_jobs SET expires_at = '{soon}' WHERE id = '{self.job['id']}'")
        status, job, _ = self.call("GET", f"/api/v1/export/jobs/{self.job['id']}", token=self.therapist["token"])
        _, query = self.link_parts(job["download_url"])
        self.assertLessEqual(int(query["expires"]), time.time() + 3600 + 1)

    def test_a_link_dies_with_its_job(self):
        link = self.job["download_url"]
        status, _, _ = self.call("DELETE", f"/api/v1/export/jobs/{self.job['id']}", token=self.therapist["token"])
        self.assertEqual(status, 200)
        self.assertEqual(self.call("GET", link)[0], 404)


if __name__ == "__main__":
    unittest.main()
