"""Reading YAML spec files safely, keeping the line and column of every key and value.

PyYAML's composer gives a node tree with marks; we turn it into plain Python data ourselves so that
(1) every value keeps its ``line:col`` for error messages, (2) YAML 1.1's surprising implicit types
(``no`` -> False, ``1:20`` -> 80, ``2024-03-04`` -> date, ``0o17`` -> 15) stay plain strings, and
(3) aliases, merge keys, duplicate keys, tags and oversized input are refused before anything is built.
"""

from __future__ import annotations

import math
import os
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Protocol

from batcalc.cache import ByIdentity
from batcalc.errors import SpecError

if TYPE_CHECKING:      # PyYAML is imported where it is used (start-up time); its stubs: types-PyYAML
    from yaml import CBaseLoader
    from yaml.events import Event, ScalarEvent
    from yaml.nodes import Node

#: Limits on what a spec file may be (documented in the README's Limits section).
MAX_FILE_BYTES = 1 << 20          # 1 MiB; the largest real spec is a few kB
MAX_DEPTH = 20                    # nesting of mappings and lists
MAX_NODES = 20_000                # scalars, mappings and lists together
MAX_SCALAR_CHARS = 10_000         # one string (notes included)
MAX_KEY_CHARS = 100               # one mapping key
MAX_INT_DIGITS = 20               # longer plain integers stay strings (and fail where a number is needed)

# YAML 1.2 core-schema numbers, ASCII digits only (fullwidth or Arabic-Indic digits stay strings).
_INT_RE = re.compile(r"^[-+]?[0-9]+$")
_FLOAT_RE = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]{1,3})?$")
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_NULL = {"", "~", "null", "Null", "NULL"}
_WORDS = _TRUE | _FALSE | _NULL
_NUMBER_START = frozenset("0123456789+-.")
#: Characters refused inside any key or string: C0/C1 controls other than tab, LF and CR (escapes such
#: as "\0" or "\e" in double quotes), DEL, the Unicode line and paragraph separators (they would break
#: one-line messages and tables) and bidirectional overrides (text that displays differently from what
#: it is).
_BAD_CHAR_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: Explicit tags that change nothing: ``!!str``, ``!!map``, ``!!seq`` and the non-specific ``!``.
_PLAIN_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}

Loc = tuple[str | int, ...]  # a path into the data: ('charging', 'claims', 0, 'time')
Pos = tuple[int, int]         # 1-based (line, col)


class _Mark(Protocol):
    """A position in the text as PyYAML gives it (0-based); its pure-Python and libyaml marks both fit."""

    line: int
    column: int


class _EventSource(Protocol):
    """A PyYAML loader read event by event."""

    def get_event(self) -> Event: ...


@dataclass
class Document:
    """Plain data read from a YAML file, with the 1-based (line, col) of each key and value.

    Documents read by the fast path carry their ``text`` instead of marks; the marks are worked out
    (by reading the text again, carefully) the first time an error needs a position.
    """

    path: str
    data: Any
    value_marks: dict[Loc, Pos] | None = field(default_factory=dict)
    key_marks: dict[Loc, Pos] | None = field(default_factory=dict)
    text: str | None = None
    max_nodes: int = MAX_NODES       # the node limit it was read with (positions are read again with it)

    def _marks(self) -> tuple[dict[Loc, Pos], dict[Loc, Pos]]:
        """``(value_marks, key_marks)``, worked out from ``text`` the first time they are needed."""
        values, keys = self.value_marks, self.key_marks
        if values is None or keys is None:
            full = _parse_careful(self.text or "", self.path, self.max_nodes)
            values, keys = full.value_marks or {}, full.key_marks or {}
            self.value_marks, self.key_marks = values, keys
        return values, keys

    def where(self, loc: Loc, key: bool = False) -> Pos:
        """Position of ``loc`` (its key if ``key``), else of the nearest enclosing node present."""
        value_marks, key_marks = self._marks()
        loc = tuple(loc)
        marks = key_marks if key else value_marks
        if loc in marks:
            return marks[loc]
        while loc:
            loc = loc[:-1]
            if loc in value_marks:
                return value_marks[loc]
        return (1, 1)

    def error(self, loc: Loc, message: str, key: bool = False) -> SpecError:
        """A :class:`SpecError` located at ``loc`` (kept as its ``loc``)."""
        line, col = self.where(loc, key)
        return SpecError(message, self.path, line, col, tuple(loc))

    def error_in_systems(self, loc: Loc, write: Callable[[str], str]) -> SpecError:
        """:meth:`error` of a message that shows physical values: ``write(system)`` is its text in each unit
        system (:data:`batcalc.units.SYSTEMS`, recorded with :meth:`~batcalc.errors.BatcalcError.shown_in`);
        the message is the metric one."""
        from batcalc.units import SYSTEMS

        error = self.error(loc, write("metric"))
        error.shown_in({system: str(self.error(loc, write(system))) for system in SYSTEMS})
        return error


