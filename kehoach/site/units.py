"""Pages kept from the last build without being made again, when nothing they are made from changed.

A page's fingerprint (fingerprint.py) tells whether it must be rendered again, but only once its data
is made, and making the data of every page is most of a build after one plan changed (at 10,000 plans,
a plan page's data ~150 µs, ~1.5 s in all). A *unit* is one call of a page builder (the pages of one
plan, say): the builder is handed the graph as `Reads`, which notes every part of the graph it reads
(a node, the edges out of or into one, the plans of a place, a chain…). The next build digests those
same parts of the new graph, with the unit's other inputs; the same digest and every page of the unit
still there as written (the caller's `previous`): the unit's pages are kept, their builder not called.

What is not read through the graph is not noted: a builder's other inputs are the unit's `inputs`,
given by the caller (a plan's full text, its file's address, its last change). A unit may make files
beside its pages (a plan's JSON record): kept with them, each by its content key. The code, templates
and gazetteer are the build state's `version` (any change there starts cold). A read the graph view
does not know how to note (`plans()`, every node, any other attribute) marks the unit as reading
everything: it is made again each build."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from operator import itemgetter

from ..graph import Graph, Node
from ..graph.places import NATION
from .fingerprint import Fingerprints
from .page import Page, keyed
from .state import content_key

ALL = ("all",)  # a read of the whole graph: the unit is made again each build


class _Nodes:
    """`graph.nodes` as a builder sees it: a node looked up is noted in `keys` (the Reads' own set); a
    walk over all of them is ALL. It holds the set, not the Reads: a Reads and its view referring to
    each other would keep the whole graph alive until the cyclic collector ran (at the end of a 10,000-
    plan build, 650,000 objects and ~1 s of `gc.collect`)."""

    def __init__(self, keys: set[tuple], nodes: dict[str, Node]):
        self._keys = keys
        self._nodes = nodes

    def __getitem__(self, nid: str) -> Node:
        self._keys.add(("node", nid))
        return self._nodes[nid]

    def get(self, nid: str, default=None):
        self._keys.add(("node", nid))
        return self._nodes.get(nid, default)

    def __contains__(self, nid: str) -> bool:
        self._keys.add(("node", nid))
        return nid in self._nodes

    def __iter__(self):
        self._keys.add(ALL)
        return iter(self._nodes)

    def __len__(self) -> int:
        self._keys.add(ALL)
        return len(self._nodes)

    def __getattr__(self, name: str):  # values(), items(), keys()…
        self._keys.add(ALL)
        return getattr(self._nodes, name)


class Reads:
    """A graph (graph.Graph) as a page builder reads it, noting each part read in `keys`."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.keys: set[tuple] = set()
        self.nodes = _Nodes(self.keys, graph.nodes)

    def _noted(self, nodes: list[Node]) -> list[Node]:
        self.keys.update(("node", n.id) for n in nodes)
        return nodes

    def node(self, nid: str) -> Node | None:
        self.keys.add(("node", nid))
        return self.graph.node(nid)

    def parents(self, nid: str, relation: str | None = None):
        self.keys.add(("out", nid))
        return self.graph.parents(nid, relation)

    def children(self, nid: str, relation: str | None = None):
        self.keys.add(("in", nid))
        return self.graph.children(nid, relation)

    def ancestors(self, nid: str):
        self.keys.add(("up", nid))
        found = self.graph.ancestors(nid)
        self._noted([n for n, _ in found])
        return found

    def descendants(self, nid: str):
        self.keys.add(("down", nid))
        found = self.graph.descendants(nid)
        self._noted([n for n, _ in found])
        return found

    def roots(self, nid: str) -> list[Node]:
        return [n for n, _ in self.ancestors(nid) if not self.parents(n.id, "basis")]

    def plans_at(self, pid: str) -> list[Node]:
        self.keys.add(("at", pid))
        return self._noted(self.graph.plans_at(pid))

    def plans_under(self, pid: str = NATION) -> list[Node]:
        self.keys.add(("under", pid))
        return self._noted(self.graph.plans_under(pid))

    def count_under(self, pid: str = NATION) -> int:
        self.keys.add(("under", pid))
        return self.graph.count_under(pid)

    def has_plans(self, pid: str) -> bool:
        self.keys.add(("under", pid))
        return self.graph.has_plans(pid)

    def place(self, pid: str):
        return self.graph.place(pid)  # the gazetteer's: part of the code

    def places(self) -> list[str]:
        self.keys.add(("places",))
        return self.graph.places()

    def subplaces(self, pid: str) -> list[str]:
        self.keys.add(("sub", pid))
        return self.graph.subplaces(pid)

    def coverage(self, nid: str):
        self.keys.add(("node", nid))
        self.descendants(nid)  # what it reads: the node's orders and the plans implementing it
        return self.graph.coverage(nid)

    def __getattr__(self, name: str):  # plans(), edges, find()…: anything of the whole graph
        self.keys.add(ALL)
        return getattr(self.graph, name)


class _Values:
    """The digest of each part of one graph a unit may read, computed once a build."""

    def __init__(self, graph: Graph, prints: Fingerprints, known: dict[tuple, str] | None = None):
        self.graph, self.prints = graph, prints
        self._done: dict[tuple, str] = known or {}  # `known`: digests of parts known to be the same

    def __call__(self, key: tuple) -> str:
        """The digest of the part `key`; "-" for a node that is not in the graph."""
        try:
            return self._done[key]
        except KeyError:
            pass
        g, of, kind = self.graph, self.prints.of, key[0]
        if kind == "node":
            node = g.nodes.get(key[1])
            value = self.prints.node(node) if node is not None else None
        elif kind == "out":  # edges: strings only
            value = self.prints.plain(g.parents(key[1]))
        elif kind == "in":
            value = self.prints.plain(g.children(key[1]))
        elif kind == "up":
            value = of([(n.id, d) for n, d in g.ancestors(key[1])])
        elif kind == "down":
            value = of([(n.id, d) for n, d in g.descendants(key[1])])
        elif kind == "at":
            value = of([n.id for n in g.plans_at(key[1])])
        elif kind == "under":
            value = of([n.id for n in g.plans_under(key[1])])
        elif kind == "places":
            value = of(g.places())
        elif kind == "sub":
            value = of(g.subplaces(key[1]))
        else:
            raise ValueError(f"no digest for a read of {key!r}")
        self._done[key] = value = value or "-"
        return value

    def joined(self, keys: tuple[tuple, ...]) -> str:
        """The digests of `keys`, one after the other: looked up in C while each is known (at 10,000
        plans, 300,000 look-ups a build)."""
        try:
            found = itemgetter(*keys)(self._done) if len(keys) > 1 else (self._done[keys[0]],) if keys else ()
        except KeyError:
            found = [self(k) for k in keys]
        return "".join(found)


class Reuse:
    """Values made of a few parts of one graph (a plan's record in the API: its node and the edges out of
    it), kept from the last build of the same process (`mkdocs serve`, whose `store` lives as long as it)
    while the digests of those parts are the same. The digests are the units' (`_Values`), computed once
    a build. A value is shared between builds: never changed. A build without a store has no Reuse (its
    callers make each value, and read no digest for it)."""

    def __init__(self, store: dict[str, dict[str, tuple[str, object]]], values: _Values):
        self.store, self._values = store, values
        self._now: dict[str, dict[str, tuple[str, object]]] = {}  # this build's: the store when it ends

    def __call__(self, product: str, nid: str, reads: tuple[tuple, ...], make: Callable[[], object],
                 extra: str = ""):
        """`make()`, or the value it made last build while `reads` (parts of the graph, as `Reads` notes
        them) and `extra` (what else it is made from, as a string) are the same."""
        key = self._values.joined(reads) + "\0" + extra
        now = self._now.setdefault(product, {})
        before = self.store.get(product, {}).get(nid)
        now[nid] = before if before is not None and before[0] == key else (key, make())
        return now[nid][1]

    def done(self) -> None:
        """Keep this build's values, and only them, for the next build."""
        self.store.clear()
        self.store.update(self._now)


def made_or_kept(reuse: Reuse | None, product: str, nid: str, reads: tuple[tuple, ...], make: Callable[[], object]):
    """`make()`; with a Reuse (a build of `mkdocs serve`), the value it kept from the last build while
    `reads` are the same (Reuse.__call__)."""
    return make() if reuse is None else reuse(product, nid, reads, make)


@dataclass
class Unit:
    keys: tuple[tuple, ...]  # what its builder read of the graph
    digest: str  # of those parts of the graph, and of its other inputs
    pages: dict[str, str]  # each page it made → its fingerprint
    files: dict[str, str] = field(default_factory=dict)  # each file it made → its content key (state.content_key)


class Units:
    """The units of one build: `made` holds this build's, for the next (`previous`: the last build's)."""

    def __init__(self, graph: Graph, prints: Fingerprints, previous: Mapping[str, Unit] | None,
                 kept: Mapping[str, str], feeds: Mapping[str, str], inputs: tuple = (), check: bool = False,
                 put_file: Callable[[str, bytes], None] | None = None, keep_file: Callable[[str, str], None] | None = None,
                 parts: dict[tuple, str] | None = None):
        self._values = _Values(graph, prints, parts)
        self.graph, self.prints = graph, prints
        self.previous = previous or {}
        self.kept = kept  # page → fingerprint of the last build's output of it, still as written
        self.feeds = feeds  # page → its feed (Site.add gives it to the page: part of its fingerprint)
        self.inputs = inputs  # what every unit is made from besides the graph and its own inputs
        self.check = check  # a unit kept is made anyway, and must come out the same (the tests' check)
        # where a unit's files go (`put_file(path, content)`), and how one of the last build's is kept
        # (`keep_file(path, its content key)`; None: a unit that made files is made again each build)
        self.put_file, self.keep_file = put_file, keep_file
        self.made: dict[str, Unit] = {}
        self.reused = 0

    @property
    def parts(self) -> dict[tuple, str]:
        """The digests of the parts of the graph read so far, by part (`parts` of a build whose graph is
        this one but for some nodes: kept_graph.py)."""
        return self._values._done

    def reuse(self, store: dict | None) -> Reuse | None:
        """Values made of parts of this build's graph, kept in `store` between builds (Reuse); None
        without a store."""
        return None if store is None else Reuse(store, self._values)

    def _digest(self, keys: tuple[tuple, ...], inputs: tuple, pages) -> str | None:
        """Of the unit's inputs and the digest of each part of the graph it read (`keys`, kept with the
        digest: they need no digest of their own)."""
        if ALL in keys:
            return None
        h = hashlib.blake2b(self.prints.of(self.inputs, inputs, [self.feeds.get(p, "") for p in sorted(pages)]).encode(),
                            digest_size=16)
        h.update(self._values.joined(keys).encode())  # each a hex digest of the same length
        return h.hexdigest()

    def pages(self, name: str, inputs: tuple, build: Callable[[Reads], dict[str, Page]],
              add: Callable[[dict[str, Page]], None],
              files: Callable[[Reads], dict[str, bytes]] | None = None) -> None:
        """The pages of unit `name`: `build(graph)`'s, handed to `add` (Site.add: fingerprinted, and
        marked reused where the last build's output is the same), or the last build's, kept as they
        are when the unit reads the same and each of its pages is still there as written. `inputs`:
        what else its pages are made from (values a fingerprint reads). `files(graph)`: files the unit
        makes beside its pages (path → content, to `put_file`), kept with them."""
        before = self.previous.get(name)
        if before is not None and (self.keep_file is not None or not before.files) \
                and all(self.kept.get(p) == k for p, k in before.pages.items()) \
                and all(self.kept.get(p) == k for p, k in before.files.items()) \
                and self._digest(before.keys, inputs, before.pages) == before.digest:
            if self.check:
                made: dict[str, Page] = {}
                _, _, made_files = build_and_add(self.graph, build, made.update, files)
                again = {p: keyed(page, p, self.feeds, self.prints) for p, page in made.items()}  # as Site.add
                if again != before.pages or {p: content_key(c) for p, c in made_files.items()} != before.files:
                    raise AssertionError(f"{name}: kept, but made again it differs: {sorted(set(again.items()) ^ set(before.pages.items()))}")
            add({p: Page("", b"", key=k, reused=True) for p, k in before.pages.items()})
            for path, key in before.files.items():
                self.keep_file(path, key)
            self.made[name] = before
            self.reused += 1
            return
        keys, pages, made_files = build_and_add(self.graph, build, add, files)
        for path, content in made_files.items():
            self.put_file(path, content)
        digest = self._digest(keys, inputs, pages)
        if digest is not None and not any(p.searchable for p in pages.values()):  # the index reads those
            self.made[name] = Unit(keys, digest, {p: page.key for p, page in pages.items()},
                                   {p: content_key(c) for p, c in made_files.items()})


def build_and_add(graph: Graph, build: Callable[[Reads], dict[str, Page]], add: Callable[[dict[str, Page]], None],
                  files: Callable[[Reads], dict[str, bytes]] | None = None
                  ) -> tuple[tuple[tuple, ...], dict[str, Page], dict[str, bytes]]:
    reads = Reads(graph)
    pages = build(reads)
    made = files(reads) if files is not None else {}
    add(pages)
    return tuple(sorted(reads.keys, key=repr)), pages, made  # repr: a key may hold None beside strings


__all__ = ["ALL", "Reads", "Reuse", "Unit", "Units", "made_or_kept"]
