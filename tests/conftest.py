from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = FIXTURES / "seeds"
BIN = Path(sys.executable).parent
ENGINE = BIN / "properdocs"  # the static site engine (ProperDocs, the maintained fork of MkDocs 1.x)
CONFIG = "properdocs.yml"


@pytest.fixture
def write_doc(tmp_path):
    """Write a source document and import it: write_doc(text, name) → Imported."""
    from kehoach.importer import parse_document

    def _write(text: str, name: str = "doc.txt", encoding: str = "utf-8"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return parse_document(path)

    return _write
