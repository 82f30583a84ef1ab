"""The Templates pages and the Audit page in Chromium: a therapist copies a system template,
edits it and sees the live preview follow what they type; a syntax error is shown with its
line and column, in the preview and when saving; an image is uploaded and drawn in the
preview's PDF; an admin filters the audit trail down to an export made in the test and reads its
history; a therapist gets the 404 page for /audit. Each page is screenshotted at 1280 and
390 px against its golden and checked with axe-core."""
import struct
import unittest
import zlib

from browser import BrowserTest
from documents import pdf_text
from harness import with_query

PROGRESS_TEMPLATE = "00000000-0000-7000-8000-000000000002"  # the system progress report


def png(width, height, rgb):
    """A small solid-colour PNG (8-bit RGB), written by hand: no imaging library needed."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


class WebAdminTest(BrowserTest):

    def sign_in_as(self, who):
        return {"username": who["username"], "password": who["password"]}

    def custom_copy(self, user, name):
        """A custom copy of the progress report made through the API by `user`."""
        status, created, _ = self.call("POST", "/api/v1/export/templates",
                                       {"copy_of": PROGRESS_TEMPLATE, "name": name}, user["token"])
        self.assertEqual(status, 201, created)
        return created["id"]

    def audit(self, **query):
        status, listed, _ = self.call("GET", with_query("/api/v1/export/audit", query), token=self.admin)
        self.assertEqual(status, 200, listed)
        return listed["entries"]

    def test_a_copied_template_is_edited_with_a_live_preview(self):
        me = self.tokens["therapists"][0]
        marker = "Typed in the browser 4711"
        before = len(self.audit(action="previewed", user_id=me["user_id"]))
        outcome = self.scenario(
            "admin_template_editor.mjs", **self.sign_in_as(me), template=PROGRESS_TEMPLATE, marker=marker,
            screenshot={"name": "web-template-editor",
                        # The preview frame is empty until something is typed; the client list
                        # shows today's demo names.
                        "options": {"mask": ["#template-preview", "#client_id"]}})
        page = outcome["result"]
        self.assertRegex(page["editorPath"], r"^/templates/[0-9a-f-]{36}$")
        self.assertNotEqual(page["editorPath"], f"/templates/{PROGRESS_TEMPLATE}")
        self.assertIn("This is your copy", page["copied"])
        self.assertEqual(page["title"], "Copy of Progress report")
        self.assertIn(marker, page["preview"])
        self.assertIn("Progress Report", page["preview"])  # the rest of the template around it
        self.assertEqual(page["saveStatus"], 200)
        self.assertEqual(page["saved"], "Saved.")
        self.assertIn(f'<p id="typed">{marker}</p>', page["savedContent"])
        self.assertEqual(outcome["failedRequests"], [])
        # The API serves what the page saved; the system template is unchanged.
        copy_id = page["editorPath"].rsplit("/", 1)[1]
        status, saved, _ = self.call("GET", f"/api/v1/export/templates/{copy_id}", token=me["token"])
        self.assertEqual(status, 200)
        self.assertIn(marker, saved["template_content"])
        self.assertEqual(saved["created_by"], me["user_id"])
        status, system, _ = self.call("GET", f"/api/v1/export/templates/{PROGRESS_TEMPLATE}", token=me["token"])
        self.assertNotIn(marker, system["template_content"])
        # Every preview the page showed is in the audit trail, as the API's previews are.
        previews = self.audit(action="previewed", user_id=me["user_id"])
        self.assertGreater(len(previews), before)
        self.assertEqual(previews[0]["metadata"]["template_id"], copy_id)
        self.assertIn(previews[0]["patient_id"], me["patient_ids"] + [None])

    def test_a_syntax_error_is_shown_with_its_line_and_column(self):
        me = self.tokens["therapists"][0]
        template = self.custom_copy(me, "With a mistake")
        content = "<p>First line</p>\n<p>{% if client %}never closed</p>"
        page = self.scenario("admin_template_error.mjs", **self.sign_in_as(me), template=template,
                             content=content)["result"]
        self.assertIn("syntax error", page["preview"])
        self.assertRegex(page["preview"], r"line \d+, column \d+")
        self.assertEqual(page["saveStatus"], 422)
        self.assertIn("The template was not saved", page["problems"])
        self.assertRegex(page["problems"], r"template_content line \d+, column \d+: ")
        self.assertEqual(page["describedBy"], "save-problems")
        self.assertEqual(page["keptContent"].rstrip(), content)  # what was typed is not lost
        status, stored, _ = self.call("GET", f"/api/v1/export/templates/{template}", token=me["token"])
        self.assertNotIn("never closed", stored["template_content"])

    def test_an_uploaded_image_shows_in_the_preview(self):
        me = self.tokens["therapists"][0]
        template = self.custom_copy(me, "With a logo")
        path = f"{self.out_dir}/logo-file.png"
        with open(path, "wb") as f:
            f.write(png(12, 8, (11, 92, 173)))
        page = self.scenario("admin_template_image.mjs", **self.sign_in_as(me), template=template,
                             image=path, name="logo.png")["result"]
        self.assertEqual(page["status"], 200)
        self.assertEqual(page["notice"], "The image was uploaded.")
        self.assertIn("logo.png", page["assets"])
        self.assertIn("image/png", page["assets"])
        self.assertIn("Logo below", page["preview"])
        self.assertEqual(page["image"]["scheme"], "data")
        self.assertGreater(page["image"]["loadedWidth"], 0, "the preview did not draw the image")
        # The PDF on demand: the same preview, with the uploaded image drawn in it.
        self.assertEqual(page["pdf"]["filename"], "preview.pdf")
        with open(page["pdf"]["path"], "rb") as f:
            pdf = f.read()
        self.assertTrue(pdf.startswith(b"%PDF-"))
        self.assertIn("Logo below", pdf_text(pdf))
        self.assertIn(b"/Subtype /Image", pdf)
        status, assets, _ = self.call("GET", f"/api/v1/export/templates/{template}/assets", token=me["token"])
        self.assertEqual([(a["name"], a["content_type"]) for a in assets["assets"]], [("logo.png", "image/png")])

    def test_only_the_author_may_edit_a_custom_template(self):
        template = self.custom_copy(self.tokens["therapists"][0], "Not yours")
        other = self.tokens["therapists"][1]
        page = self.scenario("page_check.mjs", **self.sign_in_as(other), path=f"/templates/{template}",
                             selectors=[".hint", "#template_content"], axe=False)["result"]
        self.assertIn("Only its author or an admin may change this template", page["texts"][".hint"])
        outcome = self.scenario("submit_form.mjs", **self.sign_in_as(other), url=f"/templates/{template}",
                                form='form[action$="/copy"]', selectors=[".notice"])["result"]
        self.assertIn("This is your copy", outcome["texts"][".notice"])

    def test_the_templates_pages_by_keyboard_alone(self):
        me = self.tokens["therapists"][0]
        page = self.scenario("admin_keyboard.mjs", **self.sign_in_as(me), template=PROGRESS_TEMPLATE,
                             expect="Progress Report")["result"]
        self.assertRegex(page["listOrder"][-1], r'^button "Copy"$')
        self.assertRegex(page["editorPath"], r"^/templates/[0-9a-f-]{36}$")
        # In the order they are read: the fields, Save, then the preview's client and button.
        fields = [o.split(" ")[0] for o in page["editorOrder"] if o.startswith(("input", "textarea", "select", "button"))]
        self.assertEqual(fields[-6:], ['input#name[name="name"]', 'input#description[name="description"]',
                                       'textarea#template_content[name="template_content"]', "button",
                                       'select#client_id[name="client_id"]', 'button#preview-button[name="format"]'])
        self.assertIn("Progress Report", page["preview"])

    def test_the_templates_list(self):
        me = self.tokens["therapists"][0]
        page = self.scenario("page_check.mjs", **self.sign_in_as(me), path="/templates",
                             selectors=["main"],
                             # The first group only: custom copies the other tests make land in
                             # the progress report's group.
                             screenshot={"name": "web-templates",
                                         "options": {"clip": ["main h1", "main section:first-of-type"]}})["result"]
        self.assertEqual(page["h1"], ["Templates"])
        self.assertIn("Progress report", page["h2"])
        self.assertIn("Session notes", page["h2"])
        self.assertRegex(page["texts"]["main"], r"Progress report\nGoals and progress[^\n]*\s+System\s+PDF")

    def test_the_audit_trail_filtered_by_action_shows_an_export_made_here(self):
        me = self.therapist
        patient = me["patient_ids"][0]
        job = self.export("progress-report", {"patient_id": patient, "format": "pdf"}, me["token"])
        admin = self.tokens["admin"]
        page = self.scenario("submit_form.mjs", **self.sign_in_as(admin), url="/audit", form="form.filters",
                             fields={"action": "created", "patient_id": patient, "user_id": me["user_id"]},
                             selectors=["table.audit tbody", "#audit-count"])["result"]
        self.assertEqual(page["status"], 200)
        self.assertEqual(page["query"]["action"], "created")
        rows = [r.split("\t") for r in page["texts"]["table.audit tbody"].split("\n") if r.strip()]
        self.assertTrue(rows)
        self.assertTrue(all(r[1] == "created" for r in rows), rows)
        self.assertIn(job["id"][:8], [r[4] for r in rows])
        self.assertTrue(all(me["name"].startswith(r[2]) for r in rows), rows)
        # The job's history, newest first: created, completed by the worker, and shared (its
        # download link was handed to the therapist when the test polled the job).
        history = self.scenario("page_check.mjs", **self.sign_in_as(admin), path=f"/audit?job_id={job['id']}",
                                selectors=["table.audit tbody"], axe=False)["result"]
        self.assertEqual(history["h1"], ["History of one export"])
        actions = [r.split("\t")[1] for r in history["texts"]["table.audit tbody"].split("\n") if r.strip()]
        self.assertEqual(actions[-1], "created")
        self.assertEqual(sorted(set(actions)), ["completed", "created", "shared"])

    def test_the_audit_page_and_its_chain(self):
        admin = self.tokens["admin"]
        outcome = self.scenario("page_check.mjs", **self.sign_in_as(admin), path="/audit?verify=1",
                                selectors=["#chain-state"],
                                screenshot={"name": "web-audit", "options": {"clip": ["main h1", "form.filters"],
                                                                             "replaceText": {"#chain-state": "The audit chain is intact: 0 entries verified."}}})
        page = outcome["result"]
        self.assertEqual(page["h1"], ["Audit trail"])
        self.assertRegex(page["texts"]["#chain-state"], r"^The audit chain is intact: \d+ entries verified\.$")
        [checked] = outcome["accessibility"]
        self.assertEqual([v["id"] for v in checked["violations"] if v["impact"] in ("serious", "critical")], [])

    def test_bad_audit_filters_name_the_field(self):
        admin = self.tokens["admin"]
        page = self.scenario("page_check.mjs", **self.sign_in_as(admin), path="/audit?since=31.01.2026",
                             selectors=["main"], axe=False)["result"]
        self.assertEqual(page["status"], 400)
        self.assertIn("since", page["texts"]["main"])
        self.assertNotIn("31.01.2026", page["texts"]["main"])

    def test_a_therapist_gets_the_404_page_for_the_audit_trail(self):
        me = self.tokens["therapists"][0]
        page = self.scenario("page_check.mjs", **self.sign_in_as(me), path="/audit",
                             selectors=["nav.site-nav"])["result"]
        self.assertEqual(page["status"], 404)
        self.assertEqual(page["h1"], ["Not found"])
        self.assertNotIn("Audit", page["texts"]["nav.site-nav"])
        biller = self.tokens["biller"]
        page = self.scenario("page_check.mjs", **self.sign_in_as(biller), path="/audit?action=created",
                             axe=False)["result"]
        self.assertEqual(page["status"], 404)


if __name__ == "__main__":
    unittest.main()
