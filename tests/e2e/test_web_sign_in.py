"""The web pages over HTTP, as a browser without JavaScript uses them: signing in with a demo
password (cookie flags, one answer for every wrong username or password, throttling, audit),
CSRF tokens on every form, signing out, idle expiry, the cookie never standing in for an API
token, the Clients pages showing exactly what the caller may see (a biller never a note), the
pages' security headers, and `dossier user set-password`."""
import http.cookiejar
import json
import re
import subprocess
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

from harness import BINARY, DemoPracticeTest, Server, process_env

WRONG = "That username and password do not match an account."


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hands 3xx answers back as they are, so tests see the Location and cookies of each."""

    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One browser: its own cookies, forms posted as application/x-www-form-urlencoded."""

    def __init__(self, server):
        self.server = server
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def open(self, method, path, fields=None, headers=None):
        """(status, body text, headers) of one request."""
        data = urllib.parse.urlencode(fields).encode() if fields is not None else None
        req = urllib.request.Request(self.server.url + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/x-www-form-urlencoded")
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with self.opener.open(req, timeout=30) as resp:
                return resp.status, resp.read().decode(), resp.headers
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(), e.headers

    def get(self, path, **kw):
        return self.open("GET", path, **kw)

    def post(self, path, fields, **kw):
        return self.open("POST", path, fields=fields, **kw)

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)

    def sign_in(self, username, password):
        status, page, _ = self.get("/")
        assert status == 200, status
        return self.post("/sign-in", {"csrf_token": csrf_of(page), "username": username, "password": password})


def csrf_of(html):
    match = re.search(r'name="csrf_token" value="([^"]*)"', html)
    return match.group(1) if match else None


def client_links(html):
    return re.findall(r'href="/clients/([0-9a-f-]{36})"', html)


