"""Where each page of the site lives, and relative links between pages.

Pages are addressed by their source path (``ke-hoach/<id>.md``), as MkDocs does. The HTML the
library writes links with the final URL, relative to the page (`url_rel`), so that the site works
under any subpath (``https://USER.github.io/REPO/``); a test checks every link of the built site.
"""

from __future__ import annotations

HOME = "index.md"
PLACES = "dia-ban/index.md"
DOCUMENTS = "van-ban/index.md"
TOPICS = "chu-de/index.md"
AGENCIES = "co-quan/index.md"
YEARS = "nam/index.md"
GUIDE = "huong-dan/tro-giup-phap-ly.md"
BENEFICIARIES = "doi-tuong/index.md"
LOCAL = "dia-phuong/index.md"
LOOKUP = "tra-cuu/index.md"
NUMBERS = "so-hieu/index.md"


def plan(pid: str) -> str:
    return f"ke-hoach/{pid}.md"


def document(nid: str) -> str:
    return f"van-ban/{nid}.md"


LEGACY_COMMUNE_DEPTH = 4  # truoc-2025/<province>/<district>/<commune>


def has_own_page(pid: str) -> bool:
    """A commune before 1 July 2025 is a section of its district's page, not a page: it holds a
    handful of plans, and there were over ten thousand of them."""
    return not (pid.startswith("truoc-2025/") and pid.count("/") + 1 >= LEGACY_COMMUNE_DEPTH)


def place(pid: str) -> str:
    """The page of a place (``dia-ban/hai-phong/index.md``), or its section of another page
    (``dia-ban/truoc-2025/thai-binh/huyen-hung-ha/index.md#xa-dong-do``)."""
    if not pid:
        return PLACES
    if not has_own_page(pid):
        district, _, commune = pid.rpartition("/")
        return f"dia-ban/{district}/index.md#{commune}"
    return f"dia-ban/{pid}/index.md"


def topic(slug: str) -> str:
    return f"chu-de/{slug}.md"


def beneficiary(slug: str) -> str:
    return f"doi-tuong/{slug}.md"


COMMUNE_NAMES = "dia-phuong/ten-xa.json"  # a 2025 commune's own slug → the provinces that have one of that name


def local_data(pid: str) -> str:
    """For "Địa phương của tôi" (dia-phuong/): a 2025 province's communes and plans, or a place's plans."""
    return f"dia-phuong/{pid}.json"


def agency(slug: str, group: str = "") -> str:
    """An agency's page (its register's groups), or (`group`: a 2025 province's place id, or
    register.NATIONAL) its register there: ``co-quan/so-tu-phap/hung-yen.md``."""
    return f"co-quan/{slug}/{group}.md" if group else f"co-quan/{slug}.md"


def place_register(pid: str) -> str:
    """The register of a 2025 place: the tasks of every plan that applies there, by period."""
    return f"dia-ban/{pid}/nhiem-vu.md"


CALENDAR = "lich.ics"


def calendar(page: str) -> str:
    """The iCalendar file of a register page, beside it: ``co-quan/x/hung-yen/lich.ics``."""
    return url(page) + CALENDAR


def year(y: str) -> str:
    return f"nam/{y}.md"


def implementations(pid: str) -> str:
    """Every plan implementing a plan and the coverage of its order, when too long for the plan page."""
    return f"ke-hoach/{pid}/thuc-hien.md"


def nth_page(first: str, n: int) -> str:
    """Page n of a list whose first page is `first`: ``chu-de/x.md`` → ``chu-de/x/trang-2.md``,
    ``dia-ban/hai-phong/index.md`` → ``dia-ban/hai-phong/trang-2.md``."""
    if n == 1:
        return first
    base = first[:-len("index.md")] if first.endswith("index.md") else first[:-3] + "/"
    return f"{base}trang-{n}.md"


def plan_file(pid: str) -> str:
    """The plan as stored (Markdown with YAML front matter), for download."""
    return f"tai-ve/{pid}.txt"


def plan_json(pid: str) -> str:
    return f"api/ke-hoach/{pid}.json"


def url(page: str, directory_urls: bool = True) -> str:
    """The URL path a source page is published at: ``ke-hoach/x.md`` → ``ke-hoach/x/``."""
    page, _, fragment = page.partition("#")
    if fragment:
        return f"{url(page, directory_urls)}#{fragment}"
    if not page.endswith(".md"):
        return page
    stem = page[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return f"{stem}/" if directory_urls else f"{stem}.html"


def url_rel(from_page: str, to: str, directory_urls: bool = True) -> str:
    """The URL of `to` relative to the URL of `from_page`, for raw HTML links."""
    to, _, fragment = to.partition("#")
    if fragment:
        return url_rel(from_page, to, directory_urls) + "#" + fragment
    here, there = url(from_page, directory_urls), url(to, directory_urls)
    # the directory of `here`, as parts; then as posixpath.relpath would, but without touching the file
    # system (half a million links at 10,000 plans)
    base = [x for x in (here if here.endswith("/") else here.rpartition("/")[0]).split("/") if x]
    parts = [x for x in there.split("/") if x]
    common = 0
    while common < len(base) and common < len(parts) and base[common] == parts[common]:
        common += 1
    target = "/".join([".."] * (len(base) - common) + parts[common:]) or "."
    return target + "/" if there.endswith("/") and not target.endswith("/") else target
