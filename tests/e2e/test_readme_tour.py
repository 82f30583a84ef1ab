"""The README's five-minute tour, run as pasted against a demo server."""
import os
import re
import subprocess
import unittest

from harness import DemoPracticeTest

README = os.path.join(os.path.dirname(__file__), "../../README.md")


def tour_script():
    with open(README) as f:
        text = f.read()
    section = text.split("## Five-minute tour", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    assert blocks, "the tour has no sh block"
    return "\n".join(blocks)


class ReadmeTourTest(DemoPracticeTest):
    def test_tour_runs_as_pasted(self):
        env = dict(os.environ, DOSSIER_URL=self.server.url,
                   DOSSIER_TOKENS=os.path.join(self.data_dir, "demo-tokens.json"))
        proc = subprocess.run(["bash", "-euo", "pipefail", "-c", tour_script()], env=env, cwd=self.tmp,
                              capture_output=True, text=True, timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        out = proc.stdout
        self.assertIn('"given_name"', out)
        self.assertIn('"download_url": "/api/v1/export/download/', out)
        self.assertIn('"progress_percentage"', out)
        self.assertIn('"validation_failed"', out)
        self.assertIn('"include_sections.horoscope"', out)
        self.assertIn("\n404\n", out)
        self.assertIn('"action": "downloaded"', out)
        self.assertIn('"action": "created"', out)
        self.assertIn("%PDF-", out)


if __name__ == "__main__":
    unittest.main()
