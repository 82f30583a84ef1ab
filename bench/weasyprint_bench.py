"""WeasyPrint side of the document benchmark: renders each HTML file given on the command
line to PDF, warm, in this one Python process, and prints one JSON line per file.

Usage: weasyprint_bench.py ITERATIONS FILE.html...
Run with Debian's /usr/bin/python3 (package weasyprint)."""
import json
import sys
import time

import weasyprint


def main():
    iterations = int(sys.argv[1])
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            html = f.read()
        doc = weasyprint.HTML(string=html)
        doc.write_pdf()  # warm-up: fonts, caches
        start = time.perf_counter()
        for _ in range(iterations):
            pdf = weasyprint.HTML(string=html).write_pdf()
        ms = (time.perf_counter() - start) * 1000 / iterations
        pages = len(weasyprint.HTML(string=html).render().pages)
        print(json.dumps({"file": path, "ms_per_document": ms, "pages": pages, "bytes": len(pdf)}), flush=True)


if __name__ == "__main__":
    main()
