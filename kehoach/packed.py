"""Text a large build holds until it is written, compressed meanwhile.

A build holds two kinds of text for long: each plan's Markdown, from the moment the plans are read until
a converting process takes it (site.fulltext.Rendering), and each page, from the moment it is made until the
engine has the theme to put around it (at the end of the build). The Markdown is packed where it is
read: by the processes reading the plans, or as the plans memo gives it (planfile.read_plans' `pack`).
In a base of 100,000 plans these are ~1.4 GB of Markdown (Python keeps Vietnamese text at two bytes a character) and ~14 KB of data per plan
page (its tasks, diagram, breadcrumbs…, ~1.4 GB): with the plans and the graph, past 4 GB. Packed
(UTF-8, zlib at its fastest level) a page's HTML is ~4 KB and a plan's Markdown about a sixth of its
Python string. Packing costs time (a page ~110 µs, the Markdown of 10,000 plans ~0.7 s: ~5 % of a cold
build at 10,000 plans), so it is done only in a base of `PACK_FROM` plans or more: at 30,000 plans the
build's peak is ~1.8 GB without it (docs/hieu-nang.md)."""

from __future__ import annotations

import zlib

PACK_FROM = 50_000  # plans


class Packed:
    """A text, compressed; `text()` gives it back."""

    __slots__ = ("data",)

    def __init__(self, text: str):
        self.data = zlib.compress(text.encode("utf-8", "surrogatepass"), 1)

    def text(self) -> str:
        return self.utf8().decode("utf-8", "surrogatepass")

    def utf8(self) -> bytes:
        """The text in UTF-8, as `str.encode` gives it."""
        return zlib.decompress(self.data)


def unpacked(value: str | Packed) -> str:
    return value.text() if isinstance(value, Packed) else value


def held(value: str | Packed, pack: bool) -> str | Packed:
    """`value` Packed, or not, as asked, whichever way it comes."""
    if pack == isinstance(value, Packed):
        return value
    return Packed(value) if pack else value.text()


def utf8(value: str | Packed) -> bytes:
    return value.utf8() if isinstance(value, Packed) else value.encode("utf-8")


__all__ = ["PACK_FROM", "Packed", "held", "unpacked", "utf8"]
