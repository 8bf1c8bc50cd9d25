"""Pages of the site as Markdown + HTML snippets, from plan files. Plain Python: the MkDocs hook
only hands these to MkDocs. (The full site — areas, documents, graph — is built on this later.)"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import nh3

from .planfile import PlanError, iter_plan_paths, read_plan

LEVELS = {"central": "Trung ương", "province": "Cấp tỉnh", "district": "Cấp huyện", "commune": "Cấp xã"}


@dataclass
class PlanPage:
    id: str
    url_path: str  # "ke-hoach/<id>.md"
    meta: dict
    body: str


def load_plans(root: Path) -> tuple[list[PlanPage], list[PlanError]]:
    pages, errors = [], []
    for path in iter_plan_paths(root) if root.exists() else []:
        try:
            plan = read_plan(path)
        except PlanError as err:
            errors.append(err)
            continue
        pid = str(plan.meta.get("id") or path.stem)
        pages.append(PlanPage(pid, f"ke-hoach/{pid}.md", plan.meta, plan.body))
    pages.sort(key=lambda p: (str(p.meta.get("date") or ""), p.id), reverse=True)
    return pages, errors


_ATTRIBUTES = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
_ATTRIBUTES["*"] = _ATTRIBUTES.get("*", set()) | {"id", "class"}  # heading anchors, table styling


def sanitize(fragment: str) -> str:
    """Plan text is untrusted: keep formatting markup, drop scripts, handlers and unsafe URLs."""
    return nh3.clean(fragment, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer nofollow")


def _e(value) -> str:
    return html.escape(str(value)) if value not in (None, "") else "—"


def plan_markdown(page: PlanPage) -> str:
    m = page.meta
    issuer, area, signer = m.get("issuer") or {}, m.get("area") or {}, m.get("signer") or {}
    where = ", ".join(x for x in (area.get("commune"), area.get("district"), area.get("province")) if x)
    rows = [("Số, ký hiệu", m.get("number") or f"(không ghi số)/{m.get('symbol') or ''}"),
            ("Loại văn bản", m.get("doc_type")), ("Ngày ban hành", m.get("date")),
            ("Cơ quan ban hành", issuer.get("name")), ("Cấp", LEVELS.get(issuer.get("level"), issuer.get("level"))),
            ("Địa bàn", where), ("Người ký", " ".join(x for x in (signer.get("authority"), signer.get("title"),
                                                                    signer.get("name")) if x))]
    card = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
    basis = "".join(f"<li>{_e(c.get('text'))}</li>" for c in m.get("basis") or [])
    parts = [f"# {html.escape(str(m.get('title') or page.id))}", "",
             f'<table class="kh-card">{card}</table>', ""]
    if basis:
        parts += ["## Căn cứ, thực hiện", "", f"<ul>{basis}</ul>", ""]
    parts += ["## Toàn văn", "", page.body]
    return "\n".join(parts)


def index_markdown(pages: list[PlanPage]) -> str:
    lines = ["# Danh sách kế hoạch", "", f"Cơ sở dữ liệu có {len(pages)} kế hoạch.", ""]
    for p in pages:
        area = p.meta.get("area") or {}
        where = ", ".join(x for x in (area.get("commune"), area.get("district"), area.get("province")) if x)
        label = html.escape(str(p.meta.get("title") or p.id)).replace("[", "&#91;").replace("]", "&#93;")
        lines.append(f"- [{label}]({p.id}.md) — {html.escape(str(p.meta.get('number') or 'không số'))}, "
                     f"{html.escape(where)}, {html.escape(str(p.meta.get('date') or ''))}")
    return "\n".join(lines) + "\n"
