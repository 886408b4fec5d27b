"""Reading YAML spec files safely, keeping the line and column of every key and value.

PyYAML's composer gives a node tree with marks; we turn it into plain Python data ourselves so that
(1) every value keeps its ``line:col`` for error messages, (2) YAML 1.1's surprising implicit types
(``no`` -> False, ``1:20`` -> 80, ``2024-03-04`` -> date, ``0o17`` -> 15) stay plain strings, and
(3) aliases, merge keys, duplicate keys, tags and oversized input are refused before anything is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import SpecError

#: Limits on what a spec file may be (documented in the README's Limits section).
MAX_FILE_BYTES = 1 << 20          # 1 MiB; the largest real spec is a few kB
MAX_DEPTH = 20                    # nesting of mappings and lists
MAX_NODES = 20_000                # scalars, mappings and lists together
MAX_SCALAR_CHARS = 10_000         # one string (notes included)

_INT_RE = re.compile(r"^[-+]?\d+$")
_FLOAT_RE = re.compile(r"^[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d{1,3})?$")
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_NULL = {"", "~", "null", "Null", "NULL"}

Loc = tuple  # a path into the data: ('charging', 'claims', 0, 'time')


@dataclass
class Document:
    """Plain data read from a YAML file, with the 1-based (line, col) of each key and value."""

    path: str
    data: Any
    value_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Loc, key: bool = False) -> tuple[int, int]:
        """Position of ``loc`` (its key if ``key``), else of the nearest enclosing node present."""
        loc = tuple(loc)
        marks = self.key_marks if key else self.value_marks
        if loc in marks:
            return marks[loc]
        while loc:
            loc = loc[:-1]
            if loc in self.value_marks:
                return self.value_marks[loc]
        return (1, 1)

    def error(self, loc: Loc, message: str, key: bool = False) -> SpecError:
        """A :class:`SpecError` located at ``loc``."""
        line, col = self.where(loc, key)
        return SpecError(message, self.path, line, col)


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _scalar(node) -> Any:
    """Plain-style scalars that are JSON-like numbers, booleans or null are typed; all else is str."""
    text = node.value
    if node.style not in (None, ""):    # quoted or block scalar: always a string (libyaml says "" for plain)
        return text
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT_RE.match(text):
        return int(text)
    if _FLOAT_RE.match(text):
        return float(text)
    return text


def _alias_error(text: str, path: str) -> SpecError:
    """Locate the first alias (``*name``) in ``text``: the composed tree no longer shows where it was."""
    import yaml

    line = col = 1
    for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        if isinstance(event, yaml.AliasEvent):
            line, col = _pos(event.start_mark)
            break
    return SpecError("YAML aliases (*name) are not supported in spec files; write the value out", path, line, col)


class _Builder:
    def __init__(self, path: str, text: str):
        self.path = path
        self.text = text
        self.nodes = 0
        self.seen: set[int] = set()
        self.doc = Document(path, None)

    def fail(self, node, message: str) -> SpecError:
        line, col = _pos(node.start_mark)
        return SpecError(message, self.path, line, col)

    def build(self, node, loc: Loc, depth: int) -> Any:
        import yaml

        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fail(node, f"too many YAML nodes (more than {MAX_NODES})")
        if depth > MAX_DEPTH:
            raise self.fail(node, f"nesting too deep (more than {MAX_DEPTH} levels)")
        if id(node) in self.seen:
            raise _alias_error(self.text, self.path)
        self.seen.add(id(node))
        self.doc.value_marks[loc] = _pos(node.start_mark)
        if node.tag and node.tag.startswith("!"):
            raise self.fail(node, f"YAML tag {node.tag} is not supported in spec files")
        if isinstance(node, yaml.ScalarNode):
            if node.tag not in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                                "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
                                "tag:yaml.org,2002:timestamp") and node.tag != "tag:yaml.org,2002:value":
                if node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(node, "YAML merge keys (<<) are not supported in spec files")
                raise self.fail(node, f"unsupported YAML scalar type {node.tag}")
            if len(node.value) > MAX_SCALAR_CHARS:
                raise self.fail(node, f"string too long ({len(node.value)} characters, at most {MAX_SCALAR_CHARS})")
            return _scalar(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                raise self.fail(node, f"unsupported YAML type {node.tag}")
            return [self.build(item, loc + (i,), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                raise self.fail(node, f"unsupported YAML type {node.tag}")
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(key_node, "YAML merge keys (<<) are not supported in spec files")
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.fail(key_node, "mapping keys must be plain names")
                key = key_node.value
                if key in out:
                    line, _ = self.doc.key_marks[loc + (key,)]
                    raise self.fail(key_node, f"duplicate key {key!r} (first given on line {line})")
                self.doc.key_marks[loc + (key,)] = _pos(key_node.start_mark)
                out[key] = self.build(value_node, loc + (key,), depth + 1)
            return out
        raise self.fail(node, "unsupported YAML node")  # pragma: no cover


def parse_yaml(text: str, path: str = "<string>") -> Document:
    """Parse YAML text into a :class:`Document`; any problem is a located :class:`SpecError`."""
    import yaml

    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        loader = loader_cls(text)
        try:
            if not loader.check_node():
                raise SpecError("file is empty: expected a YAML mapping starting with 'kind:'", path, 1, 1)
            root = loader.get_node()
            if loader.check_node():
                nxt = loader.get_node()
                line, col = _pos(nxt.start_mark)
                raise SpecError("more than one YAML document in the file; put each spec in its own file",
                                path, line, col)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _pos(mark) if mark else (1, 1)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise SpecError(f"invalid YAML: {problem}", path, line, col) from None
    except yaml.YAMLError as exc:
        raise SpecError(f"invalid YAML: {str(exc).splitlines()[0]}", path, 1, 1) from None
    except RecursionError:
        raise SpecError(f"nesting too deep (more than {MAX_DEPTH} levels)", path, 1, 1) from None
    builder = _Builder(path, text)
    try:
        builder.doc.data = builder.build(root, (), 0)
    except RecursionError:
        raise SpecError(f"nesting too deep (more than {MAX_DEPTH} levels)", path, 1, 1) from None
    return builder.doc


def read_text(path: str | Path) -> str:
    """Read a spec file as UTF-8 text, refusing directories, huge, binary and non-UTF-8 files."""
    p = Path(path)
    shown = str(path)
    try:
        if p.is_dir():
            raise SpecError("is a directory, not a spec file", shown)
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SpecError(f"file too large ({size} bytes; a spec file may be at most {MAX_FILE_BYTES} bytes)", shown)
        with open(p, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise SpecError("no such file", shown) from None
    except OSError as exc:
        raise SpecError(f"cannot read file: {exc.strerror or exc}", shown) from None
    if len(raw) > MAX_FILE_BYTES:
        raise SpecError(f"file too large (a spec file may be at most {MAX_FILE_BYTES} bytes)", shown)
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line = raw.count(b"\n", 0, offset) + 1
        col = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
        raise SpecError("binary file (NUL byte): expected UTF-8 YAML text", shown, line, col)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SpecError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", shown, line, col) from None
    return text.removeprefix("\ufeff")


def load_yaml(path: str | Path) -> Document:
    """Read and parse a YAML spec file (see :func:`read_text` and :func:`parse_yaml`)."""
    return parse_yaml(read_text(path), str(path))
