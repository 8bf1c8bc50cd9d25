"""Plan ids: readable, ASCII, stable, unique — built from type, number, year and issuer.

    kh-18-2023-ubnd-huyen-hung-ha-thai-binh      Kế hoạch 18/KH-UBND (2023), UBND huyện Hưng Hà, Thái Bình
    kh-177-2020-stp-thanh-hoa                    Kế hoạch 177/KH-STP (2020), Sở Tư pháp tỉnh Thanh Hóa
    kh-2026-ubnd-phuong-le-thanh-nghi-hai-phong-trien-khai-thuc-hien-chinh-sach
                                                 number left blank: the title's first words instead

A number alone never identifies a document (every office restarts its numbering every year),
so the issuer and the year are always part of the id. The full scheme is in docs/dinh-danh.md.
"""

from __future__ import annotations

import re

from .text import slugify
from .vocabulary import vocabulary


def issuer_slug(agency_code: str | None, unit_kind: str | None, unit_short: str | None, level: str | None,
                province: str | None, district: str | None) -> str:
    """``ubnd-huyen-hung-ha-thai-binh``, ``stp-bac-giang``, ``ubnd-hai-phong``."""
    parts = [agency_code or "cq"]
    if level in ("district", "commune") and unit_kind:
        parts.append(unit_kind)
    if unit_short:
        parts.append(unit_short)
    if level == "commune" and district:
        parts.append(district)
    if level in ("district", "commune") and province:
        parts.append(province)
    return slugify(" ".join(parts))


def plan_id(doc_type: str | None, number: str | None, date: str | None, issuer: str, title: str | None) -> str:
    found = vocabulary().doc_type_by_name(doc_type) if doc_type else None
    parts = [found.code if found else slugify(doc_type or "vb")]
    lead = re.match(r"\d+[a-z]?", number or "")
    if lead:
        parts.append(lead.group(0).lower())
    if date:
        parts.append(date[:4])
    parts.append(issuer)
    if not lead:
        parts.append(slugify(title or "", max_words=6) or "khong-so")
    return "-".join(p for p in parts if p)
