"""Plausible ranges of batcalc's default assumptions: the model of ``specs/assumptions.yaml``, its loader
and the user's narrowing or widening of a range.

Every default the physics uses when a spec is silent (cell-to-pack fractions, usable fraction, charger,
gear, battery and motor efficiencies, regeneration, auxiliary load, ambient, pack voltage) has a low, a
central and a high value there, each citing a source or stating an assumption. The central value is the
physics' default constant (``tests/test_assumptions.py`` checks each); ``docs/assumptions.md`` is the
table of them all.

:func:`plausible_ranges` gives them as :class:`Plausible` records in plain SI floats (fractions 0..1,
W, V, m, K); :func:`with_override` narrows or widens one from text such as ``"0.75 to 0.85"``,
``"80 % to 90 %"``, ``"0.8"`` (a point) or ``"0.75 to 0.8 to 0.85"`` (low, central, high). Values are read
by :func:`batcalc.units.parse_value` (temperatures by :func:`batcalc.units.parse_temperature`); the word
``to`` separates them, never a minus sign.

When a new range leaves out the old central value, the central becomes the new range's midpoint
(give three values to choose it); a point range is its own central.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from types import MappingProxyType
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import Field, PrivateAttr, ValidationInfo, WithJsonSchema, field_validator, model_validator
from pydantic_core import PydanticCustomError

from batcalc import units
from batcalc.errors import BatcalcError, UnitError, printable
from batcalc.spec import ID_PATTERN
from batcalc.spec.model import Source, Sourced, Strict, Value, _make_value, register_kind

#: Dimensions an assumption may have: those of :data:`batcalc.units.DIMENSIONS` used here, and
#: ``temperature`` (absolute, read by :func:`batcalc.units.parse_temperature`, held in K).
Dimension = Literal["fraction", "number", "power", "voltage", "length", "temperature"]

#: Unit each dimension is shown in (docs/assumptions.md, :meth:`Plausible.show`); SI except fractions
#: (shown in %) and temperatures (°C).
UNIT_LABELS: dict[str, str] = {"fraction": "%", "number": "", "power": "W", "voltage": "V", "length": "m",
                               "temperature": "°C"}

#: What a value of each dimension may be, in SI (inclusive bounds): a fraction 0..1, a power or a
#: voltage at least 0, a temperature above absolute zero; an altitude (length) may be below sea level.
LIMITS: dict[str, tuple[float, float]] = {"fraction": (0.0, 1.0), "number": (0.0, math.inf),
                                          "power": (0.0, math.inf), "voltage": (0.0, math.inf),
                                          "length": (-math.inf, math.inf), "temperature": (0.0, math.inf)}

_LONG_KEYS = ("value", "source", "note", "assumption")

#: Where the assumptions live, relative to the catalogue folder (``specs/``).
FILE_NAME = "assumptions.yaml"


def _read_value(raw: Any, dim: str) -> Value:
    """One bound of an assumption: ``raw`` as :class:`~batcalc.spec.model.Value` of ``dim`` (short or long
    form); a temperature ``'-7 °C'`` is held in K."""
    if dim != "temperature":
        return _make_value(raw, dim, positive=False, allow_zero=True)
    text = raw.get("value") if isinstance(raw, dict) else raw
    if isinstance(raw, dict):
        unknown = [k for k in raw if k not in _LONG_KEYS]
        if unknown or "value" not in raw or any(raw.get(k) is not None and not isinstance(raw[k], str)
                                                for k in _LONG_KEYS[1:]):
            raise PydanticCustomError("quantity_self", "{msg}", {
                "msg": f"a value in long form has the keys {', '.join(_LONG_KEYS)} (strings; 'value' required)"})
    if not isinstance(text, str):
        raise PydanticCustomError("quantity_self", "{msg}",
                                  {"msg": "write a temperature with its unit, e.g. '-7 °C'"})
    try:
        kelvin = units.parse_temperature(text)
        number, unit = units.split_value(text)
    except UnitError as exc:
        raise PydanticCustomError("quantity_value" if isinstance(raw, dict) else "quantity_self", "{msg}",
                                  {"msg": str(exc)}) from None
    extra = raw if isinstance(raw, dict) else {}
    return Value("temperature", text.strip(), number, unit.strip(), kelvin, extra.get("source"), extra.get("note"),
                 extra.get("assumption"))


_TEXT_SCHEMA: dict[str, Any] = {"anyOf": [{"type": "string", "description": "'<number> <unit>' of the entry's "
                                                                    "dimension, e.g. '250 W', '93 %', '-7 °C'"},
                                         {"type": "number", "description": "a fraction 0..1 or a plain number"}]}
#: JSON Schema of a bound: a value in the entry's ``dimension`` (checked on loading), short or long form.
Bound = Annotated[Value, WithJsonSchema({"anyOf": [_TEXT_SCHEMA, {
    "type": "object", "additionalProperties": False, "required": ["value"],
    "properties": {"value": _TEXT_SCHEMA, "source": {"type": "string", "description": "id of a source"},
                   "note": {"type": "string"},
                   "assumption": {"type": "string", "description": "why, when no source gives it"}}}]})]


class Assumption(Sourced):
    """One default assumption with its plausible range: ``low <= central <= high``, each value citing a
    source (its own ``source:``, else the entry's) or stating an ``assumption:``."""

    id: str = Field(pattern=ID_PATTERN, description="kebab-case id, e.g. 'cell-to-pack-mass'")
    name: str = Field(min_length=1, description="what it is, in words")
    dimension: Dimension = Field(description="fraction, number, power, voltage, length or temperature")
    default_of: str = Field(min_length=1, description="the physics default the central value is, e.g. "
                                                      "'batcalc.physics.pack.DEFAULT_F_MASS'")
    low: Bound = Field(description="lowest plausible value, e.g. '0.62' or {value: '0.62', source: id}")
    central: Bound = Field(description="the default batcalc uses")
    high: Bound = Field(description="highest plausible value")

    @field_validator("low", "central", "high", mode="before")
    @classmethod
    def _bound(cls, raw: Any, info: ValidationInfo) -> Value:
        dim = info.data.get("dimension")
        if dim is None:                     # the dimension itself was refused: that error is enough
            raise PydanticCustomError("quantity_self", "{msg}", {"msg": "needs a valid 'dimension'"})
        value = _read_value(raw, dim)
        lo, hi = LIMITS[dim]
        if not lo <= value.si <= hi:
            raise PydanticCustomError("quantity_self", "{msg}",
                                      {"msg": f"{value.text!r} is outside {_limits_text(dim)}"})
        return value

    @model_validator(mode="after")
    def _ordered(self) -> Assumption:
        if not self.low.si <= self.central.si <= self.high.si:
            raise ValueError(f"low <= central <= high does not hold: {self.low.text}, {self.central.text}, "
                             f"{self.high.text}")
        return self


class AssumptionsFile(Strict):
    kind: Literal["assumptions"]
    assumptions: list[Assumption] = Field(min_length=1)
    sources: list[Source] = Field(default_factory=list)
    _cited: Optional[dict[tuple[Any, ...], Optional[str]]] = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _unique(self) -> AssumptionsFile:
        ids = [a.id for a in self.assumptions]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"assumption id given twice: {', '.join(twice)}")
        return self


