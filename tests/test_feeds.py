"""Atom feeds of new plans, read as a feed reader reads them (feedparser): the whole base, a 2025
province, a topic, a group of beneficiaries; linked from their pages; ids that stay when the site moves."""

from __future__ import annotations

import re

import feedparser
import pytest

from .sitebuild import mkdocs_build, project_with
from .test_graph import CITY, ward

CITY_PLAN = {**CITY, "title": "Trợ giúp pháp lý cho người khuyết tật năm 2026", "topics": ["tro-giup-phap-ly"],
             "beneficiaries": ["nguoi-khuyet-tat"]}
WARD_PLAN = {**ward("Kế hoạch số 12/KH-UBND ngày 10/01/2026 của UBND thành phố về trợ giúp pháp lý"),
             "title": "Trợ giúp pháp lý trên địa bàn phường", "topics": ["tro-giup-phap-ly"]}


def build(tmp_path, name: str, site_url: str):
    project = project_with(tmp_path / name, [CITY_PLAN, WARD_PLAN])
    proc = mkdocs_build(project, tmp_path / name / "site", env={"SITE_URL": site_url})
    assert proc.returncode == 0, proc.stderr
    return tmp_path / name / "site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("feeds")
    return build(tmp, "a", "https://example.github.io/kehoach/"), build(tmp, "b", "https://kehoach.example.org/")


def read(site, path):
    parsed = feedparser.parse((site / path).read_bytes())
    assert not parsed.bozo, parsed.bozo_exception  # well-formed, as a reader takes it
    assert parsed.version == "atom10"
    return parsed


def test_each_feed_lists_its_plans_newest_first(sites):
    site, _ = sites
    home = read(site, "ke-hoach-moi.xml")
    assert home.feed.title == "Kế hoạch mới" and home.feed.language == "vi"
    dates = [e.updated_parsed for e in home.entries]
    assert dates == sorted(dates, reverse=True) and len(home.entries) == 7  # the five seeds and two plans
    first = home.entries[0]
    assert first.title == "Trợ giúp pháp lý trên địa bàn phường"  # 01/02/2026, the newest
    assert first.link == "https://example.github.io/kehoach/ke-hoach/kh-3-2026-ubnd-phuong-le-thanh-nghi-hai-phong/"
    assert first.summary == "Kế hoạch số 3/KH-UBND ngày 01/02/2026 của Ủy ban nhân dân phường Lê Thanh Nghị"
    # a seed dated by its year only: "năm 2026", not "ngày 2026"
    assert "Kế hoạch năm 2026 của Ủy ban nhân dân phường Lê Thanh Nghị" in {e.summary for e in home.entries}
    # a 2025 province: its plans and those of the units it was formed from
    city = read(site, "dia-ban/hai-phong/ke-hoach-moi.xml")
    assert city.feed.title == "Kế hoạch mới: Thành phố Hải Phòng"
    assert {e.title for e in city.entries} >= {CITY_PLAN["title"], WARD_PLAN["title"]}
    assert all("hai-phong" in e.link or "hai-duong" in e.link for e in city.entries)
    topic = read(site, "chu-de/tro-giup-phap-ly/ke-hoach-moi.xml")
    assert {CITY_PLAN["title"], WARD_PLAN["title"]} <= {e.title for e in topic.entries}
    group = read(site, "doi-tuong/nguoi-khuyet-tat/ke-hoach-moi.xml")
    assert CITY_PLAN["title"] in {e.title for e in group.entries}
    assert WARD_PLAN["title"] not in {e.title for e in group.entries}


def test_entry_ids_stay_when_the_site_moves(sites):
    a, b = (read(s, "ke-hoach-moi.xml") for s in sites)
    assert [e.id for e in a.entries] == [e.id for e in b.entries]
    assert all(e.id.startswith("urn:uuid:") for e in a.entries)
    assert len({e.id for e in a.entries}) == len(a.entries)
    assert a.feed.id == b.feed.id and [e.link for e in a.entries] != [e.link for e in b.entries]


@pytest.mark.parametrize("page,feed", [("index.html", "ke-hoach-moi.xml"),
                                       ("dia-ban/hai-phong/index.html", "ke-hoach-moi.xml"),
                                       ("chu-de/tro-giup-phap-ly/index.html", "ke-hoach-moi.xml"),
                                       ("doi-tuong/nguoi-khuyet-tat/index.html", "ke-hoach-moi.xml")])
def test_a_page_with_a_feed_links_it(sites, page, feed):
    site, _ = sites
    html = (site / page).read_text("utf-8")
    head = html[:html.index("</head>")]
    link = re.search(r'<link rel="alternate feed" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', head)
    assert link and link.group(1) == feed, head[-800:]
    assert f'<a href="{feed}" type="application/atom+xml">Theo dõi kế hoạch mới ở đây</a>' in html
    # a page without a feed has neither
    assert "application/atom+xml" not in (site / "nam/index.html").read_text("utf-8")
