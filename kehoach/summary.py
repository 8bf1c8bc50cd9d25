"""A plan in plain words, for citizens: one paragraph of what it is for, and what it does for people.

The paragraph is the plan's `summary` if its front matter has one (written by a maintainer), else the
start of its "Mục đích" section ("## I. MỤC ĐÍCH, YÊU CẦU" / "### 1. Mục đích"). What it does for
people are its tasks that reach citizens directly: tuyên truyền, trợ giúp pháp lý lưu động, rà soát đối
tượng… (the phrases below), as the importer recorded them in `tasks`.
"""

from __future__ import annotations

import re

from .packed import unpacked
from .text import fold

SUMMARY_CHARS = 320
# folded phrases naming work that reaches people, not the administration's own (reports, training staff)
FOR_PEOPLE = ("tuyen truyen", "pho bien", "luu dong", "ra soat", "tu van", "tro giup phap ly", "ho tro",
              "tiep can", "hoa giai", "cai nghien", "dang ky", "cham soc", "giup do", "tiep nhan")
# a task that is an office's own duty, whatever words of FOR_PEOPLE it holds ("Chủ trì, phối hợp với các Sở,
# ngành hướng dẫn, hỗ trợ…", "Tổng hợp, báo cáo…", "Nâng cao năng lực cán bộ…")
FOR_OFFICES = re.compile(r"^(?:chu tri|phoi hop|tham muu|chi dao|tong hop|bao cao|kiem tra|theo doi|don doc|bo tri|"
                         r"xay dung ke hoach|ban hanh|huong dan cac|so ket|tong ket|danh gia)\b|\bcan bo\b")
_HEADING = re.compile(r"^#{1,6}\s+(.*)$")
_NUMBERING = re.compile(r"^(?:[IVXLC]+|\d+|[a-zđ])[.)]\s*", re.IGNORECASE)
_MARKUP = re.compile(r"[*_`]+|^\s*(?:[-+*]|\d+[.)])\s+")


def _purpose_lines(body: str) -> list[str]:
    """The text under the first heading about the purpose that has text of its own."""
    lines = body.splitlines()
    for i, line in enumerate(lines):
        m = _HEADING.match(line)
        if not m or not fold(_NUMBERING.sub("", m.group(1).strip())).startswith("muc dich"):
            continue
        out = []
        for nxt in lines[i + 1:]:
            if _HEADING.match(nxt):
                break
            if nxt.strip() and not nxt.lstrip().startswith("|"):
                out.append(_MARKUP.sub("", nxt).strip())
        if out:
            return out
    return []


def plain_summary(meta: dict, body: str) -> str:
    """One paragraph, at most ~320 characters, ending at a sentence or a word."""
    written = meta.get("summary")
    if isinstance(written, str) and written.strip():
        return " ".join(written.split())
    text = " ".join(x if x.endswith((".", ";", ":")) else x + "." for x in _purpose_lines(body))
    text = " ".join(text.split())
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text[:SUMMARY_CHARS]
    end = max(cut.rfind(". "), cut.rfind("; "))
    return cut[:end + 1] if end > SUMMARY_CHARS // 2 else cut.rsplit(" ", 1)[0] + "…"


def tasks_for_people(meta: dict, limit: int = 3) -> list[str]:
    """The names of the plan's tasks that reach citizens, in the plan's order."""
    out = []
    for t in meta.get("tasks") or []:
        name = " ".join(str(t.get("name") or "").split()) if isinstance(t, dict) else ""
        folded = fold(name)  # once, not once a word
        if name and any(w in folded for w in FOR_PEOPLE) and not FOR_OFFICES.search(folded) and name not in out:
            out.append(name if len(name) <= 120 else name[:119].rsplit(" ", 1)[0] + "…")
        if len(out) == limit:
            break
    return out


def plan_summaries(plan) -> tuple[str, list[str]]:
    """A plan file's (planfile.PlanFile) `plain_summary` and `tasks_for_people`: made where the plan is
    read (validate.load's `derive`), and kept with it in the plans memo."""
    return plain_summary(plan.meta, unpacked(plan.body)), tasks_for_people(plan.meta)


__all__ = ["plain_summary", "plan_summaries", "tasks_for_people"]