register_kind("assumptions", AssumptionsFile)


def _limits_text(dim: str) -> str:
    lo, hi = LIMITS[dim]
    if dim == "fraction":
        return "0-100 %"
    if dim == "temperature":
        return "absolute zero and above"
    return "any value" if math.isinf(lo) else f"{lo:g} {UNIT_LABELS[dim]} and above".replace("  ", " ")


# ------------------------------------------------------------------------------------- the SI records

@dataclass(frozen=True)
class Plausible:
    """A default assumption's plausible range in plain SI floats: ``low <= central <= high`` (fractions
    0..1, W, V, m, K). ``unit_label`` is the unit it is shown in (``%``, ``W``, ``°C``, ...);
    ``sources`` the source ids of low, central and high (None where the value states an assumption
    instead); ``source`` the entry's own source id; ``note`` why the range is what it is; ``default_of``
    the physics default the central value is; ``overridden`` the text a user narrowed or widened it
    with (None: as shipped)."""

    id: str
    name: str
    dimension: str
    low: float
    central: float
    high: float
    unit_label: str
    source: Optional[str]
    note: str
    default_of: str
    sources: tuple[Optional[str], Optional[str], Optional[str]] = (None, None, None)
    overridden: Optional[str] = None

    @property
    def width(self) -> float:
        """``high - low``, in SI (0 for a point)."""
        return self.high - self.low

    def contains(self, x: float) -> bool:
        """Whether ``x`` (SI) lies in ``[low, high]``."""
        return self.low <= x <= self.high

    def show(self, x: float, system: str = "metric") -> str:
        """``x`` (SI) as text in :attr:`unit_label`: ``'93 %'``, ``'250 W'``, ``'-7 °C'``; in the
        ``imperial`` unit system a temperature in °F and an altitude (length) in ft."""
        from batcalc import units

        if self.dimension == "fraction":
            return f"{units.format_number(x * 100)} %"
        if self.dimension == "temperature":
            return units.temperature_text(x, system)
        if self.dimension == "length":             # an altitude: m or ft, as batcalc.units.SYSTEMS shows it
            return units.shown_text(x, "length", system, "altitude")
        return f"{units.format_number(x)} {self.unit_label}".rstrip()

    def __str__(self) -> str:
        return f"{self.id}: {self.show(self.low)} to {self.show(self.high)} (central {self.show(self.central)})"


