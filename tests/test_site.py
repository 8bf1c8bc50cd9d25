"""The site: a real `mkdocs build --strict` of plans/, every internal link and anchor resolving, the
pages a reader needs, sizes, and plan text that cannot inject script."""

from __future__ import annotations

import json
import os
import stat
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import ROOT
from .sitebuild import mkdocs_build, project_with
from .test_graph import CITY, DISTRICT, PROVINCE, TOWN, ward


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if attrs.get("id"):
            self.ids.add(attrs["id"])


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The site of plans/ plus a chain of composed plans (so that links resolve between plans)."""
    tmp = tmp_path_factory.mktemp("site")
    cited = "Kế hoạch số 12/KH-UBND ngày 10/01/2026 của UBND thành phố về trợ giúp pháp lý"
    metas = [PROVINCE, DISTRICT, TOWN, CITY,
             {**ward(cited), "_body": f"Thực hiện {cited}, Ủy ban nhân dân phường ban hành Kế hoạch như sau."}]
    project = project_with(tmp, [dict(m) for m in metas])
    (project / "plans/thai-binh/hung-ha/kh-18-2023-ubnd-huyen-hung-ha-thai-binh.md").unlink()  # DISTRICT replaces it
    proc = mkdocs_build(project, tmp / "site")
    assert proc.returncode == 0, proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    return tmp / "site"


def read(site: Path, url: str) -> str:
    path = site / url
    return (path / "index.html" if path.is_dir() else path).read_text("utf-8")


def test_every_internal_link_and_anchor_resolves(site):
    pages = {p: p.read_text("utf-8") for p in site.rglob("*.html")}
    ids = {p: parse(html).ids for p, html in pages.items()}
    checked, broken = 0, []
    for page, html in pages.items():
        for tag, attrs in parse(html).tags:
            for name in ("href", "src"):
                value = attrs.get(name)
                if not value or urlsplit(value).scheme or value.startswith(("//", "mailto:")):
                    continue
                url = urlsplit(value)
                if not url.path:  # "#anchor" on the same page
                    target = page
                elif url.path.startswith("/"):  # the 404 page links from the site's root (site_url)
                    target = site / unquote(url.path).lstrip("/")
                    if value.endswith("/") or target.is_dir():
                        target = target / "index.html"
                else:
                    target = Path(posixpath.normpath(str(page.parent / unquote(url.path))))
                    if value.endswith("/") or target.is_dir():
                        target = target / "index.html"
                checked += 1
                if not target.exists():
                    broken.append(f"{page.relative_to(site)}: {value}")
                elif url.fragment and target.suffix == ".html" and not url.fragment.startswith("__") \
                        and unquote(url.fragment) not in ids.get(target, set()):
                    broken.append(f"{page.relative_to(site)}: {value} (no such anchor)")
    assert checked > 1000
    assert broken == []


def test_pages_a_reader_needs(site):
    home = read(site, "")
    assert "Kế hoạch của chính quyền địa phương" in home
    assert 'href="dia-ban/hai-phong/"' in home and 'href="huong-dan/tro-giup-phap-ly/"' in home
    for url in ("dia-ban/", "dia-ban/hung-yen/", "dia-ban/truoc-2025/thai-binh/huyen-hung-ha/", "chu-de/",
                "chu-de/tro-giup-phap-ly/", "nam/", "nam/2023/", "co-quan/", "van-ban/", "van-ban/qd-977-2022-ttg/",
                "404.html", "sitemap.xml", "api/plans/index.json", "api/graph/index.json"):
        assert (site / url).exists(), url
    # a district plan of before 2025: its unit as issued and today
    plan = read(site, "ke-hoach/kh-18-2023-ubnd-huyen-hung-ha-thai-binh/")
    assert "Huyện Hưng Hà" in plan and "Tỉnh Hưng Yên" in plan and "trước 1/7/2025" in plan
    assert '<meta name="description" content="Kế hoạch số 18/KH-UBND' in plan
    assert 'href="../../dia-ban/truoc-2025/thai-binh/huyen-hung-ha/"' in plan  # breadcrumb and card
    assert "1 trên 33 đơn vị đã có kế hoạch" in plan  # coverage: the town's plan implements it
    assert 'href="../kh-5-2023-ubnd-thi-tran-hung-ha-hung-ha-thai-binh/"' in plan  # Văn bản thực hiện
    assert 'class="kh-diagram"' in plan
    # the legacy unit says what it is today; the 2025 unit lists its predecessors' plans
    legacy = read(site, "dia-ban/truoc-2025/thai-binh/")
    assert "Ngày nay thuộc" in legacy and 'href="../../hung-yen/"' in legacy
    district = read(site, "dia-ban/truoc-2025/thai-binh/huyen-hung-ha/")
    assert re.search(r'Ngày nay thuộc <a href="../../../hung-yen/"[^>]*>Tỉnh Hưng Yên</a>: <a', district)
    today = read(site, "dia-ban/hung-yen/")
    assert "Được hình thành từ" in today and "kh-18-2023-ubnd-huyen-hung-ha-thai-binh" not in today
    assert "Huyện Hưng Hà" not in today  # 2025 communes, not districts, are listed under Hưng Yên
    commune = read(site, "dia-ban/hung-yen/xa-hung-ha/")
    assert "kh-18-2023-ubnd-huyen-hung-ha-thai-binh" in commune  # the Hưng Hà plan, through its successor
    # a document known only by citation: what is known, and who cites it
    doc = read(site, "van-ban/qd-977-2022-ttg/")
    assert "Thủ tướng Chính phủ" in doc and "kh-19-2023-ubnd-thai-binh" in doc
    index = json.loads((site / "api/plans/index.json").read_text("utf-8"))
    plans = [p for part in index["parts"] for p in json.loads((site / "api/plans" / part["file"]).read_text("utf-8"))]
    ward_plan = next(p for p in plans if p["id"] == "kh-3-2026-ubnd-phuong-le-thanh-nghi-hai-phong")
    assert ward_plan["basis"] == ["kh-12-2026-ubnd-hai-phong"] and ward_plan["url"].startswith("ke-hoach/")
    assert len(plans) == index["count"] == 9
    graph = json.loads((site / "api/graph/index.json").read_text("utf-8"))
    assert {"nodes", "edges"} <= set(graph) and graph["edges"]["count"] > 10
    assert "Không tìm thấy trang" in (site / "404.html").read_text("utf-8")


def test_citations_in_the_full_text_are_linked(site):
    plan = read(site, "ke-hoach/kh-3-2026-ubnd-phuong-le-thanh-nghi-hai-phong/")
    assert re.search(r'<a href="\.\./kh-12-2026-ubnd-hai-phong/"[^>]*>Kế hoạch số 12/KH-UBND</a>', plan)
    seed = read(site, "ke-hoach/kh-177-2020-stp-thanh-hoa/")
    toan_van = seed[seed.index('id="toan-van"'):]
    assert re.search(r'<a href="\.\./\.\./van-ban/kh-25-2020-ubnd-thanh-hoa/"[^>]*>Kế hoạch số 25/KH-UBND</a>', toan_van)


def test_plan_pages_stay_small(site):
    sizes = {}
    for page in (site / "ke-hoach").glob("*/index.html"):
        html = page.read_text("utf-8")
        start = html.index('id="toan-van"')
        end = html.index('id="noi-nhan"') if 'id="noi-nhan"' in html else html.index('id="tai-ve"')
        tasks = html.index('id="nhiem-vu"') if 'id="nhiem-vu"' in html else start
        own_text = len(html[tasks:end].encode())  # the plan's tasks and full text: as long as the plan is
        sizes[page.parent.name] = (len(html.encode()), own_text)
    # everything but the plan's own text (tasks, full text) stays under 18 KB; plans as long as the
    # seeds (the longest: Hưng Hà, 20 KB of full text) stay under 40 KB in all
    assert all(total - text < 18_000 for total, text in sizes.values()), sizes
    assert all(total < 40 * 1024 for total, _ in sizes.values()), sizes


def test_navigation_does_not_grow_with_plans(site):
    guide, plan = read(site, "dinh-dang/"), read(site, "ke-hoach/kh-177-2020-stp-thanh-hoa/")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', plan, re.S).group(0)
    assert "ke-hoach/" not in nav and "dia-ban/hai-phong" not in nav
    assert len(re.findall(r'<li class="md-nav__item', nav)) < 15
    assert 'data-md-type="toc"' not in plan  # no table of contents beside a plan
    assert 'data-md-type="toc"' in guide  # hand-written pages keep theirs


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
- {text: "<b onmouseover=alert(2)>Kế hoạch số 2/KH-STP</b>", doc_type: Kế hoạch, number: 2/KH-STP, date: null, issuer: "<i onclick=alert(5)>x</i>"}
references: []
recipients: ["<a href='javascript:alert(6)'>x</a>"]
topics: [tro-giup-phap-ly]
tasks:
- {name: "<script>alert(7)</script>", lead: ["<img src=x onerror=alert(8)>"], partners: [], timeline: null}
source: {file: x.txt, sha256: null}
---

Thân bài <script>alert('body')</script> và <img src="x" onerror="alert('img')">.

[bấm vào đây](javascript:alert('link')) và <a href="javascript:alert(3)">đây</a>.

<iframe src="https://example.com"></iframe><div style="x" onclick="alert(4)">chữ</div>

<svg><a href="javascript:alert(9)"><text>x</text></a></svg>
"""


