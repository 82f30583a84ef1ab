"""Audit tampering, from the side of someone with write access to the database who wants the
log to say something else: that someone else downloaded the file, from somewhere else, at
another time, about another client; that a download never happened; that one happened which
did not. Each edit, removal and slipped-in row is named by `dossier audit verify` and by
GET /api/v1/export/audit/verify alike (the row, its place, the problem), and once the log is
put back as it was, both say it is intact again. No route of the API changes the log.

The chain's hashes are HMACs under DATA_DIR/keys/audit.secret, which the attacker here does not
have: a chain rewritten with every hash recomputed (as plain SHA-256, or under a key of their
own), or a row forged at the head with a hash that fits its content, is named all the same.
Rows cut from the end leave a shorter chain that verifies; a head kept outside the database
(--expect-head, ?expect_seq=&expect_hash=) names the cut.

tests/e2e/test_audit_chain.py already covers who may verify, the report's fields, one edited
action and appends after the damage; this suite covers the other columns, restoring, removals
and insertions.
"""
import hashlib
import hmac
import json
import os
import unittest
import uuid

from attacker import AttackerPracticeTest, query_sql, run_cli, run_sql, wait_for_job

COLUMNS = "id, export_job_id, user_id, patient_id, action, ip_address, user_agent, metadata, created_at, seq, prev_hash, row_hash"


