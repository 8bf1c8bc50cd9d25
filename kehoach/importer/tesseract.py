"""Tesseract, run on one image, its words read from its TSV output: what OCR of a page
(`pdf.ocr`) and the re-reading of a handwritten field (`handwriting`) both ask of it."""

from __future__ import annotations

import csv
import io
import os
import subprocess
from pathlib import Path


def tsv_rows(image: Path, options: list[str], timeout: int) -> tuple[list[dict], str | None]:
    """The rows of Tesseract's TSV for `image` read with `options` ("-l vie --psm 3"), and its error
    text when it failed. One thread per process (OMP_THREAD_LIMIT=1): pages are read one per core,
    and Tesseract's own threads only slowed it here (9.4 s a page against 1.6 s)."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    out = subprocess.run(["tesseract", str(image), "stdout", *options, "tsv"],
                         capture_output=True, text=True, env=env, check=False, timeout=timeout)
    if out.returncode != 0:
        return [], out.stderr.strip()[-200:] or f"exit {out.returncode}"
    return list(csv.DictReader(io.StringIO(out.stdout), delimiter="\t", quoting=csv.QUOTE_NONE)), None


def words(rows: list[dict]) -> list[dict]:
    """The rows that are words (level 5) with text."""
    return [r for r in rows if r.get("level") == "5" and (r.get("text") or "").strip()]