def test_hostile_plan_produces_no_executable_markup(tmp_path):
    project = project_with(tmp_path, raw={"hostile.md": HOSTILE}, seeds=False)
    proc = mkdocs_build(project, tmp_path / "site")
    assert proc.returncode == 0, proc.stderr
    site = tmp_path / "site"
    checked = 0
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        if "<article" not in html:
            continue
        main = html[html.index("<article"):html.index("</article>")]
        checked += "Kế hoạch" in main
        for tag, attrs in parse(main).tags:
            assert tag not in ("script", "iframe", "object", "embed", "img"), (page, tag)
        # the whole page, head and header included (titles and descriptions come from plans too)
        for tag, attrs in parse(html).tags:
            assert tag not in ("iframe", "object", "embed"), (page, tag)
            assert tag != "img" or attrs.get("src", "").endswith("assets/logo.svg"), (page, attrs)
            for k, v in attrs.items():
                assert not k.startswith("on"), (page, tag, k)
                assert not (v or "").strip().lower().startswith(("javascript:", "data:")), (page, tag, k, v)
        urls = [v or "" for _, attrs in parse(html).tags for k, v in attrs.items() if k in ("href", "src", "action")]
        assert not any("alert(" in u for u in urls), page  # plan text in a content= or title= is inert text
        scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S)
        assert not any("alert(" in s for s in scripts), page
    assert checked >= 5
    plan = read(site, "ke-hoach/kh-1-2024-ubnd-hai-phong/")
    assert "Thân bài" in plan and "&lt;script&gt;alert(&#39;title&#39;)" in plan or "&lt;script&gt;" in plan