def _pos(mark: _Mark | None) -> Pos:
    """1-based (line, col) of a PyYAML mark; (1, 1) where PyYAML gives none."""
    return (1, 1) if mark is None else (mark.line + 1, mark.column + 1)


def shown_path(path: str | Path) -> str:
    """A path as printed in messages: control characters (a newline in a file name) escaped."""
    text = str(path)
    return text if text.isprintable() else repr(text)[1:-1]


def _scalar(text: str, plain: bool) -> Any:
    """Plain scalars that are JSON-like numbers, booleans or null are typed; all else is a string.

    Unlike YAML 1.1 (PyYAML's resolver), ``no``/``on`` stay strings, ``1:20`` is not 80, ``0o17`` and
    ``0x1F`` are not numbers, ``1_000`` is not 1000 and ``2024-03-04`` is not a date. A number too
    large to be a float (``1e999``) or an integer of more than :data:`MAX_INT_DIGITS` digits stays a
    string, so that it is refused where a number is needed instead of becoming ``inf``.
    """
    if not plain or " " in text or (text and text[0] not in _NUMBER_START and text not in _WORDS):
        return text                             # most scalars: words and '<number> <unit>' strings
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT_RE.match(text):
        return int(text) if len(text.lstrip("+-")) <= MAX_INT_DIGITS else text
    if _FLOAT_RE.match(text):
        value = float(text)
        return value if math.isfinite(value) else text
    return text


def _bad_char(text: str) -> str | None:
    m = _BAD_CHAR_RE.search(text)
    return None if m is None else f"U+{ord(m.group()):04X}"


