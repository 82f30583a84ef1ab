"""Signing in and out in Chromium (issue 11): the sign-in page and the Clients pages at 1280
and 390 px against their goldens and through axe-core; a form posted without its CSRF token
refused; sign-out and idle expiry both send the browser back to the sign-in page."""
import unittest

from browser import BrowserTest
from harness import Server

# What moves from day to day in a demo practice made relative to today: its dates.
CLIENT_DATES = ["table.clients td.nowrap"]
RECORD_DATES = [".facts", ".muted", "td.nowrap"]


class WebSessionTest(BrowserTest):
    patients = 6

    def test_the_sign_in_page(self):
        page = self.scenario("page_check.mjs", path="/", screenshot={"name": "web-sign-in"})["result"]
        self.assertEqual(page["h1"], ["Sign in"])

    def test_the_clients_list_and_a_client_at_both_widths(self):
        me = self.tokens["therapists"][0]
        listed = self.scenario("page_check.mjs", username=me["username"], password=me["password"],
                               path="/clients",
                               screenshot={"name": "web-clients", "options": {"mask": CLIENT_DATES}})
        self.assertEqual(listed["result"]["h1"], ["Clients"])
        shown = self.scenario("page_check.mjs", username=me["username"], password=me["password"],
                              path=f"/clients/{me['patient_ids'][0]}",
                              screenshot={"name": "web-client", "options": {"mask": RECORD_DATES}})
        status, patient, _ = self.call("GET", f"/api/v1/patients/{me['patient_ids'][0]}", token=me["token"])
        self.assertEqual(status, 200)
        self.assertIn(patient["given_name"], shown["result"]["h1"][0])
        self.assertEqual(shown["failedRequests"], [])

    def test_sign_out_and_a_forged_post(self):
        me = self.tokens["therapists"][1]
        out = self.scenario("session_end.mjs", username=me["username"], password=me["password"],
                            end="sign_out")["result"]
        self.assertEqual(out["forgedStatus"], 403)
        self.assertEqual(out["stillInStatus"], 200, "the forged post must not have signed anyone out")
        self.assertEqual((out["afterEnd"], out["landed"]), ("/", "/"))
        self.assertTrue(out["signInForm"])


class IdleExpiryTest(BrowserTest):
    patients = 2
    idle_seconds = 3

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server.stop()
        cls.server = Server(cls.data_dir, extra_args=("--session-idle-seconds", str(cls.idle_seconds)))

    def test_an_idle_session_ends(self):
        me = self.tokens["admin"]
        out = self.scenario("session_end.mjs", username=me["username"], password=me["password"],
                            end="idle", idle_ms=(self.idle_seconds + 2) * 1000)["result"]
        self.assertEqual(out["landed"], "/")
        self.assertTrue(out["signInForm"])
        self.assertIn("ended", out["notice"].lower())


if __name__ == "__main__":
    unittest.main()
