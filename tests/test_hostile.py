"""Plan text is untrusted. A plan with a script payload in every field of the schema and in its body
is built into a site; then every built file is read (no payload reaches HTML as markup, no JSON file
holds a raw "<"), and every built page is opened in Chromium: no payload runs, no dialog opens, the
Content-Security-Policy is violated nowhere, and the search box, Tra cứu and Địa phương show the
hostile plan as text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from .conftest import ROOT
from .sitebuild import mkdocs_build, project_with, serving
from .test_browser import CHROMIUM, FLAGS, browser, type_query, wait_until  # noqa: F401 (fixture)

MARK = "Ngựavằn"  # a word only the hostile plan holds, to find it by


def payloads(field: str) -> str:
    """Ways out of text, of an attribute, of a JSON string and of a <script>, each calling home."""
    run = f"window.__pwned=(window.__pwned||[]).concat('{field}')"
    return (f'{MARK} "><img src=x onerror="{run}"> \'><svg onload={run}> </script><script>{run}</script> '
            f'{{{{7*7}}}} javascript:{run}')


def hostile_plan() -> dict:
    cited = f"Kế hoạch số 12/KH-UBND ngày 10/01/2026 của UBND thành phố {payloads('basis.text')}"
    return {
        "id": "kh-99-2026-ubnd-hai-phong", "doc_type": "Kế hoạch " + payloads("doc_type"),
        "number": "99/KH-<svg/onload=window.__pwned=1>", "symbol": "KH-<svg/onload=window.__pwned=1>",
        "title": payloads("title"), "date": "2026-05-05", "place": payloads("place"),
        "issuer": {"name": "Ủy ban nhân dân thành phố Hải Phòng " + payloads("issuer.name"), "level": "province",
                   "parent": payloads("issuer.parent")},
        "area": {"province": "Hải Phòng", "district": None, "commune": None},
        "signer": {"name": payloads("signer.name"), "title": payloads("signer.title"),
                   "authority": payloads("signer.authority")},
        "basis": [{"text": cited, "doc_type": "Kế hoạch", "number": "12/KH-UBND", "date": "2026-01-10",
                   "issuer": "Ủy ban nhân dân thành phố Hải Phòng " + payloads("basis.issuer")},
                  {"text": payloads("basis2.text"), "doc_type": payloads("basis2.doc_type"),
                   "number": "5/QĐ-<script>window.__pwned=1</script>", "date": None,
                   "issuer": payloads("basis2.issuer")}],
        "references": [{"text": payloads("references.text"), "doc_type": None, "number": None, "date": None,
                        "issuer": None}],
        "recipients": [payloads("recipients")], "topics": ["tro-giup-phap-ly"], "beneficiaries": ["tre-em"],
        "tasks": [{"name": payloads("tasks.name"), "lead": [payloads("tasks.lead")],
                   "partners": [payloads("tasks.partners")], "timeline": payloads("tasks.timeline")},
                  {"name": "Tuyên truyền " + payloads("tasks2.name"), "lead": ["Sở Tư pháp"], "partners": [],
                   "timeline": None}],
        "coverage": [{"units": payloads("coverage.units"), "level": "commune", "kinds": ["Xã"],
                      "text": payloads("coverage.text")}],
        "summary": payloads("summary"), "source": {"file": payloads("source.file"), "sha256": None},
        "_body": "\n\n".join([
            f"## I. {payloads('body.heading')}", f"Thực hiện {cited}.", payloads("body.text"),
            '<a id="__config" name="__search" class="md-header" href="javascript:window.__pwned=1">config</a>',
            '<h2 id="__drawer">drawer</h2> <h2 id="toan-van">again</h2>',
            "[link](javascript:window.__pwned=1) [data](data:text/html,<script>window.__pwned=1</script>)",
            '<iframe src="javascript:window.__pwned=1"></iframe><object data="x.swf"></object>',
            '<base href="https://example.invalid/"><meta http-equiv="refresh" content="0;url=https://example.invalid">',
            '<style>body{display:none}</style><form action="https://example.invalid"><input name="q"></form>',
            '<svg><a href="javascript:window.__pwned=1"><text>svg</text></a></svg>',
            f"| Cột | {payloads('body.table')} |\n|---|---|\n| a | <img src=x onerror=window.__pwned=1> |",
        ]),
    }


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    project = project_with(tmp, [hostile_plan()])
    site = tmp / "www" / "kehoach"
    proc = mkdocs_build(project, site, env={"SITE_URL": "http://127.0.0.1/kehoach/"})
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return tmp, site


class Markup(HTMLParser):
    """What a page would run or load: event handlers, script bodies, URLs; and its ids."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.ids: list[str] = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "data", "formaction") and re.match(r"\s*(javascript|data):", value, re.I):
                self.problems.append(f"<{tag} {name}={value[:40]}>")
            if name == "id":
                self.ids.append(value)
        if tag in ("iframe", "object", "embed", "base", "form") and not self._theme(tag, attrs):
            self.problems.append(f"<{tag}>")
        self._in = tag if tag in ("script", "style") else None

    @staticmethod
    def _theme(tag, attrs) -> bool:
        classes = dict(attrs).get("class") or ""
        return tag == "form" and ("md-search__form" in classes or "kh-" in classes)

    def handle_data(self, data):
        if self._in and "__pwned" in data:
            self.problems.append(f"<{self._in}> holding a payload")

    def handle_endtag(self, tag):
        self._in = None