class _Builder:
    """Turns the parser's event stream into plain data, refusing what spec files may not contain.

    Working on events (not on a composed node tree) means the limits apply while reading: a file of
    half a million nodes stops at node :data:`MAX_NODES`, nesting stops at :data:`MAX_DEPTH` without
    recursion, and an alias is refused where it stands.
    """

    def __init__(self, loader: _EventSource, path: str, max_nodes: int = MAX_NODES,
                 duplicates: list[SpecError] | None = None):
        self.loader = loader
        self.path = path
        #: None: a duplicate key is refused at once; a list: each duplicate key's error is added to it and
        #: the value is read (its limits checked) and dropped, the first one kept (``batcalc lint``)
        self.duplicates = duplicates
        self.nodes = 0
        self.max_nodes = max_nodes
        self.value_marks: dict[Loc, Pos] = {}
        self.key_marks: dict[Loc, Pos] = {}
        self.doc = Document(path, None, self.value_marks, self.key_marks)

    def fail(self, mark: _Mark | None, message: str) -> SpecError:
        line, col = _pos(mark)
        return SpecError(message, self.path, line, col)

    def _check_node(self, event: Event, depth: int) -> None:
        import yaml

        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise self.fail(event.start_mark, f"too many YAML nodes (more than {self.max_nodes})")
        if depth > MAX_DEPTH:
            raise self.fail(event.start_mark, f"nesting too deep (more than {MAX_DEPTH} levels)")
        if isinstance(event, yaml.AliasEvent):
            raise self.fail(event.start_mark,
                            "YAML aliases (*name) are not supported in spec files; write the value out")
        tag = getattr(event, "tag", None)
        if tag not in _PLAIN_TAGS:
            raise self.fail(event.start_mark, f"YAML tag {tag} is not supported in spec files")

    def _string(self, event: ScalarEvent, what: str, limit: int) -> str:
        text: str = event.value
        if len(text) > limit:
            raise self.fail(event.start_mark, f"{what} too long ({len(text)} characters, at most {limit})")
        bad = _bad_char(text)
        if bad:
            raise self.fail(event.start_mark, f"control or bidi character {bad} in a {what}; remove it")
        return text

    def build(self) -> Any:
        """Build the value that starts at the next event (iteratively: no recursion)."""
        import yaml

        get = self.loader.get_event
        root_box: list[Any] = []
        stack: list[_Open] = []          # the mappings and lists being read, innermost last

        def place(value: Any, event: Event, loc: Loc) -> None:
            self.value_marks[loc] = _pos(event.start_mark)
            if not stack:
                root_box.append(value)
                return
            top = stack[-1]
            if isinstance(top.container, list):
                top.container.append(value)
            elif top.key is not None:
                if top.key[:1] != _DROPPED:
                    top.container[top.key] = value
                top.key = None

        while True:
            event = get()
            top = stack[-1] if stack else None
            loc: Loc
            if top is None:
                loc, depth = (), 0
            elif isinstance(top.container, list):
                if isinstance(event, yaml.SequenceEndEvent):
                    stack.pop()
                    if not stack:
                        return root_box[0]
                    continue
                loc, depth = top.loc + (len(top.container),), top.depth + 1
            elif top.key is None:
                # a mapping expects a key (or its end)
                container, loc, depth = top.container, top.loc, top.depth
                if isinstance(event, yaml.MappingEndEvent):
                    stack.pop()
                    if not stack:
                        return root_box[0]
                    continue
                self._check_node(event, depth + 1)
                if not isinstance(event, yaml.ScalarEvent):
                    raise self.fail(event.start_mark, "mapping keys must be plain names")
                key = self._string(event, "key", MAX_KEY_CHARS)
                if not key.isprintable():
                    raise self.fail(event.start_mark, f"mapping key {key!r} contains a control character")
                plain = event.style in (None, "") and event.tag is None
                if plain and key == "<<":
                    raise self.fail(event.start_mark, "YAML merge keys (<<) are not supported in spec files")
                if key in container:
                    line, _ = self.key_marks[loc + (key,)]
                    error = self.fail(event.start_mark, f"duplicate key {key!r} (first given on line {line})")
                    if self.duplicates is None:
                        raise error
                    self.duplicates.append(error)
                    # its value is read under a key no mapping can hold (keys are printable), then dropped
                    top.key = f"{_DROPPED}{error.line}:{error.col}"
                    continue
                self.key_marks[loc + (key,)] = _pos(event.start_mark)
                container[key] = None          # reserve the key (keeps the file's order)
                top.key = key
                continue
            else:
                loc, depth = top.loc + (top.key,), top.depth + 1
            self._check_node(event, depth)
            if isinstance(event, yaml.ScalarEvent):
                text = self._string(event, "string", MAX_SCALAR_CHARS)
                plain = event.style in (None, "") and event.tag is None
                place(_scalar(text, plain), event, loc)
                if not stack:
                    return root_box[0]
            elif isinstance(event, yaml.SequenceStartEvent):
                items: list[Any] = []
                place(items, event, loc)
                stack.append(_Open(items, loc, depth))
            elif isinstance(event, yaml.MappingStartEvent):
                mapping: dict[str, Any] = {}
                place(mapping, event, loc)
                stack.append(_Open(mapping, loc, depth))
            else:  # pragma: no cover - the parser only gives nodes here
                raise self.fail(event.start_mark, "unsupported YAML construct")