class AuditTamperingTest(AttackerPracticeTest):
    patients = 4

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.jobs = []
        for therapist in (cls.therapist, cls.other_therapist, cls.therapist):
            status, accepted, _ = cls.api("POST", "/api/v1/export/full-record",
                                          {"patient_id": therapist["patient_ids"][0], "format": "json"},
                                          therapist["token"])
            assert status == 202, accepted
            cls.jobs.append((therapist, accepted["job_id"]))
        for therapist, job_id in cls.jobs:
            job = wait_for_job(cls.server, therapist["token"], job_id)
            assert job["status"] == "completed", job
            status, _, _ = cls.api("GET", job["download_url"], token=therapist["token"])
            assert status == 200

    def setUp(self):
        self.assert_intact()
        run_sql(self.data_dir, "CREATE TABLE audit_backup AS SELECT * FROM export_audit_log")
        self.addCleanup(self.restore_all)

    def restore_all(self):
        run_sql(self.data_dir, "DELETE FROM export_audit_log")
        run_sql(self.data_dir, f"INSERT INTO export_audit_log ({COLUMNS}) SELECT {COLUMNS} FROM audit_backup")
        run_sql(self.data_dir, "DROP TABLE audit_backup")
        self.assert_intact()

    # Reading the chain and its verdicts ----------------------------------------------------

    def chain(self):
        """[(seq, id, action, user_id, row_hash)] in chain order."""
        return [(int(seq), row_id, action, user, row_hash) for seq, row_id, action, user, row_hash in query_sql(
            self.data_dir, "SELECT seq, id, action, user_id, row_hash FROM export_audit_log WHERE seq IS NOT NULL "
                           "ORDER BY seq")]

    def a_download_in_the_middle(self):
        """The first job's 'downloaded' row: rows follow it, so it is not the chain's head."""
        rows = self.chain()
        job_id = self.jobs[0][1]
        found = query_sql(self.data_dir, f"SELECT id FROM export_audit_log WHERE export_job_id = '{job_id}' "
                                         "AND action = 'downloaded'")
        self.assertEqual(len(found), 1)
        row_id = found[0][0]
        position = next(i for i, r in enumerate(rows) if r[1] == row_id)
        self.assertLess(position, len(rows) - 3, "rows follow the download")
        return rows[position], rows[position + 1]

    def verdicts(self, head=None):
        """The endpoint's report and the CLI's run, both told to expect `head` (seq, row_hash)."""
        query, flags = "", []
        if head:
            query, flags = f"?expect_seq={head[0]}&expect_hash={head[1]}", ["--expect-head", f"{head[0]}:{head[1]}"]
        status, report, _ = self.call("GET", "/api/v1/export/audit/verify" + query, token=self.admin)
        self.assertEqual(status, 200, report)
        cli = run_cli("audit", "verify", "--data-dir", self.data_dir, *flags, check=False)
        return report, cli

    def assert_intact(self):
        report, cli = self.verdicts()
        self.assertTrue(report["ok"], report)
        self.assertIsNone(report["first_broken"])
        self.assertEqual(cli.returncode, 0, cli.stderr)
        self.assertIn("intact", cli.stdout)

    def assert_named(self, row_id, problem, what):
        report, cli = self.verdicts()
        self.assertFalse(report["ok"], f"{what}: the endpoint did not notice")
        broken = report["first_broken"]
        self.assertEqual((broken["id"], broken["problem"]), (row_id, problem), what)
        self.assertEqual(cli.returncode, 1, f"{what}: the CLI did not notice: {cli.stdout}")
        self.assertIn(row_id, cli.stderr, what)
        self.assertIn(problem, cli.stderr, what)
        if broken["seq"] is not None:
            self.assertIn(f"seq {broken['seq']}", cli.stderr, what)
        return broken

    # Edits -------------------------------------------------------------------------------------

    def test_rewriting_who_what_when_and_where_of_a_download_is_named(self):
        (seq, row_id, action, user, _), _ = self.a_download_in_the_middle()
        self.assertEqual(action, "downloaded")
        other_job = self.jobs[1][1]
        forgeries = {
            "user_id": f"'{self.other_therapist['user_id']}'",  # someone else did it
            "patient_id": f"'{self.other_therapist['patient_ids'][0]}'",
            "export_job_id": f"'{other_job}'",
            "ip_address": "'203.0.113.9'",
            "user_agent": "'Mozilla/5.0'",
            "metadata": "'{\"file_sha256\": \"0000\"}'",
            "created_at": "'2020-01-01T00:00:00.000Z'",
            "prev_hash": f"'{'0' * 64}'",
            "row_hash": f"'{'f' * 64}'",
        }
        for column, value in forgeries.items():
            run_sql(self.data_dir, f"UPDATE export_audit_log SET {column} = {value} WHERE id = '{row_id}'")
            broken = self.assert_named(row_id, "altered", column)
            self.assertEqual(broken["seq"], seq)
            run_sql(self.data_dir, f"UPDATE export_audit_log SET {column} = (SELECT {column} FROM audit_backup "
                                   f"WHERE audit_backup.id = export_audit_log.id) WHERE id = '{row_id}'")
            self.assert_intact()

    def row(self, row_id):
        names = [c.strip() for c in COLUMNS.split(",")]
        values = query_sql(self.data_dir, f"SELECT {COLUMNS} FROM export_audit_log WHERE id = '{row_id}'")[0]
        return dict(zip(names, values))

    @staticmethod
    def hashed_content(row):
        """The text a row's hash covers, as audit_chain.cpp builds it, redone here: the canonical
        JSON array of the previous hash and the row's content."""
        try:
            metadata = json.loads(row["metadata"]) if row["metadata"] is not None else None
        except ValueError:
            metadata = row["metadata"]
        content = [row["prev_hash"], int(row["seq"]), row["id"], row["export_job_id"], row["user_id"],
                   row["patient_id"], row["action"], row["ip_address"], row["user_agent"], metadata, row["created_at"]]
        return json.dumps(content, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()

    @classmethod
    def plain_hash(cls, row):
        """The hash the chain had before the audit key, and all an attacker without it can make."""
        return hashlib.sha256(cls.hashed_content(row)).hexdigest()

    @classmethod
    def keyed_hash(cls, row, key):
        return hmac.new(key, cls.hashed_content(row), hashlib.sha256).hexdigest()

    def audit_key(self):
        """What only someone holding DATA_DIR/keys has: the chain's HMAC key."""
        with open(os.path.join(self.data_dir, "keys", "audit.secret")) as f:
            return bytes.fromhex(f.read().strip())

    def test_an_edited_row_given_a_hash_that_fits_breaks_the_link_after_it(self):
        """Even with the key (read here from DATA_DIR/keys, which the database does not hold), an
        edited row given a hash that fits leaves the row after it no longer following."""
        key = self.audit_key()
        for _, row_id, _, _, row_hash in self.chain():
            self.assertEqual(self.keyed_hash(self.row(row_id), key), row_hash, row_id)
        (_, row_id, _, _, _), (_, next_id, _, _, _) = self.a_download_in_the_middle()
        edited = dict(self.row(row_id), user_id=self.other_therapist["user_id"])
        run_sql(self.data_dir, f"UPDATE export_audit_log SET user_id = '{edited['user_id']}', "
                               f"row_hash = '{self.keyed_hash(edited, key)}' WHERE id = '{row_id}'")
        self.assert_named(next_id, "does not follow the previous row", "a recomputed hash")

    def test_a_rewrite_with_every_hash_recomputed_without_the_key_is_named(self):
        """Who did the download is changed and every hash from that row on recomputed, the whole
        chain made to look whole: as plain SHA-256, or as an HMAC under a key of one's own."""
        forgers = {
            "plain SHA-256": self.plain_hash,
            "an HMAC under another key": lambda row: self.keyed_hash(row, os.urandom(32)),
        }
        (seq, row_id, _, _, _), _ = self.a_download_in_the_middle()
        for what, forge in forgers.items():
            run_sql(self.data_dir, f"UPDATE export_audit_log SET user_id = '{self.other_therapist['user_id']}' "
                                   f"WHERE id = '{row_id}'")
            self.rehash_chain_from(seq, forge)
            broken = self.assert_named(row_id, "altered", what)
            self.assertEqual(broken["seq"], seq)
            self.restore_rows()

    def rehash_chain_from(self, seq, hash_row):
        """Gives every chain row from `seq` on the prev_hash and row_hash `hash_row` makes, as one
        would who edited that row and wants the chain after it to look whole."""
        prev = query_sql(self.data_dir, f"SELECT row_hash FROM export_audit_log WHERE seq = {seq - 1}")[0][0]
        for row_seq, row_id, _, _, _ in self.chain():
            if row_seq < seq:
                continue
            row = dict(self.row(row_id), prev_hash=prev)
            prev = hash_row(row)
            run_sql(self.data_dir, f"UPDATE export_audit_log SET prev_hash = '{row['prev_hash']}', "
                                   f"row_hash = '{prev}' WHERE id = '{row_id}'")

    def restore_rows(self):
        run_sql(self.data_dir, "DELETE FROM export_audit_log")
        run_sql(self.data_dir, f"INSERT INTO export_audit_log ({COLUMNS}) SELECT {COLUMNS} FROM audit_backup")
        self.assert_intact()

    # Removals ----------------------------------------------------------------------------------

    def test_a_removed_row_is_named_by_the_row_after_it(self):
        (seq, row_id, _, _, _), (next_seq, next_id, _, _, _) = self.a_download_in_the_middle()
        self.assertEqual(next_seq, seq + 1)
        run_sql(self.data_dir, f"DELETE FROM export_audit_log WHERE id = '{row_id}'")
        broken = self.assert_named(next_id, "deleted before this row", "the download removed")
        self.assertEqual(broken["seq"], next_seq)
        run_sql(self.data_dir, f"INSERT INTO export_audit_log ({COLUMNS}) SELECT {COLUMNS} FROM audit_backup "
                               f"WHERE id = '{row_id}'")
        self.assert_intact()

        first, second = self.chain()[:2]
        run_sql(self.data_dir, f"DELETE FROM export_audit_log WHERE id = '{first[1]}'")
        self.assert_named(second[1], "deleted before this row", "the first row removed")
        run_sql(self.data_dir, f"INSERT INTO export_audit_log ({COLUMNS}) SELECT {COLUMNS} FROM audit_backup "
                               f"WHERE id = '{first[1]}'")
        self.assert_intact()

        # Every trace of one job, all its rows at once.
        job_id = self.jobs[1][1]
        rows = [r for r in self.chain() if r[1] in {x[0] for x in query_sql(
            self.data_dir, f"SELECT id FROM export_audit_log WHERE export_job_id = '{job_id}'")}]
        self.assertGreaterEqual(len(rows), 3)
        run_sql(self.data_dir, f"DELETE FROM export_audit_log WHERE export_job_id = '{job_id}'")
        after = next(r for r in self.chain() if r[0] > rows[0][0])
        self.assert_named(after[1], "deleted before this row", "a whole job removed")

    def test_the_newest_row_deleted_is_named_against_a_head_kept_elsewhere(self):
        """The shorter chain verifies on its own; against the head a report (or the log's
        audit_appended line) gave before, the cut is named, by the endpoint and the CLI alike."""
        report, _ = self.verdicts()
        head = (report["last_verified"]["seq"], report["last_verified"]["row_hash"])
        newest = self.chain()[-1]
        self.assertEqual(head, (newest[0], newest[4]))
        report, cli = self.verdicts(head)
        self.assertTrue(report["ok"], report)
        self.assertEqual(cli.returncode, 0, cli.stderr)
        run_sql(self.data_dir, f"DELETE FROM export_audit_log WHERE seq = {head[0]}")
        self.assert_intact()
        report, cli = self.verdicts(head)
        self.assertFalse(report["ok"], "the endpoint did not notice the cut")
        self.assertEqual(report["first_broken"], {"seq": head[0], "id": "", "problem": "deleted from the end"})
        self.assertEqual(report["last_verified"]["seq"], head[0] - 1)
        self.assertEqual(cli.returncode, 1, cli.stdout)
        self.assertIn(f"seq {head[0]}", cli.stderr)
        self.assertIn("deleted from the end", cli.stderr)
        # A row put in its place, with the hash that fits under no key, is no better.
        forged = self.forge(head[0], self.chain()[-1][4], None)
        run_sql(self.data_dir, f"UPDATE export_audit_log SET row_hash = '{self.plain_hash(self.row(forged))}' "
                               f"WHERE id = '{forged}'")
        report, _ = self.verdicts(head)
        self.assertEqual(report["first_broken"]["problem"], "altered")

    def test_a_row_taken_out_of_the_chain_is_named(self):
        (_, row_id, _, _, _), (_, next_id, _, _, _) = self.a_download_in_the_middle()
        run_sql(self.data_dir, f"UPDATE export_audit_log SET seq = NULL WHERE id = '{row_id}'")
        self.assert_named(next_id, "deleted before this row", "seq cleared")

    # Insertions --------------------------------------------------------------------------------

    def forge(self, seq, prev_hash, row_hash, user_id=None):
        """A 'downloaded' row for the first job, made up: the biller downloading it, by default."""
        forged = str(uuid.uuid4())
        job_id = self.jobs[0][1]
        patient_id = self.jobs[0][0]["patient_ids"][0]
        sql_value = lambda v: "NULL" if v is None else f"'{v}'"  # noqa: E731
        run_sql(self.data_dir, f"INSERT INTO export_audit_log ({COLUMNS}) VALUES ('{forged}', '{job_id}', "
                               f"'{user_id or self.tokens['biller']['user_id']}', '{patient_id}', 'downloaded', "
                               f"'127.0.0.1', 'curl/8.0', '{{\"file_sha256\": \"00\"}}', "
                               f"'2026-01-01T00:00:00.000Z', {sql_value(seq)}, {sql_value(prev_hash)}, "
                               f"{sql_value(row_hash)})")
        return forged

    def test_a_slipped_in_row_is_named(self):
        head_seq, head_id, _, _, head_hash = self.chain()[-1]
        cases = [
            ("outside the chain", None, None, None, "inserted"),
            ("at the head, with a made-up hash", head_seq + 1, head_hash, "c" * 64, "altered"),
            ("past the head, without a link", head_seq + 5, None, None, "inserted"),
        ]
        for what, seq, prev_hash, row_hash, problem in cases:
            forged = self.forge(seq, prev_hash, row_hash)
            self.assert_named(forged, problem, what)
            run_sql(self.data_dir, f"DELETE FROM export_audit_log WHERE id = '{forged}'")
            self.assert_intact()
        # A copy of a real row's hashes, in a free place, is no better.
        (seq, _, _, _, row_hash), _ = self.a_download_in_the_middle()
        prev = query_sql(self.data_dir, f"SELECT prev_hash FROM export_audit_log WHERE seq = {seq}")[0][0]
        forged = self.forge(head_seq + 1, prev, row_hash, user_id=self.tokens["admin"]["user_id"])
        self.assert_named(forged, "altered", "a copied hash")

    def test_a_row_forged_at_the_head_with_a_hash_that_fits_its_content_is_named(self):
        """A made-up download at the head, linked to the real head and given the hash of its own
        content as the chain had it before the key (or under a key of one's own)."""
        head_seq, _, _, _, head_hash = self.chain()[-1]
        forgers = {
            "plain SHA-256": self.plain_hash,
            "an HMAC under another key": lambda row: self.keyed_hash(row, os.urandom(32)),
        }
        for what, forge in forgers.items():
            forged = self.forge(head_seq + 1, head_hash, None)
            run_sql(self.data_dir, f"UPDATE export_audit_log SET row_hash = '{forge(self.row(forged))}' "
                                   f"WHERE id = '{forged}'")
            broken = self.assert_named(forged, "altered", what)
            self.assertEqual(broken["seq"], head_seq + 1)
            run_sql(self.data_dir, f"DELETE FROM export_audit_log WHERE id = '{forged}'")
            self.assert_intact()

    def test_exports_go_on_and_verify_keeps_naming_the_same_row(self):
        (_, row_id, _, _, _), _ = self.a_download_in_the_middle()
        run_sql(self.data_dir, f"UPDATE export_audit_log SET user_id = '{self.other_therapist['user_id']}' "
                               f"WHERE id = '{row_id}'")
        self.assert_named(row_id, "altered", "before")
        self.export("progress-report", {"patient_id": self.therapist["patient_ids"][0], "format": "json"},
                    self.therapist["token"])
        self.assert_named(row_id, "altered", "after another export")

    def test_no_route_of_the_api_writes_the_audit_log(self):
        status, api, _ = self.call("GET", "/api/v1/openapi.json")
        self.assertEqual(status, 200)
        audit = {path: sorted(m for m in item if m != "parameters") for path, item in api["paths"].items()
                 if path.startswith("/api/v1/export/audit")}
        self.assertEqual(audit, {"/api/v1/export/audit": ["get"], "/api/v1/export/audit/verify": ["get"]})
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            for path in audit:
                status, body, _ = self.call(method, path, {}, self.admin)
                self.assertEqual(status, 404, (method, path, body))


if __name__ == "__main__":
    unittest.main()