def _record(a: Assumption, cited: Mapping[tuple[Any, ...], Optional[str]], index: int) -> Plausible:
    srcs = tuple(cited.get(("assumptions", index, k)) for k in ("low", "central", "high"))
    return Plausible(a.id, a.name, a.dimension, float(a.low.si), float(a.central.si), float(a.high.si),
                     UNIT_LABELS[a.dimension], a.source, a.note or "", a.default_of,
                     (srcs[0], srcs[1], srcs[2]))


@lru_cache(maxsize=1)
def load_assumptions() -> AssumptionsFile:
    """``specs/assumptions.yaml``, validated (every value sourced or marked an assumption); read once."""
    from batcalc.spec.catalog import specs_root
    from batcalc.spec.model import load_spec

    spec: AssumptionsFile = load_spec(specs_root() / FILE_NAME, expect="assumptions", require_sources=True)
    return spec


@lru_cache(maxsize=1)
def plausible_ranges() -> Mapping[str, Plausible]:
    """Every default assumption's plausible range, by id, in the file's order (read-only; SI floats).
    Pass it to :func:`with_override` for a changed copy."""
    from batcalc.spec.model import cited_sources

    spec = load_assumptions()
    cited = cited_sources(spec) or {}
    return MappingProxyType({a.id: _record(a, cited, i) for i, a in enumerate(spec.assumptions)})


# ------------------------------------------------------------------------------- narrowing and widening



def _parse_one(text: str, p: Plausible) -> float:
    """One value of a range for ``p``: SI float of its dimension, within its limits."""
    try:
        si = (units.parse_temperature(text) if p.dimension == "temperature"
              else units.parse_value(text, p.dimension, UNIT_LABELS[p.dimension] or None).si)
    except UnitError as exc:
        hint = (" (write a range as 'LOW to HIGH', e.g. '0.75 to 0.85', not with a dash)"
                if re.search("[0-9%]\\s*[-\u2012\u2013\u2014\u2212]\\s*[0-9.]", text)   # hyphen, dashes, minus
                and "not with a dash" not in str(exc) else "")          # said already (batcalc.units.parse_quantity)
        raise UnitError(f"assumption {p.id!r}: {exc}{hint}") from None
    lo, hi = LIMITS[p.dimension]
    if not (math.isfinite(si) and lo <= si <= hi):
        raise UnitError(f"assumption {p.id!r}: {text.strip()!r} is outside {_limits_text(p.dimension)}")
    return si


