"""Plan files: Markdown with YAML front matter. Reading keeps line numbers for error messages;
writing is atomic (a crash never leaves half a plan on disk)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# The front matter's keys in the order they are written (docs/dinh-dang.md describes each).
KEY_ORDER = ["id", "doc_type", "number", "symbol", "title", "date", "place", "issuer", "area", "signer",
             "basis", "references", "recipients", "topics", "beneficiaries", "tasks", "summary",
             "synthetic", "source"]


class PlanLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml: ~10× faster, same marks
    """SafeLoader that keeps dates as the strings they are written as ("2023-02-21")."""


PlanLoader.yaml_implicit_resolvers = {
    k: [(tag, regexp) for tag, regexp in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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


def read_plan(path: Path) -> PlanFile:
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as err:
        raise PlanError(path, 1, f"not UTF-8 text ({err.reason})") from None
    front, body, body_line = split_front_matter(text.replace("\r\n", "\n"), path)
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
    return PlanFile(path, meta, body.lstrip("\n"), node, body_line)


def dump_plan(meta: dict, body: str) -> str:
    ordered = {k: meta[k] for k in KEY_ORDER if k in meta}
    ordered.update({k: v for k, v in meta.items() if k not in ordered})
    front = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=10**6, default_flow_style=False)
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
