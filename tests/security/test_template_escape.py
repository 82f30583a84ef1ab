"""Templates that try to escape: custom templates whose HTML, CSS or SVG point at files on the
server (file:, absolute and relative paths, XML external entities), at the network (a socket
this suite listens on, https, network paths, <link>, @import, @font-face, url(), <iframe>,
<object>, <embed>, <base>) or at the template language's own reach (includes of paths), and
templates that would run forever or grow without end (huge ranges, nested loops, recursion,
string and list multiplication, deep nesting of blocks and of HTML elements).

Every one ends as a document without the forbidden content, with the "ignored …" notes
docs/templates.md promises in the job's notes (and in a preview's X-Render-Notes), or as a
failed job whose message names the limit, or is refused when it is stored (422) - within a
bounded time, with no connection ever reaching the socket, and the server keeps serving.
"""
import base64
import io
import json
import re
import socket
import subprocess
import tempfile
import threading
import time
import unittest
import zipfile

from attacker import AttackerPracticeTest, wait_for_job
from documents import pdf_text

# How long any export of these templates may take, start to end, on a loaded test machine.
BOUND_SECONDS = 60


def uncompressed_pdf(pdf_bytes):
    """The PDF with every stream inflated, so that URIs and text operators can be searched."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as src, tempfile.NamedTemporaryFile(suffix=".pdf") as out:
        src.write(pdf_bytes)
        src.flush()
        subprocess.run(["qpdf", "--stream-data=uncompress", "--object-streams=disable", src.name, out.name],
                       check=True, capture_output=True)
        return out.read()


class Listener:
    """A socket on loopback that records every connection made to it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = []
        self.closed = False
        self.thread = threading.Thread(target=self.accept, daemon=True)
        self.thread.start()

    def accept(self):
        while not self.closed:
            try:
                conn, addr = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            conn.settimeout(0.5)
            try:
                first = conn.recv(200)
            except OSError:
                first = b""
            self.connections.append((addr, first))
            conn.close()

    def close(self):
        self.closed = True
        self.thread.join(2)
        self.sock.close()