def parse_range(text: str, p: Plausible) -> tuple[float, Optional[float], float]:
    """``(low, central or None, high)`` in SI from ``text``: ``'0.8'`` (a point: low = central = high),
    ``'LOW to HIGH'`` (central None: the caller decides) or ``'LOW to CENTRAL to HIGH'``, each value of
    ``p``'s dimension; a value written without a unit takes the last one's (:func:`batcalc.units.range_parts`:
    ``'88 to 95 %'``, ``'-10 to 0 °C'``). Refuses low > high and a central outside them (one-line
    :class:`UnitError`)."""
    if not isinstance(text, str) or not text.strip():
        raise UnitError(f"assumption {p.id!r}: empty range: give 'LOW to HIGH', e.g. "
                        f"'{p.show(p.low)} to {p.show(p.high)}', or one value")
    parts = units.RANGE_TO.split(text.strip())
    if len(parts) > 3 or any(not s.strip() for s in parts) or re.search(r"(^|\s)to(\s|$)", parts[0] + " " +
                                                                        parts[-1]):
        raise UnitError(f"assumption {p.id!r}: {printable(text.strip(), 80)!r} is not a range: give 'LOW to HIGH', "
                        f"'LOW to CENTRAL to HIGH' or one value")
    parts = units.range_parts(text)        # a part without a unit takes the last part's: '88 to 95 %'
    values = [_parse_one(s, p) for s in parts]
    if len(values) == 1:
        return values[0], values[0], values[0]
    low, high = values[0], values[-1]
    if low > high:
        raise UnitError(f"assumption {p.id!r}: low {parts[0].strip()!r} is above high {parts[-1].strip()!r}")
    central = values[1] if len(values) == 3 else None
    if central is not None and not low <= central <= high:
        raise UnitError(f"assumption {p.id!r}: central {parts[1].strip()!r} is outside "
                        f"{parts[0].strip()} to {parts[-1].strip()}")
    return low, central, high


def _lookup(ranges: Mapping[str, Plausible], id: str) -> Plausible:
    p = ranges.get(id)
    if p is None:
        hint = difflib.get_close_matches(id, list(ranges), n=1, cutoff=0.5)
        tip = f"; did you mean {hint[0]!r}?" if hint else f"; known: {', '.join(ranges)}"
        raise BatcalcError(f"unknown assumption '{printable(id, 64)}'{tip} (docs/assumptions.md lists them)")
    return p


def with_override(ranges: Mapping[str, Plausible], id: str, text: str) -> dict[str, Plausible]:
    """A copy of ``ranges`` with assumption ``id`` narrowed or widened to ``text`` (see
    :func:`parse_range`): ``'0.75 to 0.85'``, ``'80 % to 90 %'``, ``'0.8'`` or ``'0.75 to 0.8 to 0.85'``.

    The central value stays where it was when the new range holds it; otherwise it becomes the new
    range's midpoint (a point range is its own central; three values set it). The record's
    ``overridden`` keeps ``text``. Unknown ids (with the closest id suggested), wrong dimensions,
    values outside the dimension's limits, low above high: a one-line :class:`BatcalcError`."""
    p = _lookup(ranges, id)
    low, central, high = parse_range(text, p)
    if central is None:
        central = p.central if low <= p.central <= high else (low + high) / 2.0
    out = dict(ranges)
    out[id] = replace(p, low=low, central=central, high=high, overridden=text.strip())
    return out


