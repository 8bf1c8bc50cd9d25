"""The document's foot: "Nơi nhận:" (recipients) and the signature block (TM./KT./Q. lines,
title, name). Whatever follows that is not part of them (an appendix) goes back to the body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import fold, sentence_case
from .readers import Block

# "Nơi nhận:", "Nơi nhận :", "Nơi nhận:- Thường trực Tỉnh ủy;", "Nơi nhận" alone; not a sentence that
# starts so ("Nơi nhận hồ sơ: Bộ phận một cửa")
_RECIPIENTS = re.compile(r"^Nơi nhận\s*(?:[:.]\s*(?P<rest>.*))?$", re.IGNORECASE)
_AUTHORITY = re.compile(r"^(?P<kind>TM|T/M|KT|K/T|Q|TL|T/L|TUQ|TM/|KT/)\s*\.?\s+(?P<rest>\S.*)$")
_LIST_MARK = re.compile(r"^[-–—•+*]\s*")
_SIGNED_NOTE = re.compile(r"^\(?\s*(đã ký|ký|ký tên|ký, ghi rõ họ tên|ký tên, đóng dấu|đã ký và đóng dấu)\s*\)?\.?$",
                          re.IGNORECASE)
_OFFICE_WORDS = ("chu tich", "giam doc", "truong phong", "chanh van phong", "truong ban", "thu truong",
                 "bo truong", "thu tuong", "bi thu", "truong", "pho")


def is_recipients_start(line: str) -> bool:
    return bool(_RECIPIENTS.match(line))


def is_authority(line: str) -> bool:
    m = _AUTHORITY.match(line)
    return bool(m) and m.group("rest") == m.group("rest").upper()


def is_office_title(line: str) -> bool:
    """A signer's office written alone in capitals: "PHÓ CHỦ TỊCH", "GIÁM ĐỐC"."""
    if line != line.upper() or len(line) > 60 or not any(c.isalpha() for c in line):
        return False
    return fold(line).startswith(_OFFICE_WORDS)


def looks_like_name(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 6 and all(w[:1].isupper() for w in words) and not re.search(r"[\d:;/]", line)


@dataclass
class Signer:
    name: str | None = None
    title: str | None = None
    authority: str | None = None

    def record(self) -> dict:
        return {"name": self.name, "title": self.title, "authority": self.authority}


@dataclass
class Foot:
    recipients: list[str] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)
    leftover: list[Block] = field(default_factory=list)  # back to the body (appendices…)
    found_recipients: bool = False
    found_signature: bool = False


def closing_start(blocks: list[Block], start: int) -> int:
    """Index of the first block of the foot: the last "Nơi nhận" that lists recipients (a "Nơi nhận:"
    in the middle of the text, or a stray one in the signature, is not the foot), else the last one,
    else a TM./KT. line, else a lone office title near the end followed by a name. len(blocks) when
    there is no foot."""
    found = [i for i in range(start, len(blocks)) if _starts_recipients(blocks[i])]
    listing = [i for i in found if _lists_recipients(blocks, i)]
    if listing or found:
        return (listing or found)[-1]
    for i in range(start, len(blocks)):
        if blocks[i].table is None and is_authority(blocks[i].first):
            return i
    for i in range(max(start, len(blocks) - 4), len(blocks)):
        if blocks[i].table is None and is_office_title(blocks[i].first):
            return i
    return len(blocks)


def _starts_recipients(block: Block) -> bool:
    lines = block.flat_lines()
    return bool(lines) and (is_recipients_start(lines[0]) or block.table is not None
                            and any(is_recipients_start(x) for x in lines))


def _lists_recipients(blocks: list[Block], i: int) -> bool:
    """Whether the "Nơi nhận" of block i is followed by recipients: "- …" lines, or the first on its line."""
    block = blocks[i]
    if block.table is not None:
        return True
    m = _RECIPIENTS.match(block.lines[0])
    if m and m.group("rest") or any(_LIST_MARK.match(x) for x in block.lines[1:]):
        return True
    return i + 1 < len(blocks) and blocks[i + 1].table is None and bool(_LIST_MARK.match(blocks[i + 1].first))


def _foot_table(block: Block) -> bool:
    return any(is_recipients_start(x) or is_authority(x) or is_office_title(x) for x in block.flat_lines())


def parse_foot(blocks: list[Block]) -> Foot:
    foot = Foot()
    state = None  # None | recipients | signature
    authority: list[str] = []
    for index, block in enumerate(blocks):
        if block.table is not None and not _foot_table(block):
            foot.leftover.append(block)
            continue
        lines = block.flat_lines()
        for at, line in enumerate(lines):
            m = _RECIPIENTS.match(line)
            if m:
                state, foot.found_recipients = "recipients", True
                if m.group("rest"):  # "Nơi nhận:- Thường trực Tỉnh ủy;": the first recipient on its line
                    foot.recipients.append(_LIST_MARK.sub("", m.group("rest")))
            elif is_authority(line):
                state, foot.found_signature = "signature", True
                authority.append(sentence_case(line))
            elif is_office_title(line) and not foot.signer.title and not foot.signer.name:
                state, foot.found_signature = "signature", True
                foot.signer.title = sentence_case(line)
            elif state == "recipients" and _LIST_MARK.match(line):
                foot.recipients.append(_LIST_MARK.sub("", line))
            elif state == "recipients" and at > 0 and foot.recipients:
                foot.recipients[-1] += " " + line  # a recipient written over two lines
            elif state == "signature" and not foot.signer.name and _SIGNED_NOTE.match(line):
                continue
            elif state == "signature" and not foot.signer.name and looks_like_name(line):
                foot.signer.name = line.title() if line == line.upper() else line
            else:  # not part of a foot: this and everything after it is body text (an appendix…)
                foot.leftover.append(Block(lines[at:]))
                foot.leftover.extend(blocks[index + 1:])
                return _finish(foot, authority)
    return _finish(foot, authority)


def _finish(foot: Foot, authority: list[str]) -> Foot:
    foot.recipients = [r.rstrip(" ;,.") for r in foot.recipients if r.rstrip(" ;,.")]
    if authority:
        foot.signer.authority = ", ".join(authority)
    return foot
