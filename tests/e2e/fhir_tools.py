"""What the FHIR suites share: the two npm validators over files, and the references a
resource makes."""
import json
import os
import subprocess

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def run_validators(paths):
    """Both validators (scripts/fhir-validate) over JSON or NDJSON files:
    {path: {"resources": n, "errors": [...]}}."""
    out = subprocess.run([os.path.join(REPO, "scripts", "fhir-validate"), *paths],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def references(value):
    """Every `reference` string anywhere inside `value`."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "reference" and isinstance(v, str):
                yield v
            else:
                yield from references(v)
    elif isinstance(value, list):
        for v in value:
            yield from references(v)
