"""Readers of what Dossier writes: poppler and qpdf for PDF, LibreOffice for DOCX."""
import glob
import os
import shutil
import subprocess
import tempfile


def pdf_text(pdf_bytes, layout=False):
    """Text in reading order (or, with layout, as laid out on the page)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf_bytes)
        f.flush()
        args = ["pdftotext"] + (["-layout"] if layout else []) + [f.name, "-"]
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pdf_pages(pdf_bytes):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf_bytes)
        f.flush()
        info = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def qpdf_check(pdf_bytes):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf_bytes)
        f.flush()
        proc = subprocess.run(["qpdf", "--check", f.name], capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr


def run_soffice(profile, arguments):
    """Runs headless LibreOffice with a profile of its own; returns the finished process."""
    command = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", *arguments]
    # LibreOffice now and then aborts while it sets up a fresh profile; only a crash (a
    # signal) is retried, so a file it cannot read still fails.
    for _ in range(3):
        proc = subprocess.run(command, capture_output=True, text=True, timeout=600)
        if 0 <= proc.returncode <= 128:
            break
    if proc.returncode != 0:
        raise AssertionError(f"soffice failed ({proc.returncode}): {proc.stderr}")
    return proc


def libreoffice_text(docx_files):
    """Converts DOCX files with LibreOffice in one start-up; returns {path: text}."""
    out_dir = tempfile.mkdtemp(prefix="dossier-lo-")
    profile = tempfile.mkdtemp(prefix="dossier-lo-profile-")
    try:
        run_soffice(profile, ["--convert-to", "txt:Text (encoded):UTF8", "--outdir", out_dir,
                              *docx_files])
        texts = {}
        for path in docx_files:
            name = os.path.splitext(os.path.basename(path))[0] + ".txt"
            with open(os.path.join(out_dir, name), encoding="utf-8-sig") as f:
                texts[path] = f.read()
        return texts
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
        shutil.rmtree(profile, ignore_errors=True)


def squash(text):
    return " ".join(text.split())
