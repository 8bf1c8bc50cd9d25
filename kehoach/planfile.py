"""Plan files: Markdown with YAML front matter. Reading keeps line numbers for error messages;
writing is atomic (a crash never leaves half a plan on disk).

Plan files are untrusted input. Before YAML sees a file, it is refused (with its file and line) when
it is larger than MAX_PLAN_BYTES, is not a regular file, resolves outside the plans directory, is
not UTF-8 or holds a NUL byte; before libyaml composes it, when it uses anchors or aliases (a few
lines of aliases expand to gigabytes) or nests deeper than MAX_DEPTH (libyaml recurses in C: 200,000
nested "[" crash the process)."""

from __future__ import annotations

import marshal
import os
import pickle
import re
import signal
import struct
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .packed import Packed, held

# The front matter's keys in the order they are written (docs/dinh-dang.md describes each).
KEY_ORDER = ["id", "doc_type", "number", "symbol", "title", "date", "place", "issuer", "area", "signer",
             "basis", "references", "recipients", "topics", "beneficiaries", "tasks", "coverage", "decision", "summary",
             "draft", "synthetic", "source"]


class PlanLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml: ~10× faster, same marks
    """SafeLoader that keeps dates as the strings they are written as ("2023-02-21")."""


PlanLoader.yaml_implicit_resolvers = {
    k: [(tag, regexp) for tag, regexp in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

MAX_PLAN_BYTES = 2_000_000  # the longest real plan with its appendices is ~200 KB
MAX_DEPTH = 8  # nesting of the front matter: a plan needs 4 (tasks → task → lead → name)
# what can alias or nest deeply on few lines: an anchor or alias (& or * where a node may start), a
# flow collection opened inside another ("[[", "[{", not "[]"), a compact sequence ("- - -"), a complex
# key, indentation that only deep nesting needs (a plan's deepest value is indented 2); only a plan
# with one of these is scanned event by event. Searched one after the other: as one pattern of five
# alternatives, tried at every character, it took twice as long (0.27 against 0.15 ms a plan)
_RISKY = tuple(re.compile(p, re.MULTILINE) for p in (
    r"(?:^|[\s,\[{:])[&*][^\s,\[\]{}]", r"[\[{][^\]}]*[\[{]", r"-[ \t]+-", r"\?[ \t]", r"^ {6,}"))
_OPENS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSES = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


class PlanError(Exception):
    def __init__(self, path: Path | str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = str(path), line, message


@dataclass
class PlanFile:
    path: Path
    meta: dict
    body: str | Packed  # Packed when read for a large build (read_plans' `pack`)
    node: yaml.Node | None = field(default=None, repr=False)  # composed front matter, for line numbers
    body_line: int = 1  # line of the file where the body starts
    problems: list = field(default_factory=list)  # what a check found (kehoach.validate.Problem), when asked
    id_line: int = 2  # line of the id, for messages about ids used twice
    derived: object = None  # what the reader's `derive(plan)` made of it, where it read it (read_plans)

    def line_of(self, path: tuple) -> int:
        """The file line of the value at `path` (keys and indexes) in the front matter."""
        node, line = self.node, 2
        for step in path:
            if isinstance(node, yaml.MappingNode):
                match = next(((k, v) for k, v in node.value if k.value == step), None)
                if match is None:
                    break
                line, node = match[0].start_mark.line + 2, match[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
                line = node.start_mark.line + 2
            else:
                break
        return line


def split_front_matter(text: str, path: Path | str) -> tuple[str, str, int]:
    """(yaml text, body, body's first line)."""
    if not text.startswith("---\n"):
        raise PlanError(path, 1, "no front matter: a plan starts with a line '---'")
    end = text.find("\n---\n", 3)
    if end == -1:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            raise PlanError(path, 1, "front matter is not closed by a line '---'")
    front = text[4:end + 1]
    body_line = front.count("\n") + 3
    return front, text[end + 5:], body_line


_TOP_KEY = re.compile(r"^(?=[A-Za-z_][\w-]*:)", re.MULTILINE)


def _select(front: str, keys: frozenset[str]) -> str:
    """Only the top-level entries of `keys` (a block mapping splits at lines starting "key:")."""
    return "".join(chunk for chunk in _TOP_KEY.split(front) if chunk.split(":", 1)[0] in keys)


def read_text(path: Path, root: Path | None = None) -> str:
    """The text of a plan file, or PlanError: too large, not a regular file, outside `root` (a link
    out of the plans directory), not UTF-8, or holding a NUL byte."""
    try:
        if root is not None and not path.resolve().is_relative_to(root.resolve()):
            raise PlanError(path, 1, f"the file resolves to {path.resolve()}, outside {root}: a plan file "
                                     "must be inside the plans directory (no links out of it)")
        if not path.is_file():
            raise PlanError(path, 1, "not a regular file")
        size = path.stat().st_size
        if size > MAX_PLAN_BYTES:
            raise PlanError(path, 1, f"the file holds {size:,} bytes; a plan file may hold at most {MAX_PLAN_BYTES:,}")
        data = path.read_bytes()
    except OSError as err:
        raise PlanError(path, 1, f"cannot read the file ({err.strerror or err})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise PlanError(path, line, f"not UTF-8 text ({err.reason} at byte {err.start})") from None
    nul = text.find("\0")
    if nul != -1:
        raise PlanError(path, text.count("\n", 0, nul) + 1, "a NUL byte: a plan file is text")
    return text


def guard(front: str, path: Path | str, first_line: int = 2) -> None:
    """Refuse anchors, aliases and nesting deeper than MAX_DEPTH before the front matter is composed.
    libyaml's event parser keeps its own stack, so scanning events is safe where composing is not.
    A syntax error is left to the full parse, which reports it with its line."""
    if not any(p.search(front) for p in _RISKY):
        return
    loader = PlanLoader(front)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + first_line
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise PlanError(path, line, "YAML anchors and aliases (&name, *name) are not allowed in a plan: "
                                            "write the value out")
            if isinstance(event, _OPENS):
                depth += 1
                if depth > MAX_DEPTH:
                    raise PlanError(path, line, f"the front matter nests deeper than {MAX_DEPTH} levels")
            elif isinstance(event, _CLOSES):
                depth -= 1
    except yaml.YAMLError:
        return
    finally:
        loader.dispose()


def read_plan(path: Path, keys: frozenset[str] | None = None, root: Path | None = None) -> PlanFile:
    """Read a plan. With `keys`, only those top-level keys are parsed (several times faster for
    tools that need a few fields of many plans); any error is then reported from a full read, so
    it names the right line. With `root`, a file that resolves outside it is refused."""
    text = read_text(path, root)
    front, body, body_line = split_front_matter(text.replace("\r\n", "\n"), path)
    guard(front, path)
    if keys is not None:
        try:
            meta = yaml.load(_select(front, keys), Loader=PlanLoader)  # noqa: S506 (a SafeLoader)
        except yaml.YAMLError:
            meta = None
        if isinstance(meta, dict):
            return PlanFile(path, meta, body.lstrip("\n"), None, body_line)
    loader = PlanLoader(front)
    try:  # one parse: the node keeps line numbers, the document is constructed from it
        node = loader.get_single_node()
        meta = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.context_mark or err.problem_mark  # where the unclosed thing began, if any
        line = mark.line + 2 if mark else 1
        raise PlanError(path, line, f"YAML: {err.problem or err.context}") from None
    except (yaml.YAMLError, RecursionError) as err:
        raise PlanError(path, 1, f"YAML: {err}") from None
    finally:
        loader.dispose()
    if not isinstance(meta, dict):
        raise PlanError(path, 2, "front matter must be a mapping of keys to values")
    if keys is not None:
        meta = {k: v for k, v in meta.items() if k in keys}
    return PlanFile(path, meta, body.lstrip("\n"), node, body_line)


Check = Callable[[PlanFile], list]


def _read_one(path: Path, keys: frozenset[str] | None, check: Check | None = None,
              root: Path | None = None, derive: Callable[[PlanFile], object] | None = None,
              pack: bool = False) -> PlanFile | PlanError:
    try:
        plan = read_plan(path, keys, root)
    except PlanError as err:
        return err
    if check is not None:  # while the composed front matter is here to give line numbers
        plan.problems = check(plan)
        plan.id_line = plan.line_of(("id",))
    plan.node = None
    if derive is not None and not any(getattr(x, "severity", "") == "error" for x in plan.problems):
        plan.derived = derive(plan)
    if keys is not None:  # a few fields of many plans: not their bodies (~1 GB at 100,000 plans, sent between processes)
        plan.body = ""
    elif pack:  # packed where it is read, by the reading processes: the build holds it packed from the start
        plan.body = Packed(plan.body)
    return plan


def _copy(plan: PlanFile) -> PlanFile:
    """A PlanFile of its own, sharing the plan's values (PlanMemo)."""
    return PlanFile(plan.path, plan.meta, plan.body, None, plan.body_line, list(plan.problems), plan.id_line,
                    plan.derived)


def _shared(value, table: dict[str, str]):
    """`value` (front matter: dicts, lists, tuples, strings) with each string the one equal string of `table`."""
    if type(value) is str:
        return table.setdefault(value, value)
    if type(value) is dict:
        return {table.setdefault(k, k) if type(k) is str else k: _shared(v, table) for k, v in value.items()}
    if type(value) is list:
        return [_shared(v, table) for v in value]
    if type(value) is tuple:
        return tuple(_shared(v, table) for v in value)
    return value


def _read_chunk(paths: list[Path], keys: frozenset[str] | None, check: Check | None, root: Path | None,
                derive: Callable[[PlanFile], object] | None = None, pack: bool = False) -> list[tuple]:
    out = []
    # the same string (a key of the front matter, an agency, a task's wording) is sent once per chunk and
    # arrives as one object, which the build holds for the rest of its run: each YAML scalar read is a
    # string of its own (10,000 generated plans: 1.46 million strings in their front matter, 117 MB; 53,000
    # distinct, 9 MB)
    table: dict[str, str] = {}
    for result in (_read_one(p, keys, check, root, derive, pack) for p in paths):  # plain tuples: cheap to send between processes
        if isinstance(result, PlanError):
            out.append(("error", result.path, result.line, result.message))
        else:
            out.append(("plan", str(result.path), _shared(result.meta, table), result.body, result.body_line,
                        result.problems, result.id_line, _shared(result.derived, table)))
    return out


class PlanMemo:
    """Plans already read, by path, kept while their file is unchanged (same size, modification and
    change time): a process that rebuilds a site many times (`mkdocs serve`) parses only what
    changed, and a memo saved to a file (`save`, `load`) spares the next build the same work.

    A memo in memory holds each plan as it was read and gives a PlanFile of its own (its fields may be
    set), whose front matter and `derived` are the memo's: read, never changed, by every caller (but to
    fill in, once, what `derived` leaves to be found: kehoach.site.alone.mentions_of). Kept
    pickled instead, each `get` unpickled them: at 10,000 plans 0.5–1.2 s of each `serve` rebuild.

    A memo of a file holds no plan in memory: `get` reads the one asked for from the file, `put`
    writes it at once into the file the next `save` puts in place (which then copies the plans kept
    from the last one). At 100,000 plans the pickled plans are ~1.5 GB: held in memory, they made the
    build's peak. Each plan's front matter is kept by `marshal` (the format of Python's own compiled
    files, for plain values), the rest pickled: at 10,000 plans, reading every front matter back took
    0.85–0.99 s, pickled 1.48–1.80 s. A front matter `marshal` cannot write is pickled with the rest."""

    FORMAT = 4
    _MARSHALLED = struct.Struct("<I")  # a plan's record: the length of its marshalled front matter, or NONE
    _NONE = 0xFFFFFFFF
    _TRAILER = struct.Struct("<Q")  # where the index starts, at the end of the file

    def __init__(self, version: str = "", file: Path | None = None):
        self.version = version  # of the code that read and checked the plans: a memo of another is not used
        self.file = file  # where it is saved (`release`); None: kept in memory, for the life of the process
        self._kept: dict[str, tuple[tuple[int, int, int], PlanFile]] = {}  # in memory: each plan as read
        self._at: dict[str, tuple[tuple[int, int, int], int, int]] = {}  # in `file`: (stamp, offset, length)
        self._source = None  # `file` as loaded, open: what `_at` points into
        self._next = None  # (temporary path, open file, {path: (stamp, offset, length)}): the next save
        self.changed = False
        # a memo in memory lives as long as its process: the folders as listed by its last build
        self.folders = Folders() if file is None else None

    @staticmethod
    def stamp(path: Path) -> tuple[int, int, int] | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size, st.st_ctime_ns

    def get(self, path: Path, table: dict[str, str] | None = None, pack: bool = False) -> PlanFile | None:
        """The plan kept for `path` while its file is unchanged, else None. `table`: strings already
        given (as read_plans' workers share them): each string of the front matter and of `derived`
        is the one equal string there (unpickled one plan at a time, 10,000 plans hold ~80 MB more
        than read afresh). `pack`: the body Packed (as it is kept when it was read so)."""
        key = str(path)
        if self.file is None:
            kept = self._kept.get(key)
            if kept is None or kept[0] != self.stamp(path):
                return None
            plan = _copy(kept[1])
            plan.body = held(plan.body, pack)
            return plan
        at = self._at.get(key)
        if at is None or at[0] != self.stamp(path):
            return None
        data = os.pread(self._source.fileno(), at[2], at[1])
        size = self._MARSHALLED.unpack_from(data)[0]
        start = self._MARSHALLED.size
        if size == self._NONE:
            meta, body, body_line, problems, id_line, derived = pickle.loads(memoryview(data)[start:])
        else:
            meta = marshal.loads(memoryview(data)[start:start + size])
            body, body_line, problems, id_line, derived = pickle.loads(memoryview(data)[start + size:])
        if table is not None:
            meta, derived = _shared(meta, table), _shared(derived, table)
        return PlanFile(path, meta, held(body, pack), None, body_line, problems, id_line, derived)

    def put(self, plan: PlanFile) -> None:
        stamp = self.stamp(plan.path)
        if stamp is None:
            return
        self.changed = True
        if self.file is None:
            self._kept[str(plan.path)] = (stamp, _copy(plan))
            return
        rest = (plan.body, plan.body_line, list(plan.problems), plan.id_line, plan.derived)
        try:
            meta = marshal.dumps(plan.meta)
        except ValueError:  # a value of another type (a date YAML was told is one: `!!timestamp`)
            data = self._MARSHALLED.pack(self._NONE) + pickle.dumps((plan.meta, *rest), protocol=pickle.HIGHEST_PROTOCOL)
        else:
            data = self._MARSHALLED.pack(len(meta)) + meta + pickle.dumps(rest, protocol=pickle.HIGHEST_PROTOCOL)
        _, out, index = self._begin()
        index[str(plan.path)] = (stamp, out.tell(), len(data))
        out.write(data)

    def _begin(self):
        if self._next is None:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.file.name}.", dir=self.file.parent)
            os.fchmod(fd, 0o644)
            self._next = (tmp, os.fdopen(fd, "wb"), {})
        return self._next

    def seen(self, path: Path) -> tuple[int, int, int] | None:
        """The stamp (modification time, size, change time) `path` had when it was last read or found
        unchanged, for a memo in memory (`mkdocs serve`: the build then needs no stat of its own)."""
        kept = self._kept.get(str(path)) if self.file is None else None
        return kept[0] if kept is not None else None

    def keep_only(self, paths: list[Path]) -> None:
        """Forget plans not in `paths` (files removed or moved)."""
        wanted = {str(p) for p in paths}
        for kept in (self._kept, self._at):
            for gone in [k for k in kept if k not in wanted]:
                del kept[gone]
                self.changed = True

    @classmethod
    def load(cls, path: Path, version: str) -> PlanMemo:
        """The memo saved at `path` by code of `version`, or an empty one."""
        memo = cls(version, path)
        try:
            f = open(path, "rb")
        except OSError:
            return memo
        try:
            f.seek(-cls._TRAILER.size, os.SEEK_END)
            f.seek(cls._TRAILER.unpack(f.read(cls._TRAILER.size))[0])
            fmt, saved_version, at = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, struct.error):
            f.close()
            return memo
        if fmt == cls.FORMAT and saved_version == version and isinstance(at, dict):
            memo._at, memo._source = at, f
        else:
            f.close()
        return memo

    def release(self) -> None:
        """Once the plans are read: a memo of a file is saved there and forgotten (the build needs its
        memory); one kept in memory stays."""
        if self.file is not None:
            self.save(self.file)
            self._at = {}

    def save(self, path: Path) -> None:
        """Into `path`, whole or not at all: the plans put since the memo was loaded, those kept from
        the file it was loaded from, then where each is."""
        if self.file is None:
            raise ValueError("a memo in memory is not saved")
        try:
            if self.changed:
                tmp, out, index = self._begin()
                with uninterrupted():
                    for key, (stamp, offset, length) in self._at.items():
                        if key not in index:  # kept from the last file, as it was
                            index[key] = (stamp, out.tell(), length)
                            out.write(os.pread(self._source.fileno(), length, offset))
                    self._end(out, index)
                    out.close()
                    os.replace(tmp, path)
                    self._next = None
                self.changed = False
        finally:
            self._discard()

    def _end(self, f, index: dict) -> None:
        """After the plans: where each is, then where that starts (what `load` reads first)."""
        start = f.tell()
        pickle.dump((self.FORMAT, self.version, index), f, protocol=pickle.HIGHEST_PROTOCOL)
        f.write(self._TRAILER.pack(start))

    def _discard(self) -> None:
        if self._next is not None:
            tmp, out, _ = self._next
            out.close()
            Path(tmp).unlink(missing_ok=True)
            self._next = None
        if self._source is not None:
            self._source.close()
            self._source = None


def read_plans(paths: list[Path], keys: frozenset[str] | None = None, parallel_from: int = 400,
               memo: PlanMemo | None = None, check: Check | None = None,
               root: Path | None = None, derive: Callable[[PlanFile], object] | None = None,
               pack: bool = False) -> list[PlanFile | PlanError]:
    """Read many plans, in order: a PlanFile or the PlanError of each. From `parallel_from` plans
    on, the work is shared among the machine's cores (YAML parsing is most of a large build).
    With `keys`, only those keys of the front matter, and no body. With `memo` (full reads only), unchanged plans are not parsed again. `check(plan)` (a module-level
    function: it runs in the workers) gives each plan's `problems`; with `root`, files resolving
    outside it are refused. `derive(plan)` (module-level too) is kept as each plan's `derived` (in the
    memo too: unchanged plans are not derived again), for plans without an error. `pack`: each body
    Packed (packed.py) as soon as it is read, where it is read (a large build holds them so)."""
    if memo is not None and keys is None:
        # in a large base, strings shared as the reading processes share them (a cost of time: at 10,000
        # plans ~1.3 s, for ~80 MB)
        table: dict[str, str] | None = {} if pack else None
        known = {i: memo.get(p, table, pack) for i, p in enumerate(paths)}
        del table
        todo = [p for i, p in enumerate(paths) if known[i] is None]
        fresh = iter(read_plans(todo, keys, parallel_from, check=check, root=root, derive=derive, pack=pack))
        out = [known[i] if known[i] is not None else next(fresh) for i in range(len(paths))]
        for i, r in enumerate(out):
            if known[i] is None and isinstance(r, PlanFile):
                memo.put(r)
        memo.keep_only(paths)
        return out
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < parallel_from or workers < 2:
        return [_read_one(p, keys, check, root, derive, pack) for p in paths]
    from concurrent.futures import ProcessPoolExecutor

    size = max(50, len(paths) // (workers * 4))
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    results: list[PlanFile | PlanError] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        n = len(chunks)
        for chunk, rows in zip(chunks, pool.map(_read_chunk, chunks, [keys] * n, [check] * n, [root] * n, [derive] * n,
                                                [pack] * n), strict=True):
            for path, row in zip(chunk, rows, strict=True):
                if row[0] == "error":
                    results.append(PlanError(row[1], row[2], row[3]))
                else:
                    results.append(PlanFile(path, row[2], row[3], None, row[4], row[5], row[6], row[7]))
    return results


def dump_plan(meta: dict, body: str) -> str:
    ordered = {k: meta[k] for k in KEY_ORDER if k in meta}
    ordered.update({k: v for k, v in meta.items() if k not in ordered})
    front = yaml.dump(ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6,
                      default_flow_style=False)
    return f"---\n{front}---\n\n{body.rstrip()}\n"


_STOPS = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def uninterrupted():
    """Ctrl-C and SIGTERM held back until the block ends: a process stopped while writing a file
    (`kehoach.search.Indexing.cancel`) stops before the file is begun or after it is whole, never
    between making its temporary file and either putting it in place or removing it."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _temporary_name(path: Path) -> str:
    return os.path.join(path.parent, f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")


def link_atomic(source: Path, target: Path) -> None:
    """`target` the same file as `source` (a hard link), in one step: a reader sees the one or the
    other, whole; its folder made if missing, as `write_atomic` does. Raises OSError where the file
    system cannot (another device)."""
    tmp = _temporary_name(target)
    with uninterrupted():
        try:
            os.link(source, tmp)
        except FileNotFoundError:
            if not os.path.exists(source):
                raise
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, tmp)
        except FileExistsError:  # left by a process of the same number, killed
            os.unlink(tmp)
            os.link(source, tmp)
        try:
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise


def _temporary(path: Path) -> tuple[int, str]:
    """A new file beside `path` to write it through (its folder made if missing), hidden, named for this
    process and thread (one is written at a time in each), readable by all (0644: a web server may run
    as another user), as a file written the ordinary way would be. Not `tempfile.mkstemp`: its random
    names and the folder made each time cost ~20% of writing the ~5,000 small files of a search index."""
    tmp = _temporary_name(path)
    try:
        fd = os.open(tmp, _NEW, 0o644)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, _NEW, 0o644)
    except FileExistsError:  # left by a process of the same number, killed
        os.unlink(tmp)
        fd = os.open(tmp, _NEW, 0o644)
    try:
        os.fchmod(fd, 0o644)  # whatever the umask
    except BaseException:
        os.close(fd)
        os.unlink(tmp)
        raise
    return fd, tmp


@contextmanager
def atomic_file(path: Path):
    """A binary file to write `path` through: whole once the block ends, or not at all if it fails."""
    with uninterrupted():
        fd, tmp = _temporary(path)
        try:
            with os.fdopen(fd, "wb") as f:
                yield f
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write a whole file or nothing (atomic_file); text as UTF-8 with "\\n" line ends."""
    with atomic_file(path) as f:
        f.write(text if isinstance(text, bytes) else text.encode("utf-8"))


def iter_plan_paths(root: Path, folders: Folders | None = None) -> list[Path]:
    """The plan files (*.md) under `root`, hidden folders left out. Links to folders are not followed;
    a link to a file is listed, and refused when read if it leads out of `root` (read_plan). `folders`:
    the listings of the last call, kept by the caller (a process that builds again: `mkdocs serve`)."""
    if not root.is_dir():
        return [root]
    found: list[str] = []  # as strings, sorted as Paths sort (by their parts): 10,000 Paths sorted were ~0.1 s
    if folders is None:
        for folder, dirs, files in os.walk(str(root)):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found += [f"{folder}/{f}" for f in files if f.endswith(".md") and not f.startswith(".")]
    else:
        found = folders.plans(str(root))
    found.sort(key=lambda f: f.split("/"))
    return [Path(f) for f in found]


class Folders:
    """The plan files of each folder as last listed, and the folders below it, kept while the folder's
    stamp (modification and change time, inode) is the same: a file made, removed or renamed in a folder
    changes its stamp. A build in a process that builds again (`mkdocs serve`) then stats each folder
    instead of listing it (at 10,000 plans, ~1,000 folders: ~0.25 s of each rebuild). A folder changed in
    the last RACY seconds before it was listed is listed again next time: its stamp may not yet show a
    change made in the same tick of the file system's clock (as git's racy entries)."""

    RACY = 2 * 10**9  # ns

    def __init__(self):
        self._kept: dict[str, tuple[tuple[int, int, int], list[str], list[str]]] = {}

    def plans(self, root: str) -> list[str]:
        """The plan files under `root` (as iter_plan_paths finds them), unsorted."""
        found: list[str] = []
        seen: dict = {}
        todo = [root]
        while todo:
            folder = todo.pop()
            try:
                st = os.stat(folder)
            except OSError:
                continue  # gone since its parent was listed
            stamp = (st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
            kept = self._kept.get(folder)
            if kept is None or kept[0] != stamp:
                kept = (stamp, *self._listed(folder))
            if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > self.RACY:
                seen[folder] = kept
            found += kept[1]
            todo += kept[2]
        self._kept = seen  # folders no longer there are forgotten
        return found

    @staticmethod
    def _listed(folder: str) -> tuple[list[str], list[str]]:
        files, below = [], []
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return [], []
        for e in entries:
            if e.name.startswith("."):
                continue
            try:
                is_dir = e.is_dir()  # a link to a folder is a folder (os.walk's), not followed
            except OSError:
                is_dir = False
            if not is_dir:
                if e.name.endswith(".md"):
                    files.append(f"{folder}/{e.name}")
            elif not e.is_symlink():
                below.append(f"{folder}/{e.name}")
        return files, below