class TemplateEscapeTest(AttackerPracticeTest):
    patients = 3

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.listener = Listener()
        cls.token = cls.therapist["token"]
        cls.patient_id = cls.therapist["patient_ids"][0]
        with open("/etc/passwd") as f:
            cls.passwd_line = f.readline().strip()
        with open("/etc/hostname") as f:
            cls.hostname = f.read().strip()

    @classmethod
    def tearDownClass(cls):
        cls.listener.close()
        super().tearDownClass()

    def tearDown(self):
        # Late connections count too: whatever a render started has had the test's time to land.
        time.sleep(0.3)
        self.assertEqual(self.listener.connections, [], "a template reached the network")
        self.assert_serving()

    def url(self, path):
        return f"http://127.0.0.1:{self.listener.port}/{path}"

    def store(self, content, fmt="pdf"):
        """(status, body) of storing a custom progress-report template."""
        status, body, _ = self.call("POST", "/api/v1/export/templates", {
            "name": "Probe", "export_type": "progress_report", "format": fmt, "template_content": content}, self.token)
        return status, body

    def export_all(self, probes, formats=("pdf", "docx")):
        """Stores each probe as a template, asks for every export at once, and waits for all:
        {(name, format): (job, seconds from request to end)}."""
        started = {}
        for name, content in probes.items():
            for fmt in formats:
                status, template = self.store(content, fmt)
                self.assertEqual(status, 201, (name, template))
                status, accepted, _ = self.call("POST", "/api/v1/export/progress-report", {
                    "patient_id": self.patient_id, "format": fmt, "template_id": template["id"]}, self.token)
                self.assertEqual(status, 202, accepted)
                started[(name, fmt)] = (accepted["job_id"], time.monotonic())
        done = {}
        for key, (job_id, t0) in started.items():
            job = wait_for_job(self.server, self.token, job_id, timeout=BOUND_SECONDS)
            done[key] = (job, time.monotonic() - t0)
        return done

    def document_text(self, job, fmt):
        """What a reader of the document sees, and the document's raw bytes (inflated)."""
        status, data, _ = self.call("GET", job["download_url"], token=self.token)
        self.assertEqual(status, 200)
        if fmt == "pdf":
            return pdf_text(data), uncompressed_pdf(data)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            parts = b"".join(z.read(n) for n in z.namelist())
            document = z.read("word/document.xml").decode()
            # Word fetches an external image or frame when the document opens: only clickable
            # hyperlinks may point outside the package.
            for name in z.namelist():
                if name.endswith(".rels"):
                    for rel in re.findall(rb"<Relationship [^>]*>", z.read(name)):
                        if b'TargetMode="External"' in rel:
                            self.assertRegex(rel, rb'Type="[^"]*/hyperlink"', name)
        return re.sub(r"<[^>]+>", "", document), parts

    def assert_nothing_forbidden(self, name, text, raw):
        for secret in (self.passwd_line, "root:x:0:0", "daemon:x:"):
            self.assertNotIn(secret, text, name)
            self.assertNotIn(secret.encode(), raw, name)
        self.assertNotIn(f"127.0.0.1:{self.listener.port}".encode(), raw, f"{name}: the document links the socket")
        self.assertNotIn(b"file:///etc", raw, name)
        self.assertNotIn(b"javascript:", raw, name)

    # Files and the network ---------------------------------------------------------------

    def test_references_to_files_and_the_network_are_ignored_and_noted(self):
        evil_svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="60" '
                    f'height="60"><image href="{self.url("svg.png")}" width="10" height="10"/>'
                    '<image xlink:href="file:///etc/passwd" width="10" height="10"/>'
                    '<filter id="f"><feImage href="file:///etc/passwd"/></filter>'
                    '<rect width="10" height="10" filter="url(#f)"/></svg>')
        xxe_svg = ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                   '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="30"><text y="20">&xxe;</text></svg>')
        b64 = lambda s: base64.b64encode(s.encode()).decode()  # noqa: E731
        probes = {
            "image from a file": ('<img src="file:///etc/passwd"><img src="FILE:///etc/passwd">'
                                  '<img src="file:/etc/passwd"><img src=" file:///etc/hostname">'
                                  '<img src="fi&#x6c;e:///etc/passwd">', ["ignored image source with scheme file"]),
            "image over http": (f'<img src="{self.url("x.png")}">', ["ignored image source with scheme http"]),
            "image over https": (f'<img src="https://127.0.0.1:{self.listener.port}/x.png">'
                                 '<img src="https://example.com/logo.png">', ["ignored image source with scheme https"]),
            "network path": (f'<img src="//127.0.0.1:{self.listener.port}/y.png">',
                             ["ignored image source with a network path"]),
            "paths as asset names": ('<img src="/etc/passwd"><img src="../keys/links.secret">'
                                     '<img src="keys/links.secret">', ["ignored image source: unknown asset"]),
            "base url": (f'<base href="{self.url("")}"><img src="relative.png">',
                         ["ignored image source: unknown asset"]),
            "link element": (f'<link rel="stylesheet" href="{self.url("s.css")}">'
                             '<link rel="stylesheet" href="file:///etc/passwd">', ["ignored <link> element"]),
            "import": (f'<style>@import url("{self.url("i.css")}"); @import "file:///etc/passwd";</style>',
                       ["ignored @import"]),
            "font face": (f'<style>@font-face {{ font-family: Evil; src: url({self.url("f.ttf")}) }} '
                          'p { font-family: Evil }</style>', ["ignored @font-face"]),
            "css urls": (f'<style>body {{ background: url(file:///etc/hostname) }} '
                         f'p {{ background-image: url({self.url("bg.png")}) }} '
                         f'li {{ list-style-image: url({self.url("li.png")}) }}</style>'
                         f'<p style="background: url({self.url("inline.png")})">styled</p><ul><li>item</li></ul>', []),
            "embedded documents": (f'<iframe src="{self.url("if")}"></iframe><object data="{self.url("ob")}"></object>'
                                   f'<embed src="{self.url("em")}"></embed><script src="{self.url("sc.js")}"></script>'
                                   f'<video src="{self.url("v")}"></video><audio src="{self.url("a")}"></audio>',
                                   ["ignored <iframe> element", "ignored <object> element",
                                    "ignored <embed> element", "ignored <script> element"]),
            "links": ('<a href="file:///etc/passwd">file link</a> <a href="javascript:alert(1)">script link</a>',
                      ["ignored link with scheme file", "ignored link with scheme javascript"]),
            "inline svg": (evil_svg, []),
            "svg image": (f'<img src="data:image/svg+xml;base64,{b64(evil_svg)}">', []),
            "external entity in svg": (f'<img src="data:image/svg+xml;base64,{b64(xxe_svg)}">', []),
            "external entity in html": ('<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                                        '<html><body><p>entity &xxe; here</p></body></html>', []),
        }
        done = self.export_all({name: f"<p>canary {i}</p>" + content + f"<p>after {i}</p>"
                                for i, (name, (content, _)) in enumerate(probes.items())})
        for i, (name, (_, notes)) in enumerate(probes.items()):
            for fmt in ("pdf", "docx"):
                job, seconds = done[(name, fmt)]
                context = f"{name} ({fmt})"
                self.assertEqual(job["status"], "completed", f"{context}: {job.get('error_message')}")
                self.assertLess(seconds, BOUND_SECONDS, context)
                for note in notes:
                    self.assertIn(note, job.get("notes") or [], context)
                text, raw = self.document_text(job, fmt)
                self.assertIn(f"canary {i}", text, f"{context}: the document was rendered")
                self.assertIn(f"after {i}", text, context)
                self.assert_nothing_forbidden(context, text, raw)

    def test_an_asset_cannot_smuggle_an_entity_or_a_remote_image(self):
        status, template = self.store("<p>canary</p><img src=\"evil.svg\"><p>after</p>")
        self.assertEqual(status, 201, template)
        svg = ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
               '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" '
               f'height="30"><text y="20">&xxe;</text><image xlink:href="{self.url("asset.png")}" width="5" '
               'height="5"/></svg>').encode()
        status, body, _ = self.call("PUT", f"/api/v1/export/templates/{template['id']}/assets/evil.svg",
                                    token=self.token, raw=svg, headers={"Content-Type": "image/svg+xml"})
        if status in (200, 201):
            for fmt in ("pdf", "docx"):
                status, accepted, _ = self.call("POST", "/api/v1/export/progress-report", {
                    "patient_id": self.patient_id, "format": fmt, "template_id": template["id"]}, self.token)
                self.assertEqual(status, 202, accepted)
                job = wait_for_job(self.server, self.token, accepted["job_id"], timeout=BOUND_SECONDS)
                self.assertEqual(job["status"], "completed", job)
                text, raw = self.document_text(job, fmt)
                self.assertIn("canary", text)
                self.assert_nothing_forbidden(f"svg asset ({fmt})", text, raw)
        else:
            self.assertEqual(status, 422, body)  # refused as not an image: as safe

    def test_previews_never_reach_out_either(self):
        content = (f'<p>preview canary</p><img src="{self.url("p.png")}"><img src="file:///etc/passwd">'
                   f'<link rel="stylesheet" href="{self.url("p.css")}"><style>@import url("{self.url("pi.css")}");</style>')
        status, template = self.store(content)
        self.assertEqual(status, 201, template)
        path = f"/api/v1/export/templates/{template['id']}/preview"
        for fmt in ("pdf", "html"):
            status, body, headers = self.call("POST", path, {"patient_id": self.patient_id, "format": fmt}, self.token)
            self.assertEqual(status, 200, body)
            if fmt == "pdf":
                notes = json.loads(headers["X-Render-Notes"])
                for note in ("ignored image source with scheme http", "ignored image source with scheme file",
                             "ignored <link> element", "ignored @import"):
                    self.assertIn(note, notes)
                self.assertIn("preview canary", pdf_text(body))
                self.assert_nothing_forbidden("pdf preview", pdf_text(body), uncompressed_pdf(body))
            else:
                # The HTML shows the markup as written; the browser may load data: images only.
                self.assertIn("img-src data:", headers["Content-Security-Policy"])
                self.assertIn("default-src 'none'", headers["Content-Security-Policy"])
                self.assertNotIn(self.passwd_line.encode(), body)

    def test_the_template_language_reaches_no_file(self):
        for content in ('{% include "/etc/passwd" %}', '{% include "../../../../../etc/passwd" %}',
                        '{% include "partials/../../../../../etc/passwd" %}', '{% include "keys/links.secret" %}',
                        '{% extends "/etc/passwd" %}', '{% import "/etc/passwd" as p %}',
                        '{% from "/etc/passwd" import x %}', '{{ range.__globals__ }}{{ "".__class__.__mro__ }}'):
            status, body = self.store("<p>canary</p>" + content)
            if status == 422:
                self.assertEqual(body["fields"][0]["path"], "template_content", body)
                continue
            self.assertEqual(status, 201, body)
            status, accepted, _ = self.call("POST", "/api/v1/export/progress-report", {
                "patient_id": self.patient_id, "format": "pdf", "template_id": body["id"]}, self.token)
            job = wait_for_job(self.server, self.token, accepted["job_id"], timeout=BOUND_SECONDS)
            if job["status"] == "failed":
                self.assertRegex(job["error_message"], r"^line \d+, column \d+: ", content)
                self.assertNotIn(self.passwd_line, job["error_message"])
            else:
                text, raw = self.document_text(job, "pdf")
                self.assertIn("canary", text, content)
                self.assert_nothing_forbidden(content, text, raw)

    # Work without end ------------------------------------------------------------------------

    def test_runaway_templates_end_with_a_named_limit_in_bounded_time(self):
        # Past a depth of 256 libxml2 stops parsing: what follows is left out, the top stays.
        nested_divs = "<div>" * 10000 + "deep" + "</div>" * 10000
        probes = {
            "huge range": ("{% for i in range(100000000) %}x{% endfor %}", "range"),
            "nested loops": ("{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
                             "loop iterations"),
            "recursion": ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "nested deeper"),
            "string multiplication": ("{{ 'x' * 1000000000 }}", "limit"),
            "list multiplication": ("{% set xs = [0] * 1000000000 %}{{ xs|length }}", "limit"),
            "string doubling": ("{% set ns = namespace(s='x') %}{% for i in range(64) %}"
                                "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}", "limit"),
            "gigantic output": ("{% for i in range(1999999) %}{{ 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' }}{% endfor %}",
                                "output exceeds"),
            "replace blow-up": ("{{ ('x' * 1000000)|replace('x', 'y' * 100) }}", "limit"),
            "join of a huge range": ("{{ range(1000000000)|join(',') }}", "range"),
            "deep html": ("<p>top canary</p>" + nested_divs, None),
            "deep lists": ("<p>top canary</p>" + "<ul><li>" * 3000 + "x" + "</li></ul>" * 3000, None),
            "deep tables": ("<p>top canary</p>" + "<table><tr><td>" * 1000 + "x" + "</td></tr></table>" * 1000, None),
            "deep inline": ("<p>top canary</p><p>" + "<b><i>" * 5000 + "x" + "</i></b>" * 5000 + "</p>", None),
            "deep but parsed": ("<p>top canary</p>" + "<div>" * 240 + "x" + "</div>" * 240 + "<p>bottom canary</p>",
                                None),
        }
        done = self.export_all({name: content for name, (content, _) in probes.items()})
        for name, (_, words) in probes.items():
            for fmt in ("pdf", "docx"):
                job, seconds = done[(name, fmt)]
                context = f"{name} ({fmt})"
                self.assertLess(seconds, BOUND_SECONDS, context)
                if words is None:
                    self.assertEqual(job["status"], "completed", f"{context}: {job.get('error_message')}")
                    text, _ = self.document_text(job, fmt)
                    self.assertIn("top canary", text, context)
                    if "bottom canary" in probes[name][0]:
                        self.assertIn("bottom canary", text, context)
                else:
                    self.assertEqual(job["status"], "failed", context)
                    self.assertRegex(job["error_message"], r"^line \d+, column \d+: ", context)
                    self.assertIn(words, job["error_message"], context)
        # Still exporting: a plain export goes through after all of it.
        self.export("progress-report", {"patient_id": self.patient_id, "format": "pdf"}, self.token)

    def test_templates_nested_too_deeply_are_refused_when_stored(self):
        for content in ("{% if true %}" * 5000 + "x" + "{% endif %}" * 5000,
                        "{% for i in [1] %}" * 5000 + "x" + "{% endfor %}" * 5000,
                        "{{ " + "(" * 10000 + "1" + ")" * 10000 + " }}",
                        "{{ " + "[" * 10000 + "]" * 10000 + " }}",
                        "{{ " + "-" * 10000 + "1 }}"):
            status, body = self.store(content)
            self.assertEqual(status, 422, f"{content[:40]}: {body}")
            self.assertEqual(body["fields"][0]["path"], "template_content")
            self.assertRegex(body["fields"][0]["problem"], r"^line \d+, column \d+: ")


if __name__ == "__main__":
    unittest.main()