def test_duplicate_id_stops_the_build_naming_both_files(tmp_path):
    project = project_with(tmp_path, [dict(CITY)], seeds=False)
    (project / "plans/copy.md").write_text((project / f"plans/{CITY['id']}.md").read_text("utf-8"), "utf-8")
    proc = mkdocs_build(project, tmp_path / "site")
    assert proc.returncode != 0
    assert f"{CITY['id']}.md:2: error: id '{CITY['id']}' is also used by " in proc.stderr
    assert "plans/copy.md:2" in proc.stderr


def test_broken_plan_stops_the_build_naming_file_and_line(tmp_path):
    project = project_with(tmp_path, raw={"broken.md": "---\nid: x\ntitle: [unclosed\n---\n"}, seeds=False)
    proc = mkdocs_build(project, tmp_path / "site")
    assert proc.returncode != 0
    assert "broken.md:3:" in proc.stderr


def test_repository_site_builds_strict_with_seeds_only(tmp_path):
    proc = mkdocs_build(ROOT, tmp_path / "site")
    assert proc.returncode == 0 and "WARNING" not in proc.stderr, proc.stderr
    sizes = {p.parent.name: p.stat().st_size for p in (tmp_path / "site/ke-hoach").glob("*/index.html")}
    assert len(sizes) == 5 and all(size < 40 * 1024 for size in sizes.values()), sizes