#: The first character of the key a duplicate key's value is read under (:class:`_Builder`): a control
#: character, which no key of a file can hold.
_DROPPED = "\x00"


@dataclass
class _Open:
    """A mapping or list being read: its container, location and depth and, for a mapping, the key
    whose value comes next (None: a key, or the mapping's end, comes next)."""

    container: dict[str, Any] | list[Any]
    loc: Loc
    depth: int
    key: str | None = None


def _needs_care(text: str) -> bool:
    """Whether the text may hold tags, anchors, aliases or merge keys: then the careful path reads it.
    (Four substring tests: a regular expression for the same is ~15 times slower on a spec file.)"""
    return "!" in text or "&" in text or "*" in text or "<<" in text


class _Unusual(Exception):
    """The fast path met something only the careful path may judge."""


@lru_cache(maxsize=1)
def _fast_loader() -> type[CBaseLoader]:
    """libyaml's parser and composer with a resolver that does nothing: the walk below types scalars
    itself (YAML 1.2 core rules), so PyYAML's per-scalar resolution would be wasted work.
    (``CBaseLoader`` is libyaml's parser with PyYAML's ``BaseConstructor`` and ``BaseResolver``.)"""
    from yaml import CBaseLoader

    # Without types-PyYAML (the 'lint' extra) mypy sees yaml as Any and refuses the subclass [misc];
    # with it the class is typed and the ignore is unused: both are accepted.
    class FastLoader(CBaseLoader):  # type: ignore[misc, unused-ignore]
        def resolve(self, kind: type[Node], value: str | None, implicit: tuple[bool, bool] | bool) -> str:
            return ""

        # The path-resolver hooks, called around every node, do nothing without path resolvers (none
        # are added): builtins that take the same arguments and do nothing spare a Python call a node
        # (about a tenth of composing a spec file). A builtin is no descriptor: called as is, unbound.
        descend_resolver: Any = {}.get     # (parent node, index) -> ignored
        ascend_resolver: Any = {}.clear    # () -> None

    return FastLoader


