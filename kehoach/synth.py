"""A generated national corpus for benchmarks and smoke tests: plans over the real gazetteer.

National documents → province plans (UBND, sometimes also the Sở Tư pháp) → district plans (before
1 July 2025) → commune plans, each citing its parent the ways real plans do: in full, with the unit
left to context ("của UBND tỉnh"), without a date, without an issuer, or with "năm YYYY". Numbers
restart every year in every office, so the same number recurs for one issuer in different years:
citations without a date to such a number are the traps the resolver must not link.

Bodies are 6–12 KB, structured like the seeds (purpose, tasks with lead/partners/timeline, a task
table in some, organisation with the order to lower units). Every plan says ``synthetic: true``.
The output depends only on (count, seed). Nothing generated here belongs in ``plans/``.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from pathlib import Path

from .gazetteer import Unit, gazetteer
from .ids import issuer_slug
from .planfile import dump_plan, write_atomic
from .text import slugify


@dataclass(frozen=True)
class National:
    """A national document a programme implements (all cited by the seeds)."""

    text: str
    doc_type: str
    number: str
    date: str
    issuer: str
    goal: str  # "Đề án “Tăng cường năng lực tiếp cận pháp luật của người dân”"
    topics: tuple[str, ...]
    beneficiaries: tuple[str, ...]
    phrases: tuple[str, ...]  # words its plans repeat (the topics' phrases)


NATIONALS = {
    "977": National(
        "Quyết định số 977/QĐ-TTg ngày 11/8/2022 của Thủ tướng Chính phủ phê duyệt Đề án “Tăng cường năng lực "
        "tiếp cận pháp luật của người dân”", "Quyết định", "977/QĐ-TTg", "2022-08-11", "Thủ tướng Chính phủ",
        "Đề án “Tăng cường năng lực tiếp cận pháp luật của người dân”",
        ("tiep-can-phap-luat", "pho-bien-giao-duc-phap-luat"), ("dan-toc-thieu-so", "nguoi-khuyet-tat"),
        ("tiếp cận pháp luật", "phổ biến, giáo dục pháp luật")),
    "1190": National(
        "Quyết định số 1190/QĐ-TTg ngày 05/8/2020 của Thủ tướng Chính phủ phê duyệt Chương trình trợ giúp "
        "người khuyết tật giai đoạn 2021-2030", "Quyết định", "1190/QĐ-TTg", "2020-08-05", "Thủ tướng Chính phủ",
        "Chương trình trợ giúp người khuyết tật giai đoạn 2021-2030",
        ("nguoi-khuyet-tat", "tro-giup-phap-ly"), ("nguoi-khuyet-tat",),
        ("người khuyết tật", "trợ giúp pháp lý")),
    "32/2016": National(
        "Quyết định số 32/2016/QĐ-TTg ngày 08/8/2016 của Thủ tướng Chính phủ ban hành chính sách trợ giúp pháp "
        "lý cho người nghèo, đồng bào dân tộc thiểu số tại các huyện nghèo, xã nghèo", "Quyết định",
        "32/2016/QĐ-TTg", "2016-08-08", "Thủ tướng Chính phủ",
        "chính sách trợ giúp pháp lý cho người nghèo, đồng bào dân tộc thiểu số",
        ("tro-giup-phap-ly", "giam-ngheo"), ("nguoi-ngheo", "dan-toc-thieu-so"),
        ("trợ giúp pháp lý", "giảm nghèo")),
}
LAWS = ["Luật Trợ giúp pháp lý năm 2017", "Luật Phổ biến, giáo dục pháp luật năm 2012"]
PARTY = ("Chỉ thị số 39-CT/TW ngày 01/11/2019 của Ban Bí thư Trung ương Đảng khóa XII về tăng cường sự lãnh "
         "đạo của Đảng đối với công tác người khuyết tật", "Chỉ thị", "39-CT/TW", "2019-11-01", "Ban Bí thư")


@dataclass(frozen=True)
class Campaign:
    national: str  # key of NATIONALS
    year: int
    legacy: bool  # issued by the units before 1 July 2025


CAMPAIGNS = (Campaign("1190", 2021, True), Campaign("977", 2023, True), Campaign("32/2016", 2024, True),
             Campaign("977", 2026, False), Campaign("1190", 2026, False))
# every unit has one plan of each campaign above: ~40,000 plans. A larger base takes the same
# programmes' plans of other years (units plan them year by year), one campaign more each time the
# units run out; the first 40,000 plans are the same whatever the count asked for
MORE_CAMPAIGNS = (Campaign("1190", 2022, True), Campaign("32/2016", 2023, True), Campaign("977", 2024, True),
                  Campaign("1190", 2023, True), Campaign("32/2016", 2022, True), Campaign("1190", 2024, True),
                  Campaign("32/2016", 2021, True), Campaign("977", 2025, False), Campaign("1190", 2025, False),
                  Campaign("32/2016", 2020, True))

SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Mai".split()
MIDDLE = "Văn Thị Minh Hữu Đức Thanh Quốc Ngọc Xuân Bá".split()
GIVEN = "An Bình Cường Dũng Hà Hải Hằng Hòa Hùng Lan Long Nam Nga Phong Quang Sơn Tâm Thảo Tuấn Vinh".split()
AGENCIES_BY_LEVEL = {
    "province": ["Sở Tư pháp", "Sở Lao động - Thương binh và Xã hội", "Sở Thông tin và Truyền thông",
                 "Công an tỉnh", "Sở Tài chính", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Trung tâm Trợ giúp pháp "
                 "lý nhà nước tỉnh", "Sở Giáo dục và Đào tạo"],
    "district": ["Phòng Tư pháp", "Phòng Lao động - Thương binh và Xã hội", "Phòng Văn hóa và Thông tin",
                 "Công an huyện", "Phòng Tài chính - Kế hoạch", "Trung tâm Văn hóa - Thể thao và Truyền thông"],
    "commune": ["Công chức Tư pháp - Hộ tịch", "Văn phòng HĐND và UBND", "Công an xã",
                "Ủy ban Mặt trận Tổ quốc Việt Nam xã", "Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên", "Các thôn, tổ dân phố"],
}
TASKS = [
    ("Tuyên truyền, phổ biến về {goal}", "Tổ chức tuyên truyền trên hệ thống loa truyền thanh, tại các buổi sinh "
     "hoạt của thôn, tổ dân phố; phát tờ rơi, tài liệu hỏi đáp về {phrase} cho người dân, nhất là {who}."),
    ("Rà soát, lập danh sách đối tượng", "Rà soát, thống kê {who} trên địa bàn; lập danh sách, cập nhật thường "
     "xuyên để kịp thời hướng dẫn, giới thiệu đến cơ quan có thẩm quyền khi có nhu cầu."),
    ("Tổ chức trợ giúp pháp lý lưu động", "Phối hợp với Trung tâm Trợ giúp pháp lý nhà nước tổ chức các đợt trợ "
     "giúp pháp lý lưu động, tư vấn pháp luật miễn phí cho {who} tại nhà văn hóa thôn, tổ dân phố."),
    ("Bồi dưỡng, tập huấn cán bộ", "Cử cán bộ, công chức tham gia các lớp tập huấn, bồi dưỡng kiến thức, kỹ năng "
     "về {phrase}; chú trọng kỹ năng tiếp xúc, hướng dẫn người dân."),
    ("Ứng dụng công nghệ thông tin, chuyển đổi số", "Đăng tải nội dung về {phrase} trên Trang thông tin điện tử, "
     "nhóm Zalo của thôn, tổ dân phố; hướng dẫn người dân tra cứu thông tin pháp luật trên môi trường số."),
    ("Kiểm tra, đôn đốc việc thực hiện", "Theo dõi, kiểm tra, đôn đốc việc triển khai các nhiệm vụ; kịp thời tháo "
     "gỡ khó khăn, vướng mắc phát sinh trong quá trình thực hiện {goal}."),
    ("Hỗ trợ tiếp cận dịch vụ pháp lý", "Hướng dẫn, giới thiệu {who} đến Trung tâm Trợ giúp pháp lý nhà nước khi "
     "có vụ việc; hỗ trợ chuẩn bị giấy tờ chứng minh thuộc diện được trợ giúp pháp lý."),
    ("Sơ kết, tổng kết, báo cáo", "Tổng hợp kết quả thực hiện, báo cáo định kỳ 6 tháng, hằng năm; tổ chức sơ kết, "
     "đánh giá, rút kinh nghiệm và đề xuất nhiệm vụ cho giai đoạn tiếp theo."),
    ("Lồng ghép với các chương trình khác", "Lồng ghép nội dung {phrase} với Chương trình mục tiêu quốc gia giảm "
     "nghèo bền vững, xây dựng nông thôn mới và công tác hòa giải ở cơ sở."),
    ("Huy động nguồn lực", "Huy động sự tham gia của tổ chức, cá nhân, luật sư, tư vấn viên pháp luật vào việc "
     "hỗ trợ {who}; bố trí kinh phí từ ngân sách nhà nước theo phân cấp."),
]
WHO = {"dan-toc-thieu-so": "đồng bào dân tộc thiểu số", "nguoi-khuyet-tat": "người khuyết tật",
       "nguoi-ngheo": "người thuộc hộ nghèo"}
TIMELINES = ["Thường xuyên", "Quý II/{y}", "Quý III/{y}", "Tháng 6/{y}", "Trước ngày 15/12/{y}", "Cả năm {y}",
             "Định kỳ 6 tháng, hằng năm"]


@dataclass
class _Plan:
    unit: Unit
    campaign: Campaign
    meta: dict
    body: str


class Synth:
    """``Synth(seed).plans(count)`` yields (front matter, body) of each plan, parents before children."""

    def __init__(self, seed: int = 1):
        self.rng = random.Random(seed)
        self.g = gazetteer()
        self._numbers: dict[tuple[str, int], set[int]] = {}

    # --- numbers, people, words --------------------------------------------------------------
    def _number(self, issuer: str, year: int) -> int:
        """A free number of this office's series for the year, from a small range so that the same
        number recurs in other years (as in real series)."""
        used = self._numbers.setdefault((issuer, year), set())
        while True:
            n = self.rng.randint(1, 40 + 3 * len(used))
            if n not in used:
                used.add(n)
                return n

    def _person(self) -> str:
        r = self.rng
        return f"{r.choice(SURNAMES)} {r.choice(MIDDLE)} {r.choice(GIVEN)}"

    @staticmethod
    def _unit_phrase(unit: Unit) -> str:
        return f"{unit.kind.lower()} {unit.short}"

    # --- the corpus ----------------------------------------------------------------------------
    def plans(self, count: int):
        g = self.g
        provinces = {True: [], False: []}
        for u in g.units.values():
            if u.level == "province":
                provinces[u.legacy].append(u)
        frontier: list[tuple[Unit, Campaign, _Plan | None]] = []
        for c in CAMPAIGNS:
            frontier += [(u, c, None) for u in sorted(provinces[c.legacy], key=lambda u: u.code)]
        more = list(MORE_CAMPAIGNS)
        made = 0
        while made < count and (frontier or more):
            if not frontier:
                c = more.pop(0)
                frontier = [(u, c, None) for u in sorted(provinces[c.legacy], key=lambda u: u.code)]
            i = self.rng.randrange(len(frontier))  # any unit whose parent has a plan may come next
            frontier[i], frontier[-1] = frontier[-1], frontier[i]
            unit, campaign, parent = frontier.pop()
            plan = self._plan(unit, campaign, parent, "ubnd")
            made += 1
            yield plan.meta, plan.body
            if unit.level == "province" and made < count and self.rng.random() < 0.25:
                stp = self._plan(unit, campaign, plan, "stp")  # the Sở Tư pháp's own plan
                made += 1
                yield stp.meta, stp.body
                if self.rng.random() < 0.5:
                    plan = stp  # its communes implement the Sở's plan, as Lê Thanh Nghị does
            frontier += [(child, campaign, plan) for child in g.children(unit)]

    def _plan(self, unit: Unit, campaign: Campaign, parent: _Plan | None, agency: str) -> _Plan:
        r = self.rng
        nat = NATIONALS[campaign.national]
        year = campaign.year
        level = unit.level
        kind = unit.kind.lower()
        district = unit.district if level == "commune" and unit.legacy else None
        slug = issuer_slug(agency, kind, unit.short, level, unit.province, district)
        number = self._number(slug, year)
        symbol = "KH-UBND" if agency == "ubnd" else "KH-STP"
        month = r.randint(1, 11) if year != 2025 else r.randint(8, 11)
        if parent:
            pm = parent.meta["date"]
            month = max(month, int(pm[5:7]))
        date = f"{year}-{month:02d}-{r.randint(1, 28):02d}"
        if parent and date <= parent.meta["date"]:
            date = parent.meta["date"][:8] + f"{min(28, int(parent.meta['date'][8:]) + 1):02d}"
        issuer_name = (f"Ủy ban nhân dân {kind} {unit.short}" if agency == "ubnd"
                       else f"Sở Tư pháp {kind} {unit.short}")
        place = f"{kind} {unit.short}"
        title = f"Triển khai thực hiện {nat.goal} trên địa bàn {place} năm {year}"
        basis, opening = self._basis(unit, campaign, parent)
        who = [WHO.get(b, "người dân") for b in nat.beneficiaries]
        tasks, texts = self._tasks(level, nat, who, year)
        lower = self.g.children(unit)
        coverage = []
        if lower:
            kinds = sorted({c.kind for c in lower})
            units = f"Ủy ban nhân dân các {', '.join(k.lower() for k in kinds)}"
            coverage.append({"units": units, "level": lower[0].level, "kinds": kinds,
                             "text": f"Căn cứ Kế hoạch này, {units} xây dựng kế hoạch thực hiện trên địa bàn."})
        body = self._body(opening, nat, place, year, who, tasks, texts, coverage, r.randint(6000, 12000))
        meta = {
            "id": f"kh-{number}-{year}-{slug}", "doc_type": "Kế hoạch", "number": f"{number}/{symbol}",
            "symbol": symbol, "title": title, "date": date, "place": unit.short,
            "issuer": {"name": issuer_name, "level": level},
            "area": {"province": unit.province, "district": unit.short if level == "district" else district,
                     "commune": unit.name if level == "commune" else None},
            "signer": {"name": self._person(), "title": "Phó Chủ tịch" if agency == "ubnd" else "Phó Giám đốc",
                       "authority": "TM. Ủy ban nhân dân, KT. Chủ tịch" if agency == "ubnd" else "KT. Giám đốc"},
            "basis": basis,
            "references": self._references(campaign),
            "recipients": self._recipients(unit, parent),
            "topics": list(nat.topics), "beneficiaries": list(nat.beneficiaries),
            "tasks": tasks, "coverage": coverage, "synthetic": True,
            "source": {"file": "synthetic", "sha256": hashlib.sha256(body.encode()).hexdigest()},
        }
        return _Plan(unit, campaign, meta, body)

    def _basis(self, unit: Unit, campaign: Campaign, parent: _Plan | None) -> tuple[list[dict], str]:
        nat = NATIONALS[campaign.national]
        national = {"text": nat.text, "doc_type": nat.doc_type, "number": nat.number, "date": nat.date,
                    "issuer": nat.issuer}
        if parent is None:
            return [national], f"Thực hiện {nat.text}"
        pm = parent.meta
        y, m, d = pm["date"].split("-")
        above = parent.unit
        said = above.kind.lower()
        if said == "thành phố" or self.rng.random() < 0.6:  # in a city within a city, "thành phố" alone is ambiguous
            said += f" {above.short}"
        body = "UBND" if pm["symbol"] == "KH-UBND" else "Sở Tư pháp"
        issuer = f"{'Ủy ban nhân dân' if body == 'UBND' else 'Sở Tư pháp'} {said}"
        roll = self.rng.random()
        number, date = pm["number"], pm["date"]
        if roll < 0.72:  # in full (unit written or left to context)
            text = f"Kế hoạch số {number} ngày {int(d)}/{int(m)}/{y} của {body} {said}"
        elif roll < 0.82:  # "năm YYYY" gives the year
            text, date = f"Kế hoạch số {number} năm {y} của {body} {said}", y
        elif roll < 0.93:  # no date: the same number exists every year, so it must not link
            text, date = f"Kế hoạch số {number} của {body} {said}", None
        else:  # no issuer
            text, issuer = f"Kế hoạch số {number} ngày {int(d)}/{int(m)}/{y}", None
        text += f" triển khai thực hiện {nat.goal}"
        record = {"text": text, "doc_type": "Kế hoạch", "number": number, "date": date, "issuer": issuer}
        return [record, national], f"Thực hiện {text}; {nat.text}"

    def _references(self, campaign: Campaign) -> list[dict]:
        refs = [{"text": law, "doc_type": "Luật", "number": None, "date": law[-4:], "issuer": None}
                for law in LAWS if self.rng.random() < 0.5]
        if campaign.national == "1190" and self.rng.random() < 0.5:
            text, doc_type, number, date, issuer = PARTY
            refs.append({"text": text, "doc_type": doc_type, "number": number, "date": date, "issuer": issuer})
        return refs

    def _recipients(self, unit: Unit, parent: _Plan | None) -> list[str]:
        out = [parent.meta["issuer"]["name"]] if parent else ["Bộ Tư pháp"]
        out += self.rng.sample(AGENCIES_BY_LEVEL[unit.level], 3)
        return out + ["Lưu: VT"]

    def _tasks(self, level: str, nat: National, who: list[str], year: int) -> tuple[list[dict], dict[str, str]]:
        """The tasks (front matter) and, by task name, the paragraph the body gives each."""
        r = self.rng
        chosen = r.sample(TASKS, r.randint(5, 9))
        agencies = AGENCIES_BY_LEVEL[level]
        tasks = []
        for name, _ in chosen:
            lead = r.sample(agencies, 1 + (r.random() < 0.2))
            partners = r.sample([a for a in agencies if a not in lead], r.randint(0, 3))
            tasks.append({"name": name.format(goal=nat.goal, phrase=nat.phrases[0], who=", ".join(who)),
                          "lead": lead, "partners": partners,
                          "timeline": r.choice(TIMELINES).format(y=year)})
        return tasks, {t["name"]: text for t, (_, text) in zip(tasks, chosen)}

    def _body(self, opening: str, nat: National, place: str, year: int, who: list[str], tasks: list[dict],
              texts: dict[str, str], coverage: list[dict], target: int) -> str:
        r = self.rng
        people = ", ".join(who)
        fill = {"goal": nat.goal, "phrase": nat.phrases[0], "who": people}
        out = [f"{opening}, Ủy ban nhân dân {place} ban hành Kế hoạch thực hiện năm {year} như sau:",
               "## I. MỤC ĐÍCH, YÊU CẦU", "### 1. Mục đích",
               f"- Triển khai kịp thời, hiệu quả {nat.goal} trên địa bàn {place}; nâng cao nhận thức của cán bộ và "
               f"người dân về {nat.phrases[0]} và {nat.phrases[-1]}.",
               f"- Bảo đảm {people} được tiếp cận thông tin, được hướng dẫn, hỗ trợ kịp thời theo quy định.",
               "### 2. Yêu cầu",
               "- Xác định cụ thể nội dung, thời hạn, cơ quan chủ trì và phối hợp; bảo đảm thiết thực, tránh hình thức.",
               "- Phối hợp chặt chẽ giữa các cơ quan, đơn vị, đoàn thể; lồng ghép với nhiệm vụ chuyên môn.",
               "## II. NỘI DUNG"]
        for i, t in enumerate(tasks, 1):
            out += [f"### {i}. {t['name']}", "- " + texts[t["name"]].format(**fill),
                    f"Cơ quan chủ trì: {', '.join(t['lead'])}."]
            if t["partners"]:
                out.append(f"Cơ quan phối hợp: {', '.join(t['partners'])}.")
            out.append(f"Thời gian thực hiện: {t['timeline']}.")
        if r.random() < 0.4:  # a task table, as Word plans often have
            out += ["", "| TT | Nội dung | Cơ quan chủ trì | Thời gian |", "|---|---|---|---|"]
            out += [f"| {i} | {t['name']} | {', '.join(t['lead'])} | {t['timeline']} |" for i, t in enumerate(tasks, 1)]
            out.append("")
        out += ["## III. KINH PHÍ THỰC HIỆN",
                "Kinh phí thực hiện Kế hoạch được bảo đảm từ ngân sách nhà nước theo phân cấp hiện hành và các nguồn "
                "hợp pháp khác theo quy định của pháp luật.", "## IV. TỔ CHỨC THỰC HIỆN"]
        for j, t in enumerate(tasks[:4], 1):
            out.append(f"{j}. {t['lead'][0]} chủ trì, phối hợp với các cơ quan liên quan triển khai thực hiện nội "
                       f"dung “{t['name']}”; báo cáo kết quả trước ngày 15/12/{year}.")
        for c in coverage:
            out.append(f"{len(tasks[:4]) + 1}. {c['text']}")
        text = "\n\n".join(out)
        extra = 0
        while len(text.encode()) < target:  # the long middle of real plans: more of the same kind of prose
            t = tasks[extra % len(tasks)]
            text += (f"\n\nTiếp tục thực hiện nội dung “{t['name']}”: " + texts[t["name"]].format(**fill)
                     + f" Kết quả được tổng hợp, báo cáo Ủy ban nhân dân {place} theo định kỳ.")
            extra += 1
        return text + "\n\nTrên đây là Kế hoạch thực hiện; trong quá trình triển khai, nếu có khó khăn, vướng " \
                      "mắc, các cơ quan, đơn vị kịp thời phản ánh để xem xét, giải quyết./.\n"


def plan_path(meta: dict) -> Path:
    """Where the importer would file the plan: <province>/<district>/<commune>/<id>.md."""
    area = meta["area"]
    parts = [slugify(x) for x in (area["province"], area["district"], area["commune"]) if x]
    return Path(*parts, f"{meta['id']}.md")


def write_corpus(count: int, out: Path, seed: int = 1) -> int:
    """Write `count` generated plans under `out`; returns how many were written."""
    synth = Synth(seed)
    n = 0
    for meta, body in synth.plans(count):
        write_atomic(out / plan_path(meta), dump_plan(meta, body))
        n += 1
    return n
