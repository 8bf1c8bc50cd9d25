"""The site builds from plans/ with a real `mkdocs build --strict`, and plan text cannot inject script."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

from .conftest import BIN, ROOT


def build(project: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-f", str(project / "mkdocs.yml"),
                           "-d", str(site)], capture_output=True, text=True,
                          env={"PATH": str(BIN), "NO_MKDOCS_2_WARNING": "1", "HOME": str(project)})


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_strict_build_has_every_plan(tmp_path):
    proc = build(ROOT, tmp_path / "site")
    assert proc.returncode == 0, proc.stderr
    assert "WARNING" not in proc.stderr
    index = (tmp_path / "site/ke-hoach/index.html").read_text("utf-8")
    for plan in (ROOT / "plans").rglob("*.md"):
        page = tmp_path / "site/ke-hoach" / plan.stem / "index.html"
        assert page.exists(), plan
        assert f'href="{plan.stem}/"' in index
    hung_ha = (tmp_path / "site/ke-hoach/kh-18-2023-ubnd-huyen-hung-ha-thai-binh/index.html").read_text("utf-8")
    assert "Ủy ban nhân dân huyện Hưng Hà" in hung_ha and "18/KH-UBND" in hung_ha
    assert 'id="i-muc-dich-yeu-cau"' in hung_ha  # heading anchors survive sanitising


HOSTILE = """---
id: kh-1-2024-ubnd-hai-phong
doc_type: Kế hoạch
number: 1/KH-UBND
symbol: KH-UBND
title: "<script>alert('title')</script> Kế hoạch"
date: '2024-01-02'
issuer: {name: "<img src=x onerror=alert('issuer')>", level: province}
area: {province: Hải Phòng, district: null, commune: null}
signer: {name: "<svg onload=alert(1)>", title: null, authority: null}
basis:
- {text: "<b onmouseover=alert(2)>Kế hoạch số 2/KH-STP</b>", doc_type: Kế hoạch, number: 2/KH-STP, date: null, issuer: null}
references: []
recipients: []
source: {file: x.txt, sha256: null}
---

Thân bài <script>alert('body')</script> và <img src="x" onerror="alert('img')">.

[bấm vào đây](javascript:alert('link')) và <a href="javascript:alert(3)">đây</a>.

<iframe src="https://example.com"></iframe><div style="x" onclick="alert(4)">chữ</div>
"""


def test_hostile_plan_produces_no_executable_markup(tmp_path):
    project = tmp_path / "project"
    (project / "plans/hai-phong").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "hooks", project / "hooks")
    (project / "plans/hai-phong/kh-1-2024-ubnd-hai-phong.md").write_text(HOSTILE, "utf-8")
    proc = build(project, tmp_path / "site")
    assert proc.returncode == 0, proc.stderr
    for page in [tmp_path / "site/ke-hoach/kh-1-2024-ubnd-hai-phong/index.html", tmp_path / "site/ke-hoach/index.html"]:
        html = page.read_text("utf-8")
        parser = Tags()
        parser.feed(html)
        main = html[html.index('<article'):html.index('</article>')]
        assert "alert(" not in "".join(
            v or "" for tag, attrs in parser.tags for k, v in attrs.items() if k.startswith("on") or k in ("href", "src"))
        assert "<script>alert" not in main and "<iframe" not in main and "javascript:" not in main
        assert not any(k.startswith("on") for _, attrs in Tags_in(main) for k in attrs)
    assert "Thân bài" in (tmp_path / "site/ke-hoach/kh-1-2024-ubnd-hai-phong/index.html").read_text("utf-8")


def Tags_in(fragment: str):
    parser = Tags()
    parser.feed(fragment)
    return parser.tags
