"""Task timelines read as periods (kehoach.timeline), each form plans write, and the share read on the
seeds, the real files and a generated corpus."""

from __future__ import annotations

from datetime import date

import pytest

from kehoach.planfile import iter_plan_paths, read_plan
from kehoach.synth import write_corpus
from kehoach.timeline import Period, parse, share_parsed

from .conftest import ROOT

D = date


@pytest.mark.parametrize("text, period", [
    ("Quý II/2026", Period(D(2026, 4, 1), D(2026, 6, 30))),
    ("Quý IV năm 2024", Period(D(2024, 10, 1), D(2024, 12, 31))),
    ("quý I/2026", Period(D(2026, 1, 1), D(2026, 3, 31))),
    ("Tháng 6/2026", Period(D(2026, 6, 1), D(2026, 6, 30))),
    ("Tháng 2/2024", Period(D(2024, 2, 1), D(2024, 2, 29))),
    ("Dự kiến tháng 11/2025 (sau khi Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh ban hành Hướng dẫn)",
     Period(D(2025, 11, 1), D(2025, 11, 30))),
    ("Trước ngày 15/12/2026", Period(None, D(2026, 12, 15))),
    ("trước ngày 30/6/2024", Period(None, D(2024, 6, 30))),
    ("Cả năm 2024", Period(D(2024, 1, 1), D(2024, 12, 31))),
    ("năm học 2020-2021", Period(D(2020, 9, 1), D(2021, 5, 31))),
    ("6 tháng đầu năm 2024", Period(D(2024, 1, 1), D(2024, 6, 30))),
    ("Từ tháng 12/2025 đến quý I/2026", Period(D(2025, 12, 1), D(2026, 3, 31))),
    ("tháng 11/2025 đến tháng 4/2026", Period(D(2025, 11, 1), D(2026, 4, 30))),
    ("Từ Quý II/2026 – 2030", Period(D(2026, 4, 1), D(2030, 12, 31))),
    ("Quý IV/2025 và Quý I/2026", Period(D(2025, 10, 1), D(2026, 3, 31))),
    ("Giai đoạn 2021 - 2025", Period(D(2021, 1, 1), D(2025, 12, 31))),
    ("Thường xuyên", Period(ongoing=True)),
    ("Duy trì thường xuyên trong giờ hành chính suốt quá trình diễn ra bầu cử", Period(ongoing=True)),
    ("Hằng năm", Period(recurs="yearly")),
    ("Tháng 10 hằng năm", Period(recurs="yearly")),
    ("Định kỳ 6 tháng, hằng năm", Period(recurs="half-yearly")),
    ("Thường xuyên, báo cáo trước ngày 15/12/2024", Period(None, D(2024, 12, 15), ongoing=True)),
])
def test_each_form_plans_write(text, period):
    assert parse(text) == period


@pytest.mark.parametrize("text", ["Theo kế hoạch của cấp trên", "Khi có yêu cầu", "", None, "31/2/2024"])
def test_what_names_no_time_is_none(text):
    assert parse(text) is None


def test_share_read_on_the_seeds_and_a_generated_corpus(tmp_path):
    seeds = [t.get("timeline") for p in iter_plan_paths(ROOT / "plans") for t in read_plan(p).meta.get("tasks") or []
             if isinstance(t, dict)]
    write_corpus(200, tmp_path, seed=1)
    synth = [t.get("timeline") for p in iter_plan_paths(tmp_path) for t in read_plan(p).meta.get("tasks") or []]
    for name, timelines, floor in (("seeds", seeds, 0.9), ("generated", synth, 1.0)):
        read, given = share_parsed(timelines)
        print(f"\n{name}: {read}/{given} timelines read as periods")
        assert given and read / given >= floor, (name, read, given)