@pytest.mark.parametrize("umask", [0o077, 0o022])
def test_published_files_are_readable_by_all_whatever_the_umask(tmp_path, umask):
    """Under 077 files made the ordinary way would be 0600; under 022 (where the build does not go
    over every file again) no file may be made otherwise, as a temporary file is (0600)."""
    project = project_with(tmp_path, [dict(CITY)], seeds=False)
    old = os.umask(umask)  # the child inherits it
    try:
        proc = mkdocs_build(project, tmp_path / "site")
    finally:
        os.umask(old)
    assert proc.returncode == 0, proc.stderr
    modes = {p.relative_to(tmp_path / "site").as_posix(): stat.S_IMODE(p.stat().st_mode)
             for p in (tmp_path / "site").rglob("*")}
    assert any(k.startswith("chi-muc/") for k in modes) and any(k.startswith("tra-cuu/") for k in modes)
    wrong = {k: oct(m) for k, m in modes.items() if m != (0o755 if (tmp_path / "site" / k).is_dir() else 0o644)}
    assert wrong == {}


def test_a_template_in_overrides_kehoach_replaces_the_librarys(tmp_path):
    project = project_with(tmp_path, [dict(CITY)], seeds=False)
    (project / "overrides/kehoach").mkdir()
    (project / "overrides/kehoach/home.html").write_text(
        "<h1>Trang riêng</h1>\n<p>{{ count }} kế hoạch, {{ '<b>' }}</p>\n", "utf-8")
    proc = mkdocs_build(project, tmp_path / "site")
    assert proc.returncode == 0, proc.stderr
    home = (tmp_path / "site/index.html").read_text("utf-8")
    assert "<h1>Trang riêng</h1><p>1 kế hoạch, &lt;b&gt;</p>" in home  # the override, autoescaped too
    plan = (tmp_path / f"site/ke-hoach/{CITY['id']}/index.html").read_text("utf-8")
    assert "Căn cứ, thực hiện" in plan  # the other templates are the library's


def test_a_draft_is_shown_as_a_draft_not_as_an_issued_plan(site):
    """A drafting copy (number and day left blank for signing) says so on its page and in every list."""
    draft = "kh-2024-stp-bac-giang-thuc-hien-nhiem-vu-tro-giup"
    page = read(site, f"ke-hoach/{draft}/")
    assert '<p class="admonition-title">Dự thảo</p>' in page and "chưa phải văn bản đã ban hành" in page
    home = read(site, "")
    line = re.search(rf'<li><a href="ke-hoach/{draft}/">[^<]*</a>[^<]*(<em>[^<]*</em>)?', home)
    assert line and line.group(1) == "<em>(dự thảo)</em>", line and line.group(0)
    issued = read(site, "ke-hoach/kh-177-2020-stp-thanh-hoa/")
    assert "Dự thảo" not in issued


