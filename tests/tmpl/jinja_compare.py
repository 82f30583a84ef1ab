#!/usr/bin/env python3
"""Cross-checks tests/tmpl/cases/*.case against Python's Jinja2 (a development aid, not part
of CI): renders each case with Environment(autoescape=True, undefined=ChainableUndefined)
and reports where Jinja2 disagrees with the expected output. Cases whose name ends in
"(dossier)" describe Dossier-specific behaviour (e.g. the date filter) and are skipped.

    python3 tests/tmpl/jinja_compare.py [case-file ...]
"""
import glob
import json
import os
import sys

import jinja2


def load(path):
    cases, cur, section, arg, body = [], None, None, None, []

    def flush():
        if cur is not None and section is not None:
            text = "\n".join(body)
            if section == "partial":
                cur.setdefault("partials", {})[arg] = text
            else:
                cur[section] = text

    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for line in lines:
        if line.startswith("=== "):
            if body and body[-1] == "":
                body.pop()
            flush()
            cur = {"name": line[4:]}
            cases.append(cur)
            section, body = None, []
        elif line.startswith("--- ") and cur is not None:
            flush()
            parts = line[4:].split()
            section, arg, body = parts[0], parts[1] if len(parts) > 1 else None, []
        elif section is not None:
            body.append(line)
    flush()
    return cases


def main(paths):
    here = os.path.dirname(os.path.abspath(__file__))
    paths = paths or sorted(glob.glob(os.path.join(here, "cases", "*.case")))
    bad = 0
    for path in paths:
        for case in load(path):
            if case["name"].endswith("(dossier)"):
                continue
            env = jinja2.Environment(autoescape=True, undefined=jinja2.ChainableUndefined,
                                     loader=jinja2.DictLoader(case.get("partials", {})))
            ctx = json.loads(case.get("context", "{}"))
            try:
                out = env.from_string(case["template"]).render(**ctx)
                err = None
            except Exception as e:  # noqa: BLE001 - any Jinja failure counts as an error
                out, err = None, e
            if "expect" in case and out != case["expect"]:
                bad += 1
                print(f"{os.path.basename(path)}: {case['name']}\n  expected {case['expect']!r}\n"
                      f"  jinja2   {out!r} {err or ''}")
            elif "error" in case and err is None:
                print(f"{os.path.basename(path)}: {case['name']}: jinja2 renders {out!r} "
                      "(Dossier reports an error)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