def with_overrides(ranges: Mapping[str, Plausible],
                   overrides: Union[Mapping[str, str], Iterable[tuple[str, str]]]) -> dict[str, Plausible]:
    """``ranges`` with every ``(id, text)`` of ``overrides`` applied in order by :func:`with_override`
    (a mapping, as a spec file's ``assumptions:`` block gives it, or pairs from :func:`parse_assignment`).
    An id given twice is refused."""
    pairs = list(overrides.items()) if isinstance(overrides, Mapping) else list(overrides)
    out = dict(ranges)
    seen: set[str] = set()
    for id, text in pairs:
        if id in seen:
            raise BatcalcError(f"assumption '{printable(id, 64)}' is given twice: give it once")
        seen.add(id)
        out = with_override(out, id, text)
    return out


def parse_assignment(text: str) -> tuple[str, str]:
    """``'ID=RANGE'`` (e.g. ``'cell-to-pack-mass=0.75 to 0.85'``, the form of a command-line option) as
    ``(id, range text)``; the range is read later by :func:`with_override`."""
    id, sep, rest = text.partition("=")
    if not sep or not id.strip() or not rest.strip():
        raise BatcalcError(f"{printable(text.strip(), 80)!r}: write an assumption as ID=RANGE, e.g. "
                           f"'cell-to-pack-mass=0.75 to 0.85'")
    return id.strip(), rest.strip()


# ---------------------------------------------------------------------------------------- the docs table

#: Columns of the table in docs/assumptions.md.
TABLE_HEADER = ("id", "what it is", "low", "central", "high", "unit", "source", "why")


def table_rows() -> list[tuple[str, ...]]:
    """The rows of docs/assumptions.md's table, from ``specs/assumptions.yaml``: each value as the file
    writes it, its sources (``assumption`` for a value that states one) and the note."""
    spec = load_assumptions()
    ranges = plausible_ranges()
    rows: list[tuple[str, ...]] = []
    for a in spec.assumptions:
        p = ranges[a.id]
        cited = [s if s is not None else "assumption" for s in p.sources]
        unit = "fraction" if a.dimension == "fraction" else p.unit_label or "-"
        rows.append((f"`{a.id}`", a.name, a.low.text, a.central.text, a.high.text, unit,
                     ", ".join(dict.fromkeys(cited)), " ".join((a.note or "").split())))
    return rows


def markdown_table() -> str:
    """docs/assumptions.md's table as Markdown (``|`` in a cell escaped)."""
    def line(cells: Iterable[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    return "\n".join([line(TABLE_HEADER), line("---" for _ in TABLE_HEADER)] + [line(r) for r in table_rows()])


def sources_list() -> str:
    """docs/assumptions.md's list of sources: ``- `id` (grade): title, url or document``."""
    out = []
    for s in load_assumptions().sources:
        where = s.url or s.document or ""
        date = f", {s.date}" if s.date else ""
        out.append(f"- `{s.id}` ({s.grade}{date}): {s.title}. {where}".rstrip())
    return "\n".join(out)


#: The default assumption each input sets for its computation, by input name (the Python API's
#: parameters; the command line's options spell them ``--f-mass``...).
INPUT_ASSUMPTION = {"f_mass": "cell-to-pack-mass", "f_volume": "cell-to-pack-volume", "f_usable": "usable-fraction",
                    "charger_efficiency": "charger-efficiency", "ambient": "ambient-temperature",
                    "altitude": "altitude", "pack_voltage": "pack-voltage"}


def check_not_assumed_twice(assumed_ids: Iterable[str], given: Mapping[str, Any]) -> None:
    """Refuse an assumption given a range (``assume``) that an input of the same computation also sets
    (``given``: input name -> its value, None when not given): one of the two would be dropped without a
    word. An :class:`~batcalc.errors.InputsError`, spelled by each front end."""
    from batcalc.errors import InputsError, literal

    ids = set(assumed_ids)
    for name, value in given.items():
        if value is not None and INPUT_ASSUMPTION[name] in ids:
            shown = printable(value.strip(), 40) if isinstance(value, str) else value
            raise InputsError(f"{{assume}} {INPUT_ASSUMPTION[name]}: {{{name}}} {literal(repr(shown))} sets it here; "
                              f"give one of them")