def test_no_payload_reaches_a_page_as_markup(hostile_site):
    _, site = hostile_site
    plan = site / "ke-hoach" / "kh-99-2026-ubnd-hai-phong" / "index.html"
    assert plan.exists()
    checked = 0
    for path in site.rglob("*"):
        if path.suffix not in (".html", ".json", ".js", ".xml", ".svg", ".txt") or not path.is_file():
            continue
        text = path.read_text("utf-8")
        checked += 1
        if path.suffix == ".json":
            assert "<" not in text and ">" not in text, path  # every < of plan text written as \u003c
            continue
        if path.suffix == ".txt":  # the plan file offered for download: text/plain, as written
            continue
        if path.suffix == ".html":
            parser = Markup()
            parser.feed(text)
            assert parser.problems == [], (path, parser.problems)
            assert parser.ids.count("__config") == 1 and parser.ids.count("__drawer") == 1, path
            assert len(parser.ids) == len(set(parser.ids)), (path, sorted(i for i in parser.ids if parser.ids.count(i) > 1))
            assert "{{" not in text or "{{7*7}}" in text, path  # no template ran plan text: it shows as written
        assert "<svg onload" not in text and "<img src=x" not in text and "<script>window" not in text, path
    assert checked > 50
    html = plan.read_text("utf-8")
    assert MARK in html and "&lt;img src=x onerror=" in html  # shown, as text


def test_only_the_sanitised_full_text_is_marked_safe():
    """Autoescape is the rule: the library marks HTML safe in one named place, and no template says |safe."""
    marked = []
    for path in (ROOT / "kehoach").rglob("*.py"):
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if re.search(r"\bMarkup\(|\|\s*safe\b|autoescape\s*=\s*False|\bmark_safe\b|__html__", line):
                marked.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert len(marked) == 1 and marked[0].startswith("kehoach/site/sanitize.py") and "return Markup(html)" in marked[0], marked
    templates = [p for p in (ROOT / "kehoach/site/templates").iterdir() if p.suffix in (".html", ".svg")]
    assert len(templates) > 10
    for path in templates:
        text = path.read_text("utf-8")
        assert not re.search(r"\|\s*safe\b|autoescape\s+false|\bMarkup\b", text), path


@pytest.fixture(scope="module")
def served(hostile_site):
    tmp, site = hostile_site
    with serving(tmp / "www") as root:
        yield root + "kehoach/", site


WATCH = """document.addEventListener('securitypolicyviolation',
  e => (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI));"""


def context_for(browser):  # noqa: F811
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is not installed: run .ci/run (apt-get install chromium)")
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    context.add_init_script(WATCH)
    page = context.new_page()
    events: list[str] = []
    page.on("dialog", lambda d: (events.append(f"dialog {d.message}"), d.dismiss()))
    page.on("console", lambda m: events.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: events.append(str(e)))
    page.on("request", lambda r: events.append(f"left the site: {r.url}")
            if not r.url.startswith(("http://127.0.0.1", "data:", "about:")) else None)
    return context, page, events


def ran(page) -> list:
    return page.evaluate("[window.__pwned || [], window.__csp || []]")


def test_every_page_opens_with_no_payload_run_and_no_policy_violated(served, browser):  # noqa: F811
    base, site = served
    context, page, events = context_for(browser)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) > 50
    for rel in pages:
        page.goto(base + rel)
        page.wait_for_load_state("load")
        assert ran(page) == [[], []], rel
    assert events == [], events[:5]
    context.close()


def test_search_box_lookup_and_local_page_show_the_hostile_plan_as_text(served, browser):  # noqa: F811
    base, _ = served
    context, page, events = context_for(browser)
    page.goto(base)
    page.keyboard.press("/")
    type_query(page, "nguavan")
    hit = page.locator("[data-kh-results] a[href$='ke-hoach/kh-99-2026-ubnd-hai-phong/']")
    hit.wait_for()
    assert '"><img src=x onerror=' in hit.inner_text()

    page.goto(base + "tra-cuu/?q=nguavan")
    wait_until(page, "!document.querySelector('[data-kh-lookup-meta]').textContent.startsWith('Đang tải')")
    row = page.locator("[data-kh-lookup-results] li").first
    assert "<svg onload=" in row.inner_text() or "<img src=x" in row.inner_text(), row.inner_text()

    page.goto(base + "dia-phuong/?xa=hai-phong/phuong-le-thanh-nghi")
    card = page.locator('[data-plan="kh-99-2026-ubnd-hai-phong"]')
    card.wait_for()
    assert "<img src=x onerror=" in card.inner_text()
    assert ran(page) == [[], []]
    assert events == [], events[:5]
    context.close()