def test_a_plan_links_its_original_where_known(tmp_path):
    project = project_with(tmp_path, [{**CITY, "source": {"file": "kh-12.pdf", "sha256": None, "format": "pdf-text",
                                                          "url": "https://haiphong.gov.vn/van-ban/kh-12.pdf"}}],
                           seeds=False)
    proc = mkdocs_build(project, tmp_path / "site")
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / f"site/ke-hoach/{CITY['id']}/index.html").read_text("utf-8")
    assert ('<th>Bản gốc</th><td><a href="https://haiphong.gov.vn/van-ban/kh-12.pdf">haiphong.gov.vn</a>'
            ' (nơi văn bản được đăng)</td>') in page


def test_home_headings_are_never_empty_and_counts_say_what_they_count(site):
    home = read(site, "")
    article = home[home.index("<article"):home.index("</article>")]
    parts = re.split(r"(<h[1-6][^>]*>.*?</h[1-6]>)", article)
    for i in range(1, len(parts), 2):
        level = int(parts[i][2])
        after = "".join(parts[i + 1:i + 2])
        nxt = parts[i + 2] if i + 2 < len(parts) else ""
        # a heading has content of its own, or subheadings under it
        assert re.sub(r"<[^>]+>|\s", "", after) or (nxt and int(nxt[2]) > level), parts[i]
    current = re.search(r"<h3[^>]*>(\d+) trong 34 tỉnh, thành phố có kế hoạch \(từ 1/7/2025\)</h3>\s*<ul>(.*?)</ul>", home, re.S)
    assert current and int(current.group(1)) == current.group(2).count("<li>"), current and current.group(0)


def test_an_unnumbered_plan_says_so_in_plain_words(site):
    page = read(site, "ke-hoach/kh-2024-stp-bac-giang-thuc-hien-nhiem-vu-tro-giup/")
    assert "Không ghi số (ký hiệu KH-STP)" in page and "(không ghi số)/" not in page


def test_the_sitemap_lists_every_page_and_nothing_else(site):
    """The library's sitemap (MkDocs' lists only the pages it rendered in an incremental build)."""
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(site / "sitemap.xml").getroot()
    listed = {loc.text for loc in root.findall("s:url/s:loc", ns)}
    base = "http://127.0.0.1:8000/"
    pages = set()
    for page in site.rglob("index.html"):
        folder = page.parent.relative_to(site).as_posix()
        pages.add(base if folder == "." else f"{base}{folder}/")
    assert listed == pages
    assert not (site / "sitemap.xml.gz").exists()


def test_a_central_documents_coverage_is_a_map_and_a_table(site):
    """Quyết định 977/QĐ-TTg: implemented in Thái Bình (now Hưng Yên) through its district and town, and by
    the seed of Hưng Hà; a dot per 2025 province drawn from the gazetteer, the same in a table."""
    import xml.etree.ElementTree as ET

    page = read(site, "van-ban/qd-977-2022-ttg/")
    svg = re.search(r"<svg viewBox=[^>]*role=\"img\"[^>]*>.*?</svg>", page, re.DOTALL).group(0)
    root = ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
    circles = root.findall("{http://www.w3.org/2000/svg}circle")
    assert len(circles) == 34
    having = [c.find("{http://www.w3.org/2000/svg}title").text for c in circles if c.get("class") == "kh-has"]
    assert having and all(t.startswith("Tỉnh Hưng Yên: ") for t in having)
    assert 'aria-label="Bản đồ: 1 trên 34 tỉnh, thành phố có kế hoạch thực hiện văn bản này"' in svg
    assert "<tr><td>Tỉnh Hưng Yên</td><td>" in page and "<tr><td>Thành phố Hải Phòng</td><td>chưa có</td></tr>" in page
    # north above south: Cao Bằng's dot above Cà Mau's
    y = {c.find("{http://www.w3.org/2000/svg}title").text.split(":")[0]: float(c.get("cy")) for c in circles}
    assert y["Tỉnh Cao Bằng"] < y["Tỉnh Cà Mau"]


