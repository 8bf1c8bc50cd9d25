"""The register's pages (kehoach/register.py): for each lead agency, in each 2025 province (and for
central plans), and for each 2025 place, every task the plans give it, by period, with an iCalendar
file beside each (calendars.py, `lich.ics` beside the page).

    co-quan/index.md                 the agencies, with how many tasks plans give each
    co-quan/<agency>.md              the agency's provinces, with how many tasks in each
    co-quan/<agency>/<province>.md   its register there (NATIONAL: the plans of central bodies)
    dia-ban/<province>/nhiem-vu.md   a 2025 province's register
    dia-ban/<commune>/index.md       a 2025 commune's register is a section of its page (place_pages.py)

A register lists its tasks by the year of their deadline, then those all along, then those with no
time said: that is how it reads without JavaScript. docs/assets/nhiem-vu.js sorts them again by the
reader's day into due this quarter, upcoming, ongoing and past."""

from __future__ import annotations

from ..agencies import canonical
from ..graph import Graph
from ..register import ALL_ALONG, NATIONAL, NOT_SAID, Due, Register, ordered, sections
from . import paths
from .calendars import Calendars
from .lines import place_trail
from .lists import index_page
from .page import Page, paginated

PER_PAGE = 400  # tasks a register page holds (~90 KB): the script sorts what one page holds


def section_title(key: str, count: int) -> str:
    if key == ALL_ALONG:
        return f"Thường xuyên, định kỳ ({count})"
    if key == NOT_SAID:
        return f"Chưa rõ thời hạn ({count})"
    return f"Hạn trong năm {key} ({count})"


def group_name(graph: Graph, group: str) -> str:
    if group == NATIONAL:
        return "Cơ quan trung ương"
    place = graph.place(group)
    return place.name if place else group


def register_data(page: str, title: str, tasks: list[Due], leads: bool, cals: Calendars, files: dict[str, bytes],
                  per_page: int = PER_PAGE) -> list[dict]:
    """What register_list.html shows of `tasks` (ordered by period), one dict a page of `per_page`
    tasks (a period's may run on to the next); the calendar of the page `page`, named `title`, into
    `files`. `leads`: say who leads each task (a place's register; an agency's is its own)."""
    tasks = ordered(tasks)
    calendar = paths.calendar(page)
    files[calendar] = cals.calendar(title, page, tasks)
    # an agency's plans are named with their place (which district's, the province's?); a place's
    # when they are not all its own
    with_place = not leads or len({d.plan.area.unit.code if d.plan.area and d.plan.area.unit else "" for d in tasks}) > 1
    chunks = [tasks[i:i + per_page] for i in range(0, len(tasks), per_page)] or [[]]
    return [{"sections": sections(c), "calendar": calendar, "title": section_title, "total": len(tasks),
             "leads": leads, "with_place": with_place} for c in chunks]


def _register(first: str, title: str, description: str, trail, intro: str, tasks: list[Due],
              leads: bool, cals: Calendars, files: dict[str, bytes]) -> dict[str, Page]:
    """A register's own pages (register.html)."""
    return paginated("register.html", first, title, description, trail,
                     register_data(first, title, tasks, leads, cals, files), per_page=1, intro=intro)


def agency_pages(graph: Graph, reg: Register, cals: Calendars, files: dict[str, bytes]) -> dict[str, Page]:
    """An agency's page (its provinces) and its register in each, and the index of agencies; the
    registers' calendars into `files`."""
    out: dict[str, Page] = {}
    items = []
    for key, groups in reg.by_agency.items():
        name = canonical(reg.names[key])
        first = paths.agency(key)
        count = sum(len(t) for t in groups.values())
        rows = []
        for group in sorted(groups, key=lambda g: (g != NATIONAL, group_name(graph, g))):
            where = group_name(graph, group)
            page = paths.agency(key, group)
            tasks = groups[group]
            plans = len({d.plan.id for d in tasks})
            rows.append((where, page, len(tasks)))
            trail = [("Trang chủ", paths.HOME), ("Cơ quan", paths.AGENCIES), (name, first), (where, None)]
            out.update(_register(page, f"{name} – {where}", f"Nhiệm vụ các kế hoạch giao {name} chủ trì ({where}), "
                                 "theo thời hạn.", trail,
                                 f"{len(tasks)} nhiệm vụ trong {plans} kế hoạch ({where}) giao {name} chủ trì.",
                                 tasks, leads=False, cals=cals, files=files))
        trail = [("Trang chủ", paths.HOME), ("Cơ quan", paths.AGENCIES), (name, None)]
        out.update(index_page(first, name, f"Nhiệm vụ các kế hoạch giao {name} chủ trì, theo tỉnh, thành phố.",
                              name, f"{count} nhiệm vụ các kế hoạch giao {name} chủ trì. Chọn nơi để xem "
                              "nhiệm vụ theo thời hạn: đến hạn quý này, sắp tới, đang thực hiện, đã qua.", rows,
                              unit="nhiệm vụ", trail=trail))
        items.append((name, first, count))
    items.sort(key=lambda x: (-x[2], x[1]))
    out.update(index_page(paths.AGENCIES, "Cơ quan chủ trì nhiệm vụ", "Các cơ quan được giao chủ trì nhiệm vụ.",
                          "Cơ quan", "Cơ quan, đơn vị được các kế hoạch giao chủ trì thực hiện nhiệm vụ, "
                          "với số nhiệm vụ giao cho mỗi cơ quan.", items, unit="nhiệm vụ"))
    return out


INLINE_TASKS = 100  # a commune's register shown on its page up to this many tasks; past it, pages of its own


def place_register(graph: Graph, pid: str, tasks: list[Due], cals: Calendars,
                   files: dict[str, bytes]) -> tuple[dict[str, Page], dict | None]:
    """The register of a 2025 place (`tasks`: register.place_tasks), its calendar into `files`: for a
    province, pages of its own (dia-ban/<province>/nhiem-vu/), returned with nothing for its place page;
    for a commune, what its place page shows below its plans, or, past INLINE_TASKS (a ward whose plans
    accumulate over the years: 944 tasks at 100,000 generated plans), pages of its own as a province's."""
    name = graph.place(pid).name
    province = graph.place(pid).unit.level == "province"
    if not province and len(tasks) <= INLINE_TASKS:
        return {}, register_data(paths.place(pid), f"Nhiệm vụ tại {name}", tasks, True, cals, files,
                                 per_page=len(tasks))[0]
    page = paths.place_register(pid)
    plans = len({d.plan.id for d in tasks})
    formed = "cấp tỉnh, cả của các tỉnh" if province else "cả của các đơn vị"
    return _register(page, f"Nhiệm vụ tại {name}", f"Nhiệm vụ các kế hoạch của {name} giao, theo thời hạn.",
                     place_trail(graph, pid) + [("Nhiệm vụ", None)],
                     f"{len(tasks)} nhiệm vụ trong {plans} kế hoạch của {name} ({formed} trước 1/7/2025 hình thành "
                     "nên).", tasks, leads=True, cals=cals, files=files), None


__all__ = ["agency_pages", "place_register", "register_data"]
