"""The authorization matrix: every route of the API, as GET /api/v1/openapi.json describes it (a
new route joins by being documented), asked by every kind of caller — an admin, a therapist,
another therapist, a biller, no token, a revoked token, a made-up token — about an object the
caller may see, an object of someone else's patient (or someone else's job) and an id that does
not exist, in the path, in the query's id filters and in the body's id members.

What must hold everywhere:
- no answer is a 5xx; every 4xx is the one JSON error shape (an OperationOutcome under /fhir/);
- without a valid token every route but the documented unauthenticated ones (`security: []`)
  is 401, the same 401 whatever the token was; a valid token is never 401;
- a therapist (or a biller, for jobs) asking about someone else's patient or job gets exactly
  the answer, status and JSON body, that an id nobody has gets: not even existence leaks; and a
  refused change changes nothing;
- billers get 403 on every notes route and never see a note's text anywhere else, and nothing
  of another therapist's patient (a note's text, the patient's name) reaches a therapist.
"""
import base64
import json
import re
import time
import unittest

from attacker import (TINY_PNG, AttackerPracticeTest, made_up_token, marker, request,
                      unknown_id, wait_for_job)

# The kinds of caller; the first four have valid tokens.
ROLES = ("admin", "therapist", "other_therapist", "biller", "no_token", "revoked_token", "made_up_token")
UNAUTHENTICATED = ("no_token", "revoked_token", "made_up_token")

# Families of ids whose path segment is not the plural of what they name.
SEGMENT_FAMILIES = {"download": "jobs", "Patient": "patients", "bulkstatus": "bulk-exports",
                    "bulkfiles": "bulk-exports", "Group": "groups"}
# Path parameters named after what they hold rather than after the segment before them.
PARAM_FAMILIES = {"name": "assets", "file": "bulk-files"}
# Families that are not in the record API's listing but that the matrix knows how to fill.
EXPORT_FAMILIES = {"jobs", "templates", "assets", "tokens", "bulk-exports", "groups", "bulk-files", "scheduled"}


