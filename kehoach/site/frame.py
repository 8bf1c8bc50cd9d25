"""A page's frame: the theme's HTML around a generated page (head, header, navigation, footer), made
once for every page whose frame comes out the same, with slots where each page's own values go.

An engine renders its theme once for a page with a marker in place of each value (its title, its
description, its address…); `Frame` cuts that HTML at the markers, and `fill` joins the pieces with a
page's values, which are never read again for markers (a value holding a marker's text is just text).
At 10,000 plans the theme was rendered for 15,800 pages, one by one: 9% of a build.

A theme that writes a value other than as given (a filter that shortens, cases or strips it) would
leave the frame with a marker changed or missing: `Frame` refuses it (`FrameError`), the engine then
cannot frame that page and must say so, never publish a page with a wrong value."""

from __future__ import annotations

import re
from collections.abc import Mapping

STEM = "kehoachslot"  # letters only: escaping, stripping tags and URL-normalising leave a marker as it is


class FrameError(ValueError):
    """The theme's HTML cannot be a frame: a marker is missing or was changed."""


def marker(name: str) -> str:
    """The marker of the slot `name` (letters only)."""
    if not name.isalpha():
        raise ValueError(f"a slot's name is letters only: {name!r}")
    return f"{STEM}{name}{STEM}"


class Frame:
    """HTML cut at its slots' markers. `slots`: name → the text that stands for it in `html` (usually
    `marker(name)`); `required`: slots that must appear (the others may not, as a theme may leave a
    value out, as it does a page's description when there is none)."""

    __slots__ = ("parts", "names")

    def __init__(self, html: str, slots: Mapping[str, str], required: tuple[str, ...] = ()):
        by_text = {text: name for name, text in slots.items()}
        pattern = re.compile("|".join(re.escape(t) for t in sorted(by_text, key=len, reverse=True)))
        self.parts: list[str] = []
        self.names: list[str] = []
        at = 0
        for found in pattern.finditer(html):
            self.parts.append(html[at:found.start()])
            self.names.append(by_text[found.group()])
            at = found.end()
        self.parts.append(html[at:])
        missing = [n for n in required if n not in self.names]
        if missing:
            raise FrameError(f"the theme did not write {', '.join(missing)} as given")
        if any(STEM in part.lower() for part in self.parts):
            raise FrameError("the theme changed a value as it wrote it (a filter on a page's title, description "
                             "or address?)")

    def fill(self, values: Mapping[str, str]) -> str:
        """The page: the frame with `values` (name → text, as the theme would have written it) in its
        slots."""
        out = [self.parts[0]]
        for name, part in zip(self.names, self.parts[1:]):
            out.append(values[name])
            out.append(part)
        return "".join(out)


__all__ = ["Frame", "FrameError", "STEM", "marker"]