def _fast_data(text: str, max_nodes: int = MAX_NODES) -> tuple[bool, Any]:
    """``(True, data)`` when the file is plainly fine, read by libyaml's composer (in C) and one
    walk (depth at most :data:`MAX_DEPTH`); ``(False, None)`` when anything is unusual (tags, anchors,
    aliases, merge keys, syntax errors, limits, odd characters, duplicate keys), which
    :func:`_parse_careful` then reports with its position. Both paths give the same data for the files
    the fast one accepts."""
    import yaml

    if _needs_care(text) or not hasattr(yaml, "CSafeLoader"):
        return False, None
    if text.count(",") + text.count("\n") > max_nodes // 4:   # could be huge: let the careful path count
        return False, None
    loader = _fast_loader()(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return False, None
    finally:
        loader.dispose()
    if root is None:
        return False, None
    scalar_t, mapping_t = yaml.ScalarNode, yaml.MappingNode
    # escapes in quoted strings ("\\0") are the only way to get characters the text itself lacks
    bad_char = _BAD_CHAR_RE.search if ("\\" in text or _BAD_CHAR_RE.search(text)) else None
    long_ok = len(text) <= MAX_SCALAR_CHARS                  # then no scalar can be too long either
    nodes = [0]

    def walk(node: Node, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _Unusual
        if type(node) is scalar_t:
            value = node.value
            if (not long_ok and len(value) > MAX_SCALAR_CHARS) or (bad_char and bad_char(value)):
                raise _Unusual
            return _scalar(value, node.style in (None, ""))
        items = node.value
        nodes[0] += len(items)
        if nodes[0] > max_nodes:
            raise _Unusual
        if type(node) is mapping_t:
            out = {}
            for key_node, value_node in items:
                if type(key_node) is not scalar_t:
                    raise _Unusual
                key = key_node.value
                if key in out or len(key) > MAX_KEY_CHARS or not key.isprintable() or (bad_char and bad_char(key)):
                    raise _Unusual
                if type(value_node) is scalar_t and depth < MAX_DEPTH:   # most values: read here, without a
                    value = value_node.value                                # call a value
                    if (not long_ok and len(value) > MAX_SCALAR_CHARS) or (bad_char and bad_char(value)):
                        raise _Unusual
                    style = value_node.style
                    # _scalar's first test, inline: quoted, or a word or '<number> <unit>', stays text
                    out[key] = value if (style is not None and style != "") or " " in value or (
                        value and value[0] not in _NUMBER_START and value not in _WORDS) else _scalar(value, True)
                    continue
                out[key] = walk(value_node, depth + 1)  # noqa: F821  (deleted below, see there)
            return out
        return [walk(item, depth + 1) for item in items]  # noqa: F821

    try:
        return True, walk(root, 0)
    except (_Unusual, RecursionError):
        return False, None
    finally:
        del walk        # it refers to itself: left alone, the cycle waits for the garbage collector


def parse_yaml(text: str, path: str = "<string>", max_nodes: int = MAX_NODES,
               duplicates: list[SpecError] | None = None) -> Document:
    """Parse YAML text into a :class:`Document`; any problem is a located :class:`SpecError`.

    Plain files take the fast path (positions worked out later, only if an error needs one);
    anything unusual is read carefully, event by event, and refused at its line and column.
    With a list ``duplicates``, a duplicate key is not refused: its error is added to the list and the
    key's first value kept (so that ``batcalc lint`` reports every one, and the file's other problems).
    """
    if not text.isascii():                      # one fast scan: most spec files are ASCII
        _refuse_yaml_line_breaks(text, path)
    ok, data = _fast_data(text, max_nodes) if text.strip() else (False, None)
    if ok:
        return Document(path, data, None, None, text, max_nodes)
    return _parse_careful(text, path, max_nodes, duplicates)


#: What YAML 1.1 (PyYAML) reads as a line break besides CR and LF: NEL (U+0085, turned into a newline or,
#: inside a plain string, a space: no string check sees it), and the line and paragraph separators.
_YAML_LINE_BREAK = "[\x85\u2028\u2029]"   # compiled on first use (re caches it)


def _refuse_yaml_line_breaks(text: str, path: str) -> None:
    """Refuse a raw NEL, U+2028 or U+2029 at its line and column as editors count them (lines end at
    LF): PyYAML breaks lines there, so its positions after it are lines off, and a NEL inside a plain
    string silently becomes a space."""
    m = re.search(_YAML_LINE_BREAK, text)
    if m:
        at = m.start()
        line, col = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        raise SpecError(f"control or line-separator character U+{ord(m.group()):04X} in the file (YAML reads it "
                        f"as a line break); remove it", path, line, col)


def _parse_careful(text: str, path: str, max_nodes: int = MAX_NODES,
                   duplicates: list[SpecError] | None = None) -> Document:
    """Parse YAML event by event, recording every position and refusing what spec files may not hold
    (a duplicate key added to ``duplicates`` instead, when it is a list: :func:`parse_yaml`)."""
    import yaml

    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if not text.strip():                                      # tabs alone are a YAML syntax error
        raise SpecError("file is empty: expected a YAML mapping starting with 'kind:'", path, 1, 1)
    try:
        loader = loader_cls(text)
        try:
            loader.get_event()                                   # StreamStart
            if loader.check_event(yaml.StreamEndEvent):
                raise SpecError("file is empty: expected a YAML mapping starting with 'kind:'", path, 1, 1)
            loader.get_event()                                   # DocumentStart
            builder = _Builder(loader, path, max_nodes, duplicates)
            builder.doc.data = builder.build()
            loader.get_event()                                   # DocumentEnd
            if loader.check_event(yaml.DocumentStartEvent):
                mark = loader.get_event().start_mark
                if not loader.check_event(yaml.DocumentEndEvent):
                    mark = loader.peek_event().start_mark           # where the second spec starts
                line, col = _pos(mark)
                raise SpecError("more than one YAML document in the file; put each spec in its own file",
                                path, line, col)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _pos(mark) if mark else (1, 1)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise SpecError(f"invalid YAML: {problem}", path, line, col) from None
    except yaml.reader.ReaderError as exc:
        offset = min(max(int(getattr(exc, "position", 0) or 0), 0), len(text))
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        ch = exc.character
        shown = f"U+{ch:04X}" if isinstance(ch, int) else repr(ch)
        raise SpecError(f"invalid YAML: character {shown} is not allowed in YAML text ({exc.reason})",
                        path, line, col) from None
    except yaml.YAMLError as exc:
        raise SpecError(f"invalid YAML: {' '.join(str(exc).split())}", path, 1, 1) from None
    except RecursionError:  # pragma: no cover - the builder does not recurse; kept for the parser
        raise SpecError(f"nesting too deep (more than {MAX_DEPTH} levels)", path, 1, 1) from None
    return builder.doc


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte ``offset`` of UTF-8 ``raw``."""
    start = raw.rfind(b"\n", 0, offset) + 1
    col = len(raw[start:offset].decode("utf-8", errors="replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, col


#: The files this command has read as inputs (spec, claims and trace files), by ``(device, inode)``:
#: what an output file must never replace (:func:`batcalc.io.safefile.check_target`). Each command
#: starts with none (:func:`forget_inputs`).
_INPUTS: set[tuple[int, int]] = set()


def forget_inputs() -> None:
    """Start a new command: no file has been read as its input yet."""
    _INPUTS.clear()


def mark_input(st: os.stat_result) -> None:
    """Keep the file of ``st`` (a regular file) as one of this command's inputs (:func:`is_input`)."""
    if stat.S_ISREG(st.st_mode):
        _INPUTS.add((st.st_dev, st.st_ino))


def is_input(path: str | Path) -> bool:
    """Whether ``path`` (a link followed) is a file this command has read through :func:`read_text`."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return False
    return (st.st_dev, st.st_ino) in _INPUTS


_UTF16_32_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
                  (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


def read_text(path: str | Path, max_bytes: int = MAX_FILE_BYTES, what: str = "spec file",
              text: str = "YAML", an_input: bool = True) -> str:
    """Read a spec file (or another text file: ``what`` names it in messages, ``text`` its format) as
    UTF-8 text, refusing directories, devices and pipes, huge, binary, UTF-16 and non-UTF-8 files, the
    last two at the line and column of the first bad byte. A UTF-8 byte-order mark is dropped; CRLF
    line ends are fine. The file is kept as one of the command's inputs (:func:`is_input`) unless
    ``an_input`` is False."""
    shown = shown_path(path)
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise SpecError(f"is a directory, not a {what}", shown)
        if not stat.S_ISREG(st.st_mode):
            raise SpecError(f"not a regular file (a device, pipe or socket): expected a {text} {what}", shown)
        if st.st_size > max_bytes:
            raise SpecError(f"file too large ({st.st_size} bytes; a {what} may be at most "
                            f"{max_bytes} bytes)", shown)
        with open(path, "rb", buffering=0) as fh:  # unbuffered: one read, no buffer object per file
            raw = fh.read(st.st_size + 1)          # not read(MAX + 1): that allocates 1 MiB a file
            while len(raw) != st.st_size and len(raw) <= max_bytes:   # it grew or shrank since stat()
                more = fh.read(max_bytes + 1 - len(raw))                # (or a short read): read on
                if not more:
                    break
                raw += more
        if an_input:
            mark_input(st)
    except FileNotFoundError:
        raise SpecError("no such file", shown) from None
    except OSError as exc:
        raise SpecError(f"cannot read file: {exc.strerror or exc}", shown) from None
    except ValueError as exc:   # e.g. a NUL byte in the path
        raise SpecError(f"invalid file name: {exc}", shown) from None
    if len(raw) > max_bytes:
        raise SpecError(f"file too large (a {what} may be at most {max_bytes} bytes)", shown)
    if raw[:1] in (b"\xff", b"\xfe", b"\x00"):   # the first byte of every UTF-16/32 byte-order mark
        for bom, name in _UTF16_32_BOMS:
            if raw.startswith(bom):
                raise SpecError(f"{name} text (byte-order mark {bom.hex(' ')}): save the file as UTF-8", shown, 1, 1)
    if b"\x00" in raw:
        line, col = _line_col(raw, raw.index(b"\x00"))
        raise SpecError(f"binary file (NUL byte): expected UTF-8 {text} text", shown, line, col)
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        raise SpecError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", shown, line, col) from None
    return decoded.removeprefix("\ufeff")


def load_yaml(path: str | Path, max_bytes: int = MAX_FILE_BYTES, max_nodes: int = MAX_NODES,
              duplicates: list[SpecError] | None = None) -> Document:
    """Read and parse a YAML spec file (see :func:`read_text` and :func:`parse_yaml`, which reads
    ``duplicates``); ``max_bytes`` and ``max_nodes`` raise the limits for files that are long lists by
    design (claims files)."""
    return parse_yaml(read_text(path, max_bytes), shown_path(path), max_nodes, duplicates)


#: How a spec read from standard input is named in messages.
STDIN_NAME = "<stdin>"
#: The standard input read, with its document, by the stream's identity (the stream kept, so that its id
#: stays its own: :class:`batcalc.cache.ByIdentity`).
_STDIN: ByIdentity[Document] = ByIdentity(1)


def load_stdin(duplicates: list[SpecError] | None = None) -> Document:
    """A spec from standard input (``-`` on the command line), named :data:`STDIN_NAME`: its bytes go
    through :func:`read_text`'s checks (size, binary, encoding) via a temporary file; at most one byte
    more than the size limit is read. Each standard input is read once (a second ``-`` gets the same).
    Standard input redirected from a file (``< my-cell.yaml``) makes that file an input (:func:`is_input`).
    ``duplicates``: as :func:`parse_yaml` reads it."""
    import sys
    import tempfile

    if sys.stdin is None:                      # started with standard input closed (<&-)
        raise SpecError("no standard input (it is closed): give a file name instead of -", STDIN_NAME)
    try:                                       # stdin redirected from a file (< my-cell.yaml): an input too
        mark_input(os.fstat(sys.stdin.fileno()))
    except (OSError, ValueError, AttributeError):  # no file descriptor (a library caller's stream)
        pass
    # by the stream itself, not its id() alone: a stream read before and freed can leave its id to the
    # next one (a test runner's or a library caller's new stdin), which then got the old document
    held = _STDIN.get(sys.stdin)
    if held is not None:
        return held

    stream = getattr(sys.stdin, "buffer", None)
    raw = stream.read(MAX_FILE_BYTES + 1) if stream is not None else sys.stdin.read(MAX_FILE_BYTES + 1).encode()
    with tempfile.TemporaryDirectory(prefix="batcalc-stdin-") as folder:
        tmp = Path(folder) / "stdin.yaml"
        tmp.write_bytes(raw)
        try:
            text = read_text(tmp, an_input=False)      # a temporary file, removed at once
        except SpecError as exc:
            raise SpecError(exc.message, STDIN_NAME, exc.line, exc.col) from None
    return _STDIN.put(sys.stdin, None, parse_yaml(text, STDIN_NAME, duplicates=duplicates))