def family_of_member(name):
    """patient_id → patients, treatment_plan_id → treatment-plans, session_ids → sessions."""
    for suffix in ("_ids", "_id"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[:-len(suffix)].replace("_", "-") + "s"
    return None


def is_fhir(template):
    """Routes of the FHIR API, whose answers are FHIR resources (errors: OperationOutcome)."""
    return template.startswith("/fhir/")


def path_families(template):
    """{parameter: family} for the path parameters of `template`: each names what the segment
    before it lists (/patients/{id} → patients, /jobs/{job_id} → jobs)."""
    segments = template.strip("/").split("/")
    out = {}
    for i, segment in enumerate(segments):
        m = re.fullmatch(r"\{(\w+)\}", segment)
        if m:
            param = m.group(1)
            before = segments[i - 1] if i > 0 else ""
            out[param] = PARAM_FAMILIES.get(param) or SEGMENT_FAMILIES.get(before, before)
    return out


class Variant:
    """One request of the matrix: the route, the caller and which ids it carries."""

    def __init__(self, method, template, role, kind, path, query, body, raw_type, privates):
        self.method, self.template, self.role, self.kind = method, template, role, kind
        self.path, self.query, self.body, self.raw_type = path, query, body, raw_type
        self.privates = privates  # the ids of other people's things (or their stand-ins) it carries
        self.status = self.payload = self.headers = None
        self.unchanged = True  # whether what it names read the same before and after (changes only)
        self.query_key = tuple(sorted(query))

    def url(self):
        if not self.query:
            return self.path
        return self.path + "?" + "&".join(f"{k}={v}" for k, v in sorted(self.query.items()))

    def __str__(self):
        body = "" if self.body is None else f" body={json.dumps(self.body)[:160] if self.raw_type is None else self.raw_type}"
        return f"{self.method} {self.url()} as {self.role} ({self.kind}){body}"


class AuthorizationMatrixTest(AttackerPracticeTest):
    patients = 4

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        status, cls.openapi, _ = cls.api("GET", "/api/v1/openapi.json")
        assert status == 200, cls.openapi
        cls.users = {"admin": cls.tokens["admin"]["user_id"], "therapist": cls.therapist["user_id"],
                     "other_therapist": cls.other_therapist["user_id"], "biller": cls.tokens["biller"]["user_id"]}
        cls.role_tokens = {"admin": cls.admin, "therapist": cls.therapist["token"],
                           "other_therapist": cls.other_therapist["token"], "biller": cls.biller,
                           "no_token": None, "made_up_token": made_up_token()}
        cls.make_revoked_token()
        cls.visible = cls.care_teams()
        cls.home = {"therapist": cls.therapist["patient_ids"][0], "other_therapist": cls.other_therapist["patient_ids"][0]}
        cls.plant_markers()
        cls.add_foreign_attachment()
        cls.records = cls.list_records()
        cls.make_templates()
        cls.jobs = {role: cls.new_job(role) for role in ("admin", "therapist", "other_therapist", "biller")}
        for role, job_id in cls.jobs.items():
            job = wait_for_job(cls.server, cls.role_tokens[role], job_id)
            assert job["status"] == "completed", job
        cls.schedules = {role: cls.new_schedule(role) for role in ("admin", "therapist", "other_therapist", "biller")}
        cls.bulk_exports = {role: cls.finished_bulk_export(role)
                            for role in ("admin", "therapist", "other_therapist", "biller")}
        cls.static_tokens = {role: cls.issue_token(user)[1] for role, user in cls.users.items()}
        cls._results = None

    # Setting the practice up ---------------------------------------------------------------

    @classmethod
    def make_revoked_token(cls):
        secret, token_id = cls.issue_token(cls.therapist["user_id"])
        assert cls.api("GET", "/api/v1/export/jobs", token=secret)[0] == 200
        status, body, _ = cls.api("DELETE", f"/api/v1/auth/tokens/{token_id}", token=cls.admin)
        assert status == 204, body
        cls.role_tokens["revoked_token"] = secret

    @classmethod
    def care_teams(cls):
        """{user_id: patients on their care team}, as the admin reads it."""
        status, page, _ = cls.api("GET", "/api/v1/care-team?limit=200", token=cls.admin)
        assert status == 200 and page["next_cursor"] is None, page
        visible = {}
        for member in page["items"]:
            visible.setdefault(member["user_id"], set()).add(member["patient_id"])
        return visible

    @classmethod
    def plant_markers(cls):
        """A note with a unique marker on each therapist's home patient, a psychotherapy note
        too; the names of those patients."""
        cls.markers = {}
        cls.names = {}
        for role in ("therapist", "other_therapist"):
            patient_id = cls.home[role]
            session = next(s for s in cls.sessions_of(patient_id) if s["status"] == "kept")
            note, psychotherapy = marker(f"note-of-{role}"), marker(f"psychotherapy-of-{role}")
            cls.plant_note(cls.role_tokens[role], session["id"], f"Client reported {note} at work.",
                           transcript=f"T: {note} again?")
            cls.plant_note(cls.role_tokens[role], session["id"], f"Formulation {psychotherapy}.",
                           kind="psychotherapy_note")
            cls.markers[role] = (note, psychotherapy)
            status, patient, _ = cls.api("GET", f"/api/v1/patients/{patient_id}", token=cls.admin)
            cls.names[role] = f"{patient['given_name']} {patient['family_name']}"
        cls.marker_session = next(s for s in cls.sessions_of(cls.home["therapist"]) if s["status"] == "kept")["id"]

    @classmethod
    def add_foreign_attachment(cls):
        """The demo gives attachments to one patient only; the other therapist's gets one too,
        so that attachments have a foreign object for each therapist."""
        body = {"patient_id": cls.home["other_therapist"], "filename": "intake.txt", "content_type": "text/plain",
                "content_base64": base64.b64encode(b"scanned intake form").decode()}
        status, created, _ = cls.api("POST", "/api/v1/attachments", body, cls.admin)
        assert status == 201, created

    @classmethod
    def list_records(cls):
        """Every object of every record resource (/api/v1/{resource} answering a page), as the
        admin sees them."""
        records = {}
        for path, operations in cls.openapi["paths"].items():
            m = re.fullmatch(r"/api/v1/([a-z-]+)", path)
            if not m or "get" not in operations:
                continue
            items, cursor = [], None
            while True:
                status, page, _ = cls.api("GET", path + "?limit=200" + (f"&cursor={cursor}" if cursor else ""),
                                          token=cls.admin)
                if status != 200 or not isinstance(page, dict) or "items" not in page:
                    break
                items += page["items"]
                cursor = page["next_cursor"]
                if not cursor:
                    records[m.group(1)] = items
                    break
        return records

    @classmethod
    def make_templates(cls):
        """A template of each caller's own (a copy of the system session-notes template, which
        shows notes in a preview), with one asset."""
        status, listing, _ = cls.api("GET", "/api/v1/export/templates?export_type=session_notes", token=cls.admin)
        cls.system_template = next(t["id"] for t in listing["templates"] if t["is_system"])
        cls.templates = {role: cls.new_template(role) for role in ("admin", "therapist", "other_therapist", "biller")}

    @classmethod
    def new_template(cls, role):
        status, template, _ = cls.api("POST", "/api/v1/export/templates", {"copy_of": cls.system_template},
                                      cls.role_tokens[role])
        assert status == 201, template
        cls.put_asset(role, template["id"])
        return template["id"]

    @classmethod
    def put_asset(cls, role, template_id, name="logo.png"):
        status, body, _ = cls.api("PUT", f"/api/v1/export/templates/{template_id}/assets/{name}",
                                  token=cls.role_tokens[role], raw=TINY_PNG, headers={"Content-Type": "image/png"})
        assert status in (200, 201), body
        return name

    @classmethod
    def new_job(cls, role):
        """A JSON export asked by `role`: a biller's is an insurance report of the session with
        the planted note, a therapist's is about their home patient."""
        token = cls.role_tokens[role]
        if role == "biller":
            body = {"patient_id": cls.home["therapist"], "session_ids": [cls.marker_session], "format": "json"}
            kind = "insurance-report"
        else:
            body = {"patient_id": cls.home.get(role, cls.home["therapist"]), "format": "json"}
            kind = "progress-report"
        status, accepted, _ = cls.api("POST", f"/api/v1/export/{kind}", body, token)
        assert status == 202, accepted
        return accepted["job_id"]

    @classmethod
    def finished_job(cls, role):
        job_id = cls.new_job(role)
        job = wait_for_job(cls.server, cls.role_tokens[role], job_id)
        assert job["status"] == "completed", job
        return job_id

    @classmethod
    def new_schedule(cls, role):
        """A monthly report scheduled by `role`, of the same export new_job makes."""
        body = {"export_type": "progress_report", "format": "json",
                "patient_id": cls.home.get(role, cls.home["therapist"]), "schedule_type": "monthly",
                "schedule_config": {"time": "08:00", "day_of_month": 1}}
        if role == "biller":
            body["export_type"] = "insurance_report"
        status, created, _ = cls.api("POST", "/api/v1/export/scheduled", body, cls.role_tokens[role])
        assert status == 201, created
        return created["id"]

    @classmethod
    def finished_bulk_export(cls, role):
        """A FHIR Bulk Data export by `role`, finished: the id of its status URL."""
        headers = {"Prefer": "respond-async", "Accept": "application/fhir+json"}
        status, body, answer = request(cls.server, "GET", "/fhir/r4/$export?_type=Patient",
                                       token=cls.role_tokens[role], headers=headers)
        assert status == 202, body
        status_path = answer["Content-Location"].split("/fhir/r4/", 1)[1]
        for _ in range(600):
            status, body, _ = request(cls.server, "GET", "/fhir/r4/" + status_path, token=cls.role_tokens[role])
            if status == 200:
                return status_path.rsplit("/", 1)[1]
            assert status == 202, body
            time.sleep(0.05)
        raise AssertionError("the bulk export did not finish")

    @classmethod
    def group_ids(cls, role):
        """A Group is a therapist's caseload: a therapist's own, and the other therapist's as
        the foreign one; admins and billers see every caseload."""
        acting = cls.acting_as(role)
        if acting in cls.home:
            return {"own": f"caseload-{cls.users[acting]}",
                    "foreign": f"caseload-{cls.users[cls.other_role(role)]}"}
        return {"own": f"caseload-{cls.users['therapist']}", "foreign": None}

    # Which ids a caller owns, which are someone else's ------------------------------------

    @classmethod
    def patient_of(cls, family, item):
        return item["id"] if family == "patients" else item.get("patient_id")

    @staticmethod
    def object_id(item):
        return item["id"] if "id" in item else f"{item['patient_id']}:{item['user_id']}"

    @classmethod
    def readable_by(cls, family, item, user):
        return family != "notes" or item["kind"] != "psychotherapy_note" or item["author_id"] == user

    @classmethod
    def acting_as(cls, role):
        """The caller whose things `role` asks about: callers without a valid token try the
        therapist's."""
        return role if role in cls.users else "therapist"

    @classmethod
    def record_ids(cls, family, role):
        """{own, foreign} ids of a record resource for `role`. foreign only for a therapist and
        a patient's record: one of a patient not on their care team."""
        items = cls.records[family]
        user = cls.users[cls.acting_as(role)]
        if not any(cls.patient_of(family, i) for i in items):
            if family == "users":
                return {"own": user, "foreign": None}
            return {"own": cls.object_id(items[0]) if items else None, "foreign": None}
        therapist = cls.acting_as(role) in cls.home
        mine = cls.visible.get(user, set()) if therapist else None
        home = cls.home.get(cls.acting_as(role), cls.home["therapist"])
        own = [i for i in items if (mine is None or cls.patient_of(family, i) in mine)
               and cls.readable_by(family, i, user)]
        own.sort(key=lambda i: cls.patient_of(family, i) != home)
        foreign = [i for i in items if therapist and cls.patient_of(family, i) not in mine]
        foreign.sort(key=lambda i: cls.patient_of(family, i) != cls.home[cls.other_role(role)])
        return {"own": cls.object_id(own[0]) if own else None,
                "foreign": cls.object_id(foreign[0]) if foreign else None}

    @classmethod
    def other_role(cls, role):
        return {"therapist": "other_therapist"}.get(cls.acting_as(role), "therapist")

    @classmethod
    def ids(cls, family, role, fresh=False):
        """{own, foreign, missing} for a family of ids; `fresh` for a request that may destroy
        what it names (DELETE): new objects, made for this one request."""
        acting = cls.acting_as(role)
        private = role not in UNAUTHENTICATED and acting != "admin"
        if family in cls.records:
            out = cls.record_ids(family, role)
        elif family == "jobs":
            other = cls.other_role(role)
            out = {"own": cls.finished_job(acting) if fresh else cls.jobs[acting],
                   "foreign": (cls.finished_job(other) if fresh else cls.jobs[other]) if private else None}
        elif family == "templates":
            out = {"own": cls.new_template(acting) if fresh else cls.templates[acting], "foreign": None}
        elif family == "assets":
            out = {"own": "logo.png", "foreign": None}
        elif family == "bulk-exports":
            other = cls.other_role(role)
            out = {"own": cls.finished_bulk_export(acting) if fresh else cls.bulk_exports[acting],
                   "foreign": (cls.finished_bulk_export(other) if fresh else cls.bulk_exports[other])
                   if private else None}
        elif family == "scheduled":
            other = cls.other_role(role)
            out = {"own": cls.new_schedule(acting) if fresh else cls.schedules[acting],
                   "foreign": (cls.new_schedule(other) if fresh else cls.schedules[other]) if private else None}
        elif family == "groups":
            out = cls.group_ids(role)
            out["missing"] = f"caseload-{unknown_id()}"
        elif family == "bulk-files":
            out = {"own": "Patient.ndjson", "foreign": None}
        elif family == "tokens":
            out = {"own": cls.issue_token(cls.users[acting])[1] if fresh else cls.static_tokens[acting],
                   "foreign": None}
        else:
            out = {"own": None, "foreign": None}
        own = out["own"]
        if family == "groups":
            pass
        elif family == "assets":
            out["missing"] = "no-such-asset.png"
        elif own and ":" in own:
            out["missing"] = ":".join(unknown_id() for _ in own.split(":"))
        else:
            out["missing"] = unknown_id()
        return out

    # Building the requests -----------------------------------------------------------------

    def schema(self, node):
        while isinstance(node, dict) and "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[1]
            node = self.openapi["components"]["schemas"][name]
        return node

    def parameters(self, path_item, operation):
        params = []
        for p in path_item.get("parameters", []) + operation.get("parameters", []):
            if "$ref" in p:
                p = self.openapi["components"]["parameters"][p["$ref"].rsplit("/", 1)[1]]
            params.append(p)
        return params

    def operations(self):
        for template, path_item in self.openapi["paths"].items():
            for method, operation in path_item.items():
                if method in ("get", "post", "put", "patch", "delete"):
                    yield method.upper(), template, path_item, operation

    def known_families(self):
        return set(self.records) | EXPORT_FAMILIES

    def variants(self, method, template, path_item, operation, role):
        """The requests of one route for one caller: ids in the path (and the body's id
        members), then each id filter of the query on its own; each with the caller's own
        ids, with other people's, and with ids nobody has."""
        path_params = path_families(template)
        query_ids = [p["name"] for p in self.parameters(path_item, operation)
                     if p.get("in") == "query" and family_of_member(p["name"])]
        body_spec = operation.get("requestBody", {}).get("content", {})
        body_schema = self.schema(body_spec["application/json"]["schema"]) if "application/json" in body_spec else None
        raw_type = None if body_schema is not None or not body_spec else next(iter(body_spec))
        body_ids = {}
        if body_schema is not None and method != "PATCH":
            for name, prop in body_schema.get("properties", {}).items():
                family = family_of_member(name)
                if family in self.known_families() and name != "author_id":
                    body_ids[name] = (family, prop.get("type") == "array")
        fresh = method == "DELETE"
        families = set(path_params.values()) | {f for f, _ in body_ids.values()}
        ids = {f: self.ids(f, role, fresh=fresh) for f in families}

        def body_with(pick, member=None):
            """The body's id members from `pick`; with `member` = (name, value), that one
            member is `value` and the others the caller's own."""
            if body_schema is None:
                return None
            body = {}
            for name, (family, many) in body_ids.items():
                value = pick(family) if member is None else (member[1] if name == member[0] else ids[family]["own"])
                if value is not None:
                    body[name] = [value] if many else value
            fmt = self.schema(body_schema.get("properties", {}).get("format", {}))
            if "enum" in fmt:
                body["format"] = next((f for f in ("json", "html") if f in fmt["enum"]), fmt["enum"][0])
            return body

        def build(kind, pick, query=None):
            path = template
            privates = []
            for param, family in path_params.items():
                value = pick(family)
                if value is None:
                    return None
                path = path.replace("{" + param + "}", value)
            for family in families:
                if kind in ("foreign", "missing") and ids[family]["foreign"] is not None:
                    privates.append(pick(family))
            body = TINY_PNG if raw_type else body_with(pick)
            return Variant(method, template, role, kind, path, query or {}, body, raw_type, privates)

        def pickers(id_map, fams):
            """own; foreign and its stand-in, missing (other families stay own, so that only
            the private ids differ between the two); then everything missing."""
            out = [("own", lambda f: id_map[f]["own"])]
            if any(id_map[f]["foreign"] for f in fams):
                out.append(("foreign", lambda f: id_map[f]["foreign"] or id_map[f]["own"]))
                out.append(("missing", lambda f: id_map[f]["missing"] if id_map[f]["foreign"] else id_map[f]["own"]))
            if fams:
                out.append(("all_missing", lambda f: id_map[f]["missing"]))
            return out

        result = []
        for kind, pick in pickers(ids, families):
            v = build(kind, pick)
            if v:
                result.append(v)
        # With several private members in the body, each one on its own as well: a request
        # must not tell a foreign session from a missing one next to a patient of the caller.
        private_members = [n for n, (f, _) in body_ids.items() if ids[f]["foreign"]]
        if len(private_members) > 1 and not path_params:
            for name in private_members:
                family = body_ids[name][0]
                for kind in ("foreign", "missing"):
                    value = ids[family][kind]
                    v = build("own", lambda f: ids[f]["own"])
                    v.kind, v.privates, v.query_key = kind, [value], ("body." + name,)
                    v.body = body_with(None, (name, value))
                    result.append(v)
        # Each id filter of the query on its own, the path with the caller's own ids.
        for name in query_ids:
            family = family_of_member(name)
            if family not in self.known_families():
                continue
            qids = self.ids(family, role)
            for kind, pick in pickers({family: qids}, {family}):
                if kind == "all_missing" and qids["foreign"]:
                    continue  # the same request as "missing"
                value = pick(family)
                if value is None:
                    continue
                v = build("own", lambda f: ids[f]["own"], {name: value})
                if v:
                    v.kind = kind
                    v.privates = [value] if kind in ("foreign", "missing") and qids["foreign"] else []
                    result.append(v)
        if role in UNAUTHENTICATED:
            result = [v for v in result if v.kind in ("own", "all_missing")]
        return result

    # Running it ------------------------------------------------------------------------------

    def snapshot(self, variant):
        """What the admin reads at the variant's path, for a change refused on someone else's
        object; None when the path cannot be read."""
        if variant.method == "GET" or variant.kind != "foreign":
            return None
        if not any(m == "GET" and t == variant.template for m, t, _, _ in self.operations()):
            return None
        status, body, _ = request(self.server, "GET", variant.path, token=self.admin)
        if isinstance(body, dict):
            body = {k: v for k, v in body.items() if k != "download_url"}
        return status, body

    def run_variant(self, v):
        token = self.role_tokens[v.role]
        before = self.snapshot(v)
        if v.raw_type:
            v.status, v.payload, v.headers = request(self.server, v.method, v.url(), token=token, raw=v.body,
                                                     headers={"Content-Type": v.raw_type})
        else:
            v.status, v.payload, v.headers = request(self.server, v.method, v.url(), body=v.body, token=token)
        if is_fhir(v.template) and v.headers.get("Content-Type") == "application/fhir+json":
            v.payload = json.loads(v.payload)
        v.unchanged = before is None or before == self.snapshot(v)

    def results(self):
        cls = type(self)
        if cls._results is None:
            started = time.monotonic()
            done = []
            for method, template, path_item, operation in self.operations():
                for role in ROLES:
                    for v in self.variants(method, template, path_item, operation, role):
                        self.run_variant(v)
                        done.append(v)
            cls._results = done
            cls.matrix_seconds = time.monotonic() - started
        return cls._results

    @staticmethod
    def text(payload):
        if isinstance(payload, (dict, list)):
            return json.dumps(payload, ensure_ascii=False)
        return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else str(payload)

    def check(self, failures, limit=40):
        if failures:
            self.fail(f"{len(failures)} failures, the first {min(limit, len(failures))}:\n"
                      + "\n".join(failures[:limit]))

    # The assertions ---------------------------------------------------------------------------

    def test_every_documented_route_is_in_the_matrix(self):
        results = self.results()
        routes = {(m, t) for m, t, _, _ in self.operations()}
        self.assertGreaterEqual(len(routes), 60, "the API description lost its routes")
        asked = {(v.method, v.template) for v in results}
        self.assertEqual(routes - asked, set(), "routes the matrix did not ask")
        for role in ROLES:
            self.assertEqual({(v.method, v.template) for v in results if v.role == role}, routes, role)
        unknown = {(t, p, f) for _, t, _, _ in self.operations() for p, f in path_families(t).items()
                   if f not in self.known_families()}
        self.assertEqual(unknown, set(), "path parameters the matrix cannot fill: teach it their family")
        kinds = {v.kind for v in results}
        self.assertEqual(kinds, {"own", "foreign", "missing", "all_missing"})
        # Each private family really has someone else's object for each therapist.
        for role in ("therapist", "other_therapist"):
            for family in list(self.records) + ["jobs"]:
                ids = self.ids(family, role)
                self.assertIsNotNone(ids["own"], (family, role))
                if family in self.records and any(self.patient_of(family, i) for i in self.records[family]):
                    self.assertIsNotNone(ids["foreign"], (family, role))

    def test_no_route_answers_5xx_and_every_error_has_the_json_shape(self):
        failures = []
        for v in self.results():
            if v.status >= 500:
                failures.append(f"{v}: {v.status} {self.text(v.payload)[:200]}")
            elif v.status >= 400 and is_fhir(v.template):
                body = v.payload
                if not (isinstance(body, dict) and body.get("resourceType") == "OperationOutcome"
                        and all(isinstance(i.get("diagnostics"), str) for i in body.get("issue", [None]))):
                    failures.append(f"{v}: {v.status} is not an OperationOutcome: {self.text(body)[:200]}")
            elif v.status >= 400:
                body = v.payload
                if not (isinstance(body, dict) and isinstance(body.get("error"), str)
                        and isinstance(body.get("detail"), str)):
                    failures.append(f"{v}: {v.status} is not the JSON error shape: {self.text(body)[:200]}")
        self.check(failures)
        self.assert_serving()

    def test_without_a_valid_token_only_the_open_routes_answer(self):
        failures = []
        open_routes = {(m, t) for m, t, _, op in self.operations() if op.get("security") == []}
        self.assertEqual(open_routes, {("GET", "/healthz"), ("GET", "/api/v1/openapi.json"),
                                       ("GET", "/fhir/r4/metadata")})
        refusals, fhir_refusals = set(), set()
        for v in self.results():
            is_open = (v.method, v.template) in open_routes
            if v.role in UNAUTHENTICATED:
                if is_open:
                    if v.status != 200:
                        failures.append(f"{v}: {v.status}, an open route")
                elif v.status != 401:
                    failures.append(f"{v}: {v.status} {self.text(v.payload)[:160]}, expected 401")
                else:
                    (fhir_refusals if is_fhir(v.template) else refusals).add(json.dumps(v.payload, sort_keys=True))
                    if v.headers.get("WWW-Authenticate") != "Bearer":
                        failures.append(f"{v}: 401 without WWW-Authenticate: Bearer")
            elif v.status == 401:
                failures.append(f"{v}: a valid token got 401")
        self.check(failures)
        self.assertEqual(len(refusals), 1, f"a 401 tells tokens apart: {refusals}")
        self.assertEqual(json.loads(refusals.pop())["error"], "unauthenticated")
        self.assertEqual(len(fhir_refusals), 1, f"a 401 tells tokens apart: {fhir_refusals}")
        self.assertEqual(json.loads(fhir_refusals.pop())["issue"][0]["code"], "login")

    def test_someone_elses_object_is_answered_like_one_that_does_not_exist(self):
        """Status and whole body, with the id itself (when echoed) as the only difference."""
        pairs = {}
        for v in self.results():
            if v.kind in ("foreign", "missing"):
                pairs.setdefault((v.method, v.template, v.role, v.query_key), {})[v.kind] = v
        failures = []
        compared = 0
        for key, pair in pairs.items():
            self.assertEqual(set(pair), {"foreign", "missing"}, key)
            foreign, missing = pair["foreign"], pair["missing"]

            def normal(v):
                text = self.text(v.payload)
                for private in v.privates:
                    text = text.replace(private, "<id>")
                return text
            compared += 1
            if (foreign.status, normal(foreign)) != (missing.status, normal(missing)):
                failures.append(f"{foreign}: {foreign.status} {normal(foreign)[:160]}\n"
                                f"    but for an unknown id {missing.status} {normal(missing)[:160]}")
            if foreign.status < 300 and foreign.method != "GET":
                failures.append(f"{foreign}: {foreign.status}, a change to someone else's object was accepted")
            if not foreign.unchanged:
                failures.append(f"{foreign}: the refused request changed the object")
        self.check(failures)
        # Each therapist and the biller were compared on the routes with private ids.
        roles = {k[2] for k in pairs}
        self.assertEqual(roles, {"therapist", "other_therapist", "biller"})
        self.assertGreaterEqual(compared, 60)

    def test_billers_get_403_on_notes_and_never_read_a_note(self):
        failures = []
        seen_download = False
        needles = [m for pair in self.markers.values() for m in pair]
        for v in self.results():
            if v.role != "biller":
                continue
            if v.template.startswith("/api/v1/notes") and v.status != 403:
                failures.append(f"{v}: {v.status}, expected 403")
            text = self.text(v.payload)
            for needle in needles:
                if needle in text:
                    failures.append(f"{v}: the answer holds the note text {needle}")
            if v.template == "/api/v1/export/download/{job_id}" and v.kind == "own":
                # The report covers the session whose notes carry the markers.
                seen_download = v.status == 200 and self.marker_session in text
        self.check(failures)
        self.assertTrue(seen_download, "the biller's own insurance report was downloaded and read")

    def test_nothing_of_another_therapists_patient_reaches_a_therapist(self):
        """The other therapist's client's name and note markers never appear in an answer to
        a therapist, and the other way round; each does appear in answers to their own."""
        failures = []
        seen = {role: set() for role in ("therapist", "other_therapist")}
        for v in self.results():
            if v.role not in seen:
                continue
            other = self.other_role(v.role)
            text = self.text(v.payload)
            for needle in (*self.markers[other], self.names[other]):
                if needle in text:
                    failures.append(f"{v}: the answer holds {needle!r} of the other therapist's client")
            for needle in (self.markers[v.role][0], self.names[v.role]):
                if needle in text:
                    seen[v.role].add(needle)
        self.check(failures)
        for role, found in seen.items():
            self.assertEqual(found, {self.markers[role][0], self.names[role]}, f"{role} read their own client")


if __name__ == "__main__":
    unittest.main()
