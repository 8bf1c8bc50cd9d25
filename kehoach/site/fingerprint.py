"""What a page is made from, as one digest: the template, the page's address and every value handed
to the template. A page's HTML is a function of these alone (templates are pure: they read the data
they are given, `paths` and filters), so a page whose fingerprint is the one of the last build needs
no rendering: the build keeps what it wrote then (`state.BuildState`).

Values are serialised as JSON. A graph node stands for the digest of everything it holds (its
fields, its front matter), computed once a build; a unit of the gazetteer for its era and code (the
gazetteer is part of the code, whose change rebuilds everything). A value of any other kind is an
error, not a guess: a fingerprint that missed part of a page would publish a stale page."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json

from ..gazetteer import Unit
from ..graph import Node

_SKIPPED = frozenset({"_dates", "_issuers"})  # how a node's date and issuer were chosen; the choice is a field


class Fingerprints:
    """Digests of values for one build of one graph (nodes are digested once each)."""

    def __init__(self):
        self._nodes: dict[str, str] = {}

    def node(self, node: Node) -> str:
        digest = self._nodes.get(node.id)
        if digest is None:
            fields = [getattr(node, f.name) for f in dataclasses.fields(node) if f.name not in _SKIPPED]
            digest = self._nodes[node.id] = self.of(*fields)
        return digest

    def of(self, *values) -> str:
        text = json.dumps(values, ensure_ascii=False, separators=(",", ":"), default=self._value)
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def _value(self, o):
        if isinstance(o, Node):
            return ["node", self.node(o)]
        if isinstance(o, Unit):
            return ["unit", o.era, o.code]
        if dataclasses.is_dataclass(o) and not isinstance(o, type):
            return [type(o).__name__] + [getattr(o, f.name) for f in dataclasses.fields(o)]
        if isinstance(o, (set, frozenset)):
            return ["set"] + sorted(o)
        if isinstance(o, (datetime.date, datetime.datetime)):
            return ["date", o.isoformat()]
        if callable(o) and hasattr(o, "__qualname__"):  # a function of the code (the vocabulary's labels)
            return ["function", getattr(o, "__module__", ""), o.__qualname__]
        raise TypeError(f"no fingerprint for a value of type {type(o).__name__}: add it to kehoach.site.fingerprint")


__all__ = ["Fingerprints"]