def test_a_province_plans_coverage_is_a_map_of_its_communes(site):
    """Hải Phòng's plan 12/KH-UBND, implemented by Phường Lê Thanh Nghị: a dot per ward and commune of
    Hải Phòng today, in two paths; the table lists the ward. Thái Bình's
    19/KH-UBND (before 2025): the communes its area is part of today, those of Hưng Hà (whose plan
    implements it) filled."""
    import xml.etree.ElementTree as ET

    from kehoach.gazetteer import gazetteer

    def dots(page):
        svg = re.search(r"<svg viewBox=[^>]*role=\"img\"[^>]*>.*?</svg>", page, re.DOTALL).group(0)
        root = ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
        paths = {p.get("class").split()[0]: p.get("d") for p in root.iter("{http://www.w3.org/2000/svg}path")}
        return {k: v.count("M") for k, v in paths.items()}, svg

    page = read(site, f"ke-hoach/{CITY['id']}/").split("<article")[1]
    communes = [u for u in gazetteer().units.values() if u.era == "2025" and u.level == "commune"
                and u.province_code == next(p.code for p in gazetteer().units.values()
                                            if p.era == "2025" and p.level == "province" and p.short == "Hải Phòng")]
    found, svg = dots(page)
    assert found == {"kh-has": 1, "kh-not": len(communes) - 1} and len(communes) > 100
    assert f'aria-label="Bản đồ: 1 trên {len(communes)} xã, phường có kế hoạch thực hiện văn bản này"' in svg
    assert "<tr><td>Phường Lê Thanh Nghị</td><td>1</td></tr>" in page
    assert len(page.encode()) < 40_000
    found, _ = dots(read(site, "ke-hoach/kh-19-2023-ubnd-thai-binh/").split("<article")[1])
    hung_ha = next(u for u in gazetteer().units.values() if u.legacy and u.name == "Huyện Hưng Hà")
    assert found["kh-has"] == len(gazetteer().successor(hung_ha).communes) > 1
    assert found["kh-not"] > found["kh-has"]
    # a commune's plan gets no map
    assert "<svg viewBox" not in read(site, f"ke-hoach/{ward()['id']}/").split("<article")[1]


def _verbose_build(project: Path, site: Path) -> str:
    proc = mkdocs_build(project, site, verbose=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stderr


def test_generated_pages_share_frames_of_the_theme_unless_a_theme_makes_each_its_own(tmp_path):
    """The theme is rendered once for the generated pages whose frame is the same (kehoach.site.frame);
    an override that writes something of each page's own into it (here its address) is caught, and its
    pages are rendered one by one, each right."""
    project = project_with(tmp_path, [dict(CITY)])
    log = _verbose_build(project, tmp_path / "plain")
    framed = re.search(r"kehoach: (\d+) pages written in (\d+) frames of the theme \((\d+) rendered page by page\)", log)
    assert framed and int(framed[1]) > 5 * int(framed[2]) and framed[3] == "0", log[-3000:]
    main = (project / "overrides/main.html").read_text("utf-8")
    (project / "overrides/main.html").write_text(main.replace(
        "{% block extrahead %}", '{% block extrahead %}<meta name="kh-here" content="{{ page.url }}">', 1), "utf-8")
    log = _verbose_build(project, tmp_path / "own")
    framed = re.search(r"kehoach: (\d+) pages written in (\d+) frames of the theme \((\d+) rendered page by page\)", log)
    assert framed and int(framed[3]) > 0, log[-3000:]  # every frame that served a second page
    pages = [p for p in (tmp_path / "own").rglob("index.html")]
    assert len(pages) > 20
    for path in pages:
        url = path.parent.relative_to(tmp_path / "own").as_posix() + "/"
        assert f'<meta name="kh-here" content="{"" if url == "./" else url}">' in path.read_text("utf-8"), url
    plain = {p.relative_to(tmp_path / "plain") for p in (tmp_path / "plain").rglob("*.html")}
    own = {p.relative_to(tmp_path / "own") for p in (tmp_path / "own").rglob("*.html")}
    assert plain == own
