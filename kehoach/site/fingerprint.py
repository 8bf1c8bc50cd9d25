"""What a page is made from, as one digest: the template, the page's address and every value handed
to the template. A page's HTML is a function of these alone (templates are pure: they read the data
they are given, `paths` and filters), so a page whose fingerprint is the one of the last build needs
no rendering: the build keeps what it wrote then (`state.BuildState`).

Values are serialised as JSON, by orjson (at 10,000 plans the standard library's encoder took 3.6 s
of every build for the 15,800 pages, orjson 0.8 s). A graph node stands for the digest of everything it holds (its
fields, its front matter), computed once a build; a unit of the gazetteer for its era and code (the
gazetteer is part of the code, whose change rebuilds everything); a task of the register for its plan's
node and its place among the plan's tasks (all else of it is read from the plan's front matter). A value of any other kind is an
error, not a guess: a fingerprint that missed part of a page would publish a stale page."""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib

import orjson

from ..gazetteer import Unit
from ..graph import Node
from ..register import Due
from .spool import Spooled

_SKIPPED = frozenset({"_dates", "_issuers"})  # how a node's date and issuer were chosen; the choice is a field
# dataclasses (graph nodes above all) and dates through `_value`, as the standard library's encoder would;
# subclasses of str, dict, list too: a plan's full text is Markup (sanitize.cleaned), read here by its digest
_OPTIONS = (orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_SUBCLASS
            | orjson.OPT_NON_STR_KEYS)


class Fingerprints:
    """Digests of values for one build of one graph (nodes are digested once each). `plans`: plan id →
    `plan_node`'s digest of its node (made where the plan was read, and kept with it): a plan's node is
    then digested by it and its `status`, the one field the graph gives it. `known`: digests of nodes
    known to be the same as in the last build (kept_graph.py), by id."""

    def __init__(self, plans: dict[str, str] | None = None, known: dict[str, str] | None = None):
        self._nodes: dict[str, str] = known or {}
        self._plans = plans or {}

    def node(self, node: Node) -> str:
        digest = self._nodes.get(node.id)
        if digest is None:
            alone = self._plans.get(node.id) if node.kind == "plan" else None
            if alone is not None:
                digest = self._nodes[node.id] = self.of(alone, node.status)
            else:
                digest = self._nodes[node.id] = self.of(*self._fields(node))
        return digest

    @property
    def known(self) -> dict[str, str]:
        """The digests of the nodes digested so far, by id."""
        return self._nodes

    def plan_node(self, node: Node) -> str:
        """The digest of a plan's node (resolve.plan_node) without its status: `plans` of a build."""
        return self.of(*self._fields(node, "status"))

    @staticmethod
    def _fields(node: Node, *but: str) -> list:
        return [getattr(node, f.name) for f in dataclasses.fields(node) if f.name not in _SKIPPED and f.name not in but]

    def of(self, *values) -> str:
        try:
            data = orjson.dumps(values, default=self._value, option=_OPTIONS)
        except orjson.JSONEncodeError as err:  # orjson says "not serializable": say which and where to add it
            raise TypeError(str(err.__cause__ or err)) from err
        return hashlib.blake2b(data, digest_size=16).hexdigest()

    @staticmethod
    def plain(values) -> str:
        """The digest of values orjson reads whole by itself: dataclasses of strings, numbers, lists
        and dicts (the graph's edges), without `of`'s call back for each (at 10,000 plans, the edges
        every unit reads: ~0.3 s of each build)."""
        return hashlib.blake2b(orjson.dumps(values, option=orjson.OPT_NON_STR_KEYS), digest_size=16).hexdigest()

    def _value(self, o):
        if isinstance(o, Node):
            return ["node", self.node(o)]
        if isinstance(o, Unit):
            return ["unit", o.era, o.code]
        if isinstance(o, Spooled):  # a full text, kept out of memory: by its digest
            return ["text", o.digest]
        if isinstance(o, Due):  # a task of the register: all of it is read from its plan's front matter
            return ["task", self.node(o.plan), o.index]
        names = _fields(type(o))
        if names is not None:
            return [type(o).__name__] + [getattr(o, name) for name in names]
        if isinstance(o, str):
            # by its digest: orjson would read it as UTF-8 and the string would keep that copy for
            # the rest of the build (CPython caches it), a second copy of every plan's text
            return ["str", hashlib.blake2b(o.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()]
        if isinstance(o, dict):
            return dict(o)
        if isinstance(o, (list, tuple)):
            return list(o)
        if isinstance(o, int):  # an IntEnum
            return int(o)
        if isinstance(o, (set, frozenset)):
            return ["set"] + sorted(o)
        if isinstance(o, (datetime.date, datetime.datetime)):
            return ["date", o.isoformat()]
        if callable(o) and hasattr(o, "__qualname__"):  # a function of the code (the vocabulary's labels)
            return ["function", getattr(o, "__module__", ""), o.__qualname__]
        raise TypeError(f"no fingerprint for a value of type {type(o).__name__}: add it to kehoach.site.fingerprint")


@functools.cache
def _fields(kind: type) -> tuple[str, ...] | None:
    """The fields of a dataclass (a task of the register, a period…), or None for another type."""
    if dataclasses.is_dataclass(kind):
        return tuple(f.name for f in dataclasses.fields(kind))
    return None


__all__ = ["Fingerprints"]
