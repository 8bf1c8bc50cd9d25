"""Plan files: Markdown with YAML front matter. Reading keeps line numbers for error messages;
writing is atomic (a crash never leaves half a plan on disk)."""

from __future__ import annotations

import copy
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# The front matter's keys in the order they are written (docs/dinh-dang.md describes each).
KEY_ORDER = ["id", "doc_type", "number", "symbol", "title", "date", "place", "issuer", "area", "signer",
             "basis", "references", "recipients", "topics", "beneficiaries", "tasks", "coverage", "summary",
             "synthetic", "source"]


class PlanLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml: ~10× faster, same marks
    """SafeLoader that keeps dates as the strings they are written as ("2023-02-21")."""


PlanLoader.yaml_implicit_resolvers = {
    k: [(tag, regexp) for tag, regexp in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class PlanError(Exception):
    def __init__(self, path: Path | str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = str(path), line, message


@dataclass
class PlanFile:
    path: Path
    meta: dict
    body: str
    node: yaml.Node | None = field(default=None, repr=False)  # composed front matter, for line numbers
    body_line: int = 1  # line of the file where the body starts

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


def read_plan(path: Path, keys: frozenset[str] | None = None) -> PlanFile:
    """Read a plan. With `keys`, only those top-level keys are parsed (several times faster for
    tools that need a few fields of many plans); any error is then reported from a full read, so
    it names the right line."""
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as err:
        raise PlanError(path, 1, f"not UTF-8 text ({err.reason})") from None
    front, body, body_line = split_front_matter(text.replace("\r\n", "\n"), path)
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
    except yaml.YAMLError as err:
        raise PlanError(path, 1, f"YAML: {err}") from None
    finally:
        loader.dispose()
    if not isinstance(meta, dict):
        raise PlanError(path, 2, "front matter must be a mapping of keys to values")
    if keys is not None:
        meta = {k: v for k, v in meta.items() if k in keys}
    return PlanFile(path, meta, body.lstrip("\n"), node, body_line)


def _read_one(path: Path, keys: frozenset[str] | None) -> PlanFile | PlanError:
    try:
        plan = read_plan(path, keys)
    except PlanError as err:
        return err
    plan.node = None  # line numbers stay with validate, which reads plans one by one
    return plan


def _read_chunk(paths: list[Path], keys: frozenset[str] | None) -> list[tuple]:
    out = []
    for result in (_read_one(p, keys) for p in paths):  # plain tuples: cheap to send between processes
        if isinstance(result, PlanError):
            out.append(("error", result.path, result.line, result.message))
        else:
            out.append(("plan", str(result.path), result.meta, result.body, result.body_line))
    return out


class PlanMemo:
    """Plans already read, by path, kept while their file is unchanged (same size and modification
    time): a process that rebuilds a site many times (`mkdocs serve`) parses only what changed."""

    def __init__(self):
        self._kept: dict[str, tuple[tuple[int, int], dict, str, int]] = {}

    @staticmethod
    def stamp(path: Path) -> tuple[int, int] | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def get(self, path: Path) -> PlanFile | None:
        kept = self._kept.get(str(path))
        if kept is None or kept[0] != self.stamp(path):
            return None
        return PlanFile(path, copy.deepcopy(kept[1]), kept[2], None, kept[3])

    def put(self, plan: PlanFile) -> None:
        stamp = self.stamp(plan.path)
        if stamp is not None:
            self._kept[str(plan.path)] = (stamp, copy.deepcopy(plan.meta), plan.body, plan.body_line)


def read_plans(paths: list[Path], keys: frozenset[str] | None = None,
               parallel_from: int = 400, memo: PlanMemo | None = None) -> list[PlanFile | PlanError]:
    """Read many plans, in order: a PlanFile or the PlanError of each. From `parallel_from` plans
    on, the work is shared among the machine's cores (YAML parsing is most of a large build).
    With `memo` (full reads only), unchanged plans are not parsed again."""
    if memo is not None and keys is None:
        known = {i: memo.get(p) for i, p in enumerate(paths)}
        todo = [p for i, p in enumerate(paths) if known[i] is None]
        fresh = iter(read_plans(todo, keys, parallel_from))
        out = [known[i] if known[i] is not None else next(fresh) for i in range(len(paths))]
        for r in out:
            if isinstance(r, PlanFile):
                memo.put(r)
        return out
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < parallel_from or workers < 2:
        return [_read_one(p, keys) for p in paths]
    from concurrent.futures import ProcessPoolExecutor

    size = max(50, len(paths) // (workers * 4))
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    results: list[PlanFile | PlanError] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for chunk, rows in zip(chunks, pool.map(_read_chunk, chunks, [keys] * len(chunks)), strict=True):
            for path, row in zip(chunk, rows, strict=True):
                if row[0] == "error":
                    results.append(PlanError(row[1], row[2], row[3]))
                else:
                    results.append(PlanFile(path, row[2], row[3], None, row[4]))
    return results


def dump_plan(meta: dict, body: str) -> str:
    ordered = {k: meta[k] for k in KEY_ORDER if k in meta}
    ordered.update({k: v for k, v in meta.items() if k not in ordered})
    front = yaml.dump(ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6,
                      default_flow_style=False)
    return f"---\n{front}---\n\n{body.rstrip()}\n"


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def iter_plan_paths(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*.md") if not any(part.startswith(".") for part in p.parts))