class WebSignInTest(DemoPracticeTest):
    patients = 30  # more than a page of clients (25) for the admin

    def signed_in(self, user, server=None):
        browser = Browser(server or self.server)
        status, _, headers = browser.sign_in(user["username"], user["password"])
        self.assertEqual(status, 303)
        self.assertEqual(headers["Location"], "/clients")
        return browser

    def api_list(self, path, token):
        items, cursor = [], None
        while True:
            query = {"limit": 200, **({"cursor": cursor} if cursor else {})}
            status, page, _ = self.call("GET", path + ("&" if "?" in path else "?") + urllib.parse.urlencode(query),
                                        token=token)
            self.assertEqual(status, 200, page)
            items += page["items"]
            cursor = page["next_cursor"]
            if not cursor:
                return items

    def audit(self, **filters):
        status, page, _ = self.call("GET", "/api/v1/export/audit?" + urllib.parse.urlencode(dict(filters, limit=200)),
                                    token=self.admin)
        self.assertEqual(status, 200, page)
        return page["entries"]

    def test_demo_users_have_usernames_and_passwords(self):
        users = [self.tokens["admin"], self.tokens["biller"], *self.tokens["therapists"]]
        self.assertEqual(self.tokens["admin"]["username"], "admin")
        self.assertEqual(self.tokens["biller"]["username"], "biller")
        self.assertEqual(len({u["username"] for u in users}), len(users))
        for user in users:
            self.assertRegex(user["username"], r"^[a-z0-9._-]+$")
            self.assertGreaterEqual(len(user["password"]), 12)

    def test_sign_in_sets_a_session_cookie_with_the_right_flags_and_is_audited(self):
        browser = Browser(self.server)
        status, page, headers = browser.get("/")
        self.assertEqual(status, 200)
        self.assertIn('<label for="password">Password</label>', page)
        status, _, headers = browser.post("/sign-in", {"csrf_token": csrf_of(page),
                                                       "username": self.therapist["username"].upper(),
                                                       "password": self.therapist["password"]})
        self.assertEqual(status, 303)
        self.assertEqual(headers["Location"], "/clients")
        session = [c for c in headers.get_all("Set-Cookie") if c.startswith("dossier_session=")]
        self.assertEqual(len(session), 1, headers.get_all("Set-Cookie"))
        flags = [f.strip() for f in session[0].split(";")[1:]]
        self.assertCountEqual(flags, ["Path=/", "HttpOnly", "SameSite=Strict"])  # no Secure over http
        status, page, _ = browser.get("/clients")
        self.assertEqual(status, 200)
        self.assertIn("Signed in as <strong>", page)
        self.assertIn("(therapist)", page)
        self.assertEqual(browser.get("/")[2]["Location"], "/clients")
        signed_in = self.audit(action="signed_in", user_id=self.therapist["user_id"])
        self.assertTrue(signed_in)
        self.assertEqual(signed_in[0]["ip_address"], "127.0.0.1")

    def test_a_wrong_password_gets_the_same_page_as_an_unknown_user(self):
        browser = Browser(self.server)
        _, page, _ = browser.get("/")
        token = csrf_of(page)
        wrong = browser.post("/sign-in", {"csrf_token": token, "username": self.other_therapist["username"],
                                          "password": "not the password at all"})
        unknown = browser.post("/sign-in", {"csrf_token": token, "username": "nobody.here",
                                            "password": self.other_therapist["password"]})
        self.assertEqual(wrong[0], unknown[0])
        self.assertEqual(wrong[1], unknown[1])
        self.assertIn(WRONG, wrong[1])
        self.assertIsNone(browser.cookie("dossier_session"))
        failed = self.audit(action="sign_in_failed")
        mine = [e for e in failed if e["user_id"] == self.other_therapist["user_id"]]
        self.assertTrue(mine)
        self.assertEqual(mine[0]["metadata"]["reason"], "wrong_credentials")
        self.assertTrue(any(e["user_id"] is None for e in failed))
        self.assertNotIn("nobody.here", json.dumps(failed))

    def test_repeated_failures_are_throttled_even_for_the_right_password(self):
        user = self.tokens["therapists"][2]
        browser = Browser(self.server)
        for i in range(5):
            status, page, _ = browser.sign_in(user["username"], f"wrong guess number {i}")
            self.assertEqual(status, 200)
            self.assertIn(WRONG, page)
        status, page, _ = browser.sign_in(user["username"], user["password"])
        self.assertEqual(status, 429)
        self.assertIn("Too many failed sign-ins", page)
        self.assertIsNone(browser.cookie("dossier_session"))
        reasons = [e["metadata"]["reason"] for e in self.audit(action="sign_in_failed", user_id=user["user_id"])]
        self.assertEqual(reasons.count("wrong_credentials"), 5)
        self.assertEqual(reasons.count("throttled"), 1)

    def test_posts_without_the_csrf_token_are_refused(self):
        browser = self.signed_in(self.therapist)
        for fields in ({}, {"csrf_token": "forged"}):
            status, page, _ = browser.post("/sign-out", fields)
            self.assertEqual(status, 403)
            self.assertIn("<h1>Not allowed</h1>", page)
        self.assertEqual(browser.get("/clients")[0], 200)  # still signed in
        # The sign-in form's own token is bound to its pre-session cookie.
        status, _, _ = Browser(self.server).post("/sign-in", {"username": self.therapist["username"],
                                                              "password": self.therapist["password"]})
        self.assertEqual(status, 403)

    def test_sign_out_ends_the_session(self):
        browser = self.signed_in(self.therapist)
        secret = browser.cookie("dossier_session")
        _, page, _ = browser.get("/clients")
        status, _, headers = browser.post("/sign-out", {"csrf_token": csrf_of(page)})
        self.assertEqual(status, 303)
        self.assertEqual(headers["Location"], "/")
        self.assertEqual(browser.get("/clients")[:1], (303,))
        # The old cookie, replayed, is no session any more.
        status, _, headers = Browser(self.server).get("/clients", headers={"Cookie": f"dossier_session={secret}"})
        self.assertEqual((status, headers["Location"]), (303, "/?ended=1"))
        self.assertTrue(self.audit(action="signed_out", user_id=self.therapist["user_id"]))

    def test_an_idle_session_expires(self):
        server = Server(self.data_dir, workers=0, extra_args=("--session-idle-seconds", "3"))
        try:
            browser = self.signed_in(self.therapist, server)
            started = time.monotonic()
            while time.monotonic() - started < 4:  # used often, it outlives the idle timeout
                time.sleep(0.5)
                self.assertEqual(browser.get("/clients")[0], 200)
            time.sleep(4)
            status, _, headers = browser.get("/clients")
            self.assertEqual((status, headers["Location"]), (303, "/?ended=1"))
            self.assertIsNone(browser.cookie("dossier_session"))
            status, page, _ = browser.get("/?ended=1")
            self.assertEqual(status, 200)
            self.assertIn("Your session has ended.", page)
        finally:
            server.stop()

    def test_behind_an_https_proxy_the_cookies_are_secure(self):
        server = Server(self.data_dir, workers=0, extra_args=("--public-url", "https://dossier.example.org"))
        try:
            browser = Browser(server)
            _, page, headers = browser.get("/")
            pre = headers["Set-Cookie"]
            self.assertTrue(pre.startswith("__Host-dossier_sign_in="), pre)
            self.assertIn("; Secure", pre)
            # A browser would send the Secure cookie only over HTTPS, which the proxy speaks.
            token = csrf_of(page)
            status, _, headers = browser.post(
                "/sign-in", {"csrf_token": token, "username": self.therapist["username"],
                             "password": self.therapist["password"]},
                headers={"Cookie": f"__Host-dossier_sign_in={token}"})
            self.assertEqual(status, 303)
            session = next(c for c in headers.get_all("Set-Cookie") if c.startswith("__Host-dossier_session="))
            self.assertCountEqual([f.strip() for f in session.split(";")[1:]],
                                  ["Path=/", "HttpOnly", "SameSite=Strict", "Secure"])
        finally:
            server.stop()

    def test_the_session_cookie_does_not_authenticate_the_api(self):
        browser = self.signed_in(self.admin_user())
        status, body, _ = browser.get("/api/v1/patients")
        self.assertEqual(status, 401)
        self.assertEqual(json.loads(body)["error"], "unauthenticated")
        self.assertEqual(self.call("GET", "/api/v1/patients", token=self.admin)[0], 200)

    def admin_user(self):
        return self.tokens["admin"]

    def test_the_clients_list_shows_exactly_the_callers_visible_clients(self):
        for user in (self.therapist, self.other_therapist):
            visible = {p["id"] for p in self.api_list("/api/v1/patients", user["token"])}
            _, page, _ = self.signed_in(user).get("/clients")
            self.assertEqual(set(client_links(page)), visible)
            self.assertIn(f"{len(visible)} clients", page)
        admin = self.signed_in(self.admin_user())
        status, first, _ = admin.get("/clients")
        self.assertIn("30 clients · page 1 of 2", first)
        self.assertEqual(len(client_links(first)), 25)
        self.assertIn('href="/clients?page=2" rel="next"', first)
        _, second, _ = admin.get("/clients?page=2")
        self.assertEqual(len(client_links(second)), 5)
        everyone = {p["id"] for p in self.api_list("/api/v1/patients", self.admin)}
        self.assertEqual(set(client_links(first)) | set(client_links(second)), everyone)
        self.assertEqual(admin.get("/clients?page=zero")[0], 400)

    def test_search_finds_clients_by_name(self):
        patients = self.api_list("/api/v1/patients", self.admin)
        target = next(p for p in patients if p["family_name"].isascii())
        browser = self.signed_in(self.admin_user())
        _, page, _ = browser.get("/clients?" + urllib.parse.urlencode({"q": target["family_name"].lower()}))
        found = set(client_links(page))
        self.assertIn(target["id"], found)
        by_id = {p["id"]: p for p in patients}
        for pid in found:
            p = by_id[pid]
            self.assertIn(target["family_name"].lower(),
                          " ".join([p["given_name"], p["family_name"], p.get("preferred_name") or ""]).lower())
        _, none, _ = browser.get("/clients?q=zzzz-no-such-name")
        self.assertEqual(client_links(none), [])
        self.assertIn("0 clients", none)

    def test_a_client_page_shows_the_latest_phq9(self):
        shown = 0
        browser = self.signed_in(self.therapist)
        for pid in self.therapist["patient_ids"]:
            scores = [a for a in self.api_list(f"/api/v1/assessments?patient_id={pid}", self.therapist["token"])
                      if a["instrument"] == "PHQ-9"]
            status, page, _ = browser.get(f"/clients/{pid}")
            self.assertEqual(status, 200)
            block = re.search(r'id="phq9">(.*?)</div>', page, re.S).group(1)
            if not scores:
                self.assertIn("none recorded", block)
                continue
            latest = max(scores, key=lambda a: a["administered_on"])
            self.assertIn(f'<span class="score-value">{latest["total_score"]}</span>', block)
            self.assertIn(f'on {latest["administered_on"]}', block)
            self.assertIn(f'href="/export?patient_id={pid}"', page)
            shown += 1
        self.assertGreater(shown, 0)

    def test_a_biller_never_sees_a_note(self):
        biller = self.signed_in(self.tokens["biller"])
        therapist = self.signed_in(self.therapist)
        compared = 0
        for pid in self.therapist["patient_ids"]:
            notes = self.api_list(f"/api/v1/notes?patient_id={pid}", self.therapist["token"])
            texts = [t for n in notes for t in (n.get("sections") or {}).values() if isinstance(t, str) and len(t) > 20]
            if not texts:
                continue
            _, mine, _ = therapist.get(f"/clients/{pid}")
            self.assertIn("Latest progress note", mine)
            status, theirs, _ = biller.get(f"/clients/{pid}")
            self.assertEqual(status, 200)
            self.assertNotIn("Latest progress note", theirs)
            for text in texts:
                escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
                self.assertNotIn(escaped[:40], theirs)
            compared += 1
        self.assertGreater(compared, 0)

    def test_a_client_the_caller_cannot_see_is_a_404_page(self):
        hidden = set(self.other_therapist["patient_ids"]) - set(self.therapist["patient_ids"])
        status, page, headers = self.signed_in(self.therapist).get(f"/clients/{sorted(hidden)[0]}")
        self.assertEqual(status, 404)
        self.assertTrue(headers["Content-Type"].startswith("text/html"))
        self.assertIn("<h1>Not found</h1>", page)

    def test_every_page_carries_the_security_headers(self):
        browser = self.signed_in(self.therapist)
        pid = self.therapist["patient_ids"][0]
        for path in ("/", "/clients", f"/clients/{pid}", "/clients/00000000-0000-7000-8000-000000000000",
                     "/static/dossier.css"):
            _, _, headers = browser.get(path)
            csp = headers.get_all("Content-Security-Policy")
            self.assertEqual(len(csp), 1, path)
            self.assertIn("default-src 'self'", csp[0])
            self.assertIn("frame-ancestors 'none'", csp[0])
            self.assertNotIn("unsafe-inline", csp[0])
            self.assertEqual(headers["X-Content-Type-Options"], "nosniff", path)
            self.assertEqual(headers["Referrer-Policy"], "no-referrer", path)
        _, css, headers = browser.get("/static/dossier.css")
        self.assertTrue(headers["Content-Type"].startswith("text/css"))
        self.assertIn(":focus-visible", css)

    def test_set_password_from_the_command_line(self):
        user = self.tokens["therapists"][1]

        def set_password(username, text):
            return subprocess.run([BINARY, "user", "set-password", username, "--data-dir", self.data_dir],
                                  input=text, capture_output=True, text=True, timeout=60,
                                  env=process_env(self.data_dir))

        short = set_password(user["username"], "too short\n")
        self.assertEqual(short.returncode, 1)
        self.assertIn("at least 12 characters", short.stderr)
        self.assertEqual(set_password("nobody.here", "a long enough password\n").returncode, 1)
        done = set_password(user["username"].upper(), "a brand new passphrase\n")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(Browser(self.server).sign_in(user["username"], user["password"])[0], 200)
        status, _, headers = Browser(self.server).sign_in(user["username"], "a brand new passphrase")
        self.assertEqual((status, headers["Location"]), (303, "/clients"))
        # The demo password again, for the other tests that sign this user in.
        self.assertEqual(set_password(user["username"], user["password"] + "\n").returncode, 0)

    def test_set_password_gives_a_new_user_a_username_first(self):
        status, made, _ = self.call("POST", "/api/v1/users", {"role": "biller", "given_name": "Quinn",
                                                              "family_name": "Ledger"}, token=self.admin)
        self.assertEqual(status, 201, made)

        def set_password(*args):
            return subprocess.run([BINARY, "user", "set-password", *args, "--data-dir", self.data_dir],
                                  input="quinn's own passphrase\n", capture_output=True, text=True,
                                  timeout=60, env=process_env(self.data_dir))

        self.assertEqual(set_password("quinn.ledger").returncode, 1)  # no username yet
        taken = set_password("admin", "--user-id", made["id"])
        self.assertEqual(taken.returncode, 1)
        self.assertIn("taken", taken.stderr)
        done = set_password("quinn.ledger", "--user-id", made["id"])
        self.assertEqual(done.returncode, 0, done.stderr)
        browser = Browser(self.server)
        status, _, headers = browser.sign_in("quinn.ledger", "quinn's own passphrase")
        self.assertEqual((status, headers["Location"]), (303, "/clients"))
        self.assertIn("(biller)", browser.get("/clients")[1])


if __name__ == "__main__":
    unittest.main()
