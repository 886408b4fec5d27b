"""Pydantic models of what spec files hold: values with units and sources, cells, sources.

A dimensional field is declared as ``Annotated[Value, Q("specific_energy")]``: it accepts ``"350 Wh/kg"`` or the
long form ``{value: "350 Wh/kg", source: id, note: ..., assumption: ...}`` and becomes a
:class:`Value` holding a pint Quantity of the checked dimension. Validation errors are turned into
one-line :class:`~batcalc.errors.SpecError` messages located at ``file:line:col``.
"""


import difflib
import importlib
import math
import re
import types
import typing
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError, core_schema

from batcalc import units
from batcalc.errors import SpecError, UnitError, WrongKindError, printable, word_list
from batcalc.io.yamlfile import Document, Loc, load_yaml, parse_yaml
from batcalc.spec import ID_PATTERN as ID_PATTERN  # re-exported for the other spec models

_DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


@dataclass(frozen=True, init=False)
class Value:
    """A value read from a spec, of dimension ``dim``, plus where it came from.

    ``text`` is what the file said; ``magnitude`` and ``unit`` its number and unit label; ``si`` the
    magnitude in the SI unit of ``dim`` (C-rates in 1/s), computed once when the value is read.
    ``source`` is the id of the source it cites (resolved after loading, see :func:`resolve_sources`);
    ``assumption`` a stated reason when it has no source. ``q`` gives it as a pint Quantity.
    """

    dim: str
    text: str
    magnitude: float
    unit: str
    si: float
    source: Optional[str] = None
    note: Optional[str] = None
    assumption: Optional[str] = None
    low: Optional[float] = None
    high: Optional[float] = None

    def __init__(self, dim: str, text: str, magnitude: float, unit: str, si: float, source: Optional[str] = None,
                 note: Optional[str] = None, assumption: Optional[str] = None, low: Optional[float] = None,
                 high: Optional[float] = None):
        # one dict update instead of the frozen dataclass's object.__setattr__ per field: a spec file
        # holds dozens of values, and batch runs read thousands of files
        self.__dict__.update(dim=dim, text=text, magnitude=magnitude, unit=unit, si=si, source=source,
                             note=note, assumption=assumption, low=low, high=high)

    @property
    def ranged(self) -> bool:
        """Whether the value was written as a range (``'250 to 300 Wh/kg'``): ``si`` is then its central
        value and ``low``, ``high`` its ends (SI)."""
        return self.low is not None

    def at(self, si: float) -> "Value":
        """The same value at ``si`` (SI; a point of its range), for a band run."""
        factor = self.si / self.magnitude if self.magnitude else 1.0
        return Value(self.dim, f"{si / factor:.6g} {self.unit}".strip(), si / factor, self.unit, si, self.source,
                     self.note, self.assumption)

    @cached_property
    def q(self) -> units.PintQuantity:
        """The value as a pint Quantity (built on first use: pint loads only when needed)."""
        return units.Q_(self.magnitude, self.unit)

    def __str__(self) -> str:
        return self.text


_LONG_KEYS = ("value", "source", "note", "assumption")


def _clip(value: Any, limit: int = 60) -> str:
    """``repr`` of what a file gave, on one line and at most ``limit`` characters (for messages)."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


class _LongFormError(UnitError):
    """A problem with the keys of a long-form value ``{value:, source:, ...}`` (not with its value)."""


#: A C-rate as spec files write it, '<number> C' (its magnitude checked by parse_value, not called malformed).
_C_RATE_RE = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?\s*C\s*$")


def _parse_text(raw: Any, dim: str, example: Optional[str] = None) -> tuple[float, str, float, str]:
    """Parse one raw YAML scalar as a value of ``dim``: returns (magnitude, unit, SI magnitude, text).

    Everything goes through :func:`batcalc.units.parse_value` (strict grammar, range, dimension, the
    fraction rule; ``example``: the unit of its error's example, ``km`` for a range); spec files add one
    restriction: a C-rate is written '<number> C' only.
    """
    if dim == "c_rate" and isinstance(raw, str) and not _C_RATE_RE.match(raw):
        try:
            unit = units.split_value(raw)[1]
        except UnitError as exc:
            raise UnitError(f"malformed C-rate {_clip(raw.strip())}: write '<number> C', e.g. '2 C' ({exc})") from None
        if unit.strip() != "C":
            raise UnitError(f"malformed C-rate {_clip(raw.strip())}: write '<number> C', e.g. '2 C'")
    p = units.parse_value(raw, dim, example)
    return p.number, p.unit, p.si, p.text




def _is_range(raw: str) -> bool:
    """Whether a value's text is a range ('250 to 300 Wh/kg')."""
    return units.RANGE_TO.search(raw.strip()) is not None


def parse_range_value(raw: str, dim: str, example: Optional[str] = None) -> Value:
    """``'LOW to HIGH unit'`` or ``'LOW to CENTRAL to HIGH unit'`` as a ranged :class:`Value` (SI ends; a
    part without a unit takes the last part's; central: the middle value, else the midpoint; ``example``
    as :func:`_parse_text` takes it)."""
    parts = units.range_parts(raw)
    if len(parts) > 3 or any(not p for p in parts):
        raise UnitError(f"{_clip(raw.strip())} is not a range: write 'LOW to HIGH', e.g. '250 to 300 Wh/kg'")
    read = [_parse_text(part, dim, example) for part in parts]
    low, high = read[0][2], read[-1][2]
    if low > high:
        raise UnitError(f"{_clip(raw.strip())}: the low end is above the high end")
    central = read[1] if len(read) == 3 else None
    if central is not None and not low <= central[2] <= high:
        raise UnitError(f"{_clip(raw.strip())}: the middle value is outside the range")
    if central is not None:
        magnitude, unit, si = central[0], central[1], central[2]
    else:
        si, unit = (low + high) / 2.0, read[-1][1]
        factor = read[-1][2] / read[-1][0] if read[-1][0] else (read[0][2] / read[0][0] if read[0][0] else 1.0)
        magnitude = si / factor
    return Value(dim, raw.strip(), float(magnitude), unit, float(si), low=float(low), high=float(high))


def _make_value(raw: Any, dim: str, positive: bool, allow_zero: bool, ranged: bool = False,
                example: Optional[str] = None) -> Value:
    try:
        if isinstance(raw, dict):
            unknown = [k for k in raw if k not in _LONG_KEYS]
            if unknown:
                hint = difflib.get_close_matches(str(unknown[0]), _LONG_KEYS, n=1)
                raise _LongFormError(f"unknown key {_clip(unknown[0])} in a value" +
                                     (f" (did you mean {hint[0]!r}?)" if hint else
                                      f" (expected {', '.join(_LONG_KEYS)})"))
            if "value" not in raw:
                raise _LongFormError("a value in long form needs a 'value:' key")
            for k in ("source", "note", "assumption"):
                if raw.get(k) is not None and not isinstance(raw[k], str):
                    raise _LongFormError(f"{k!r} must be a string, got {_clip(raw[k])}")
            for k in ("source", "assumption"):      # a blank one would count as a source or a reason
                if isinstance(raw.get(k), str) and not raw[k].strip():
                    raise _LongFormError("an empty 'assumption': say why the value is assumed" if k == "assumption"
                                         else "an empty 'source': give the id of one of the file's sources")
            if isinstance(raw["value"], str) and _is_range(raw["value"]):
                if not ranged:
                    raise UnitError(f"{_clip(raw['value'].strip())} is a range: ranges are read in claim inputs "
                                    f"and in command-line values (with --bands); here give one value")
                r = parse_range_value(raw["value"], dim, example)
                value = Value(dim, r.text, r.magnitude, r.unit, r.si, raw.get("source"), raw.get("note"),
                              raw.get("assumption"), r.low, r.high)
            else:
                magnitude, unit, si, text = _parse_text(raw["value"], dim, example)
                value = Value(dim, text, magnitude, unit, si, raw.get("source"), raw.get("note"),
                              raw.get("assumption"))
        elif isinstance(raw, str) and _is_range(raw):
            if not ranged:
                raise UnitError(f"{_clip(raw.strip())} is a range: ranges are read in claim inputs and in "
                                f"command-line values (with --bands); here give one value")
            value = parse_range_value(raw, dim, example)
        else:
            magnitude, unit, si, text = _parse_text(raw, dim, example)
            value = Value(dim, text, magnitude, unit, si)
        mag = value.magnitude if value.low is None else value.low       # a range: its low end (same sign)
        if positive and (mag < 0 or (mag == 0 and not allow_zero)):
            raise UnitError(f"{value.text!r} must be {'zero or ' if allow_zero else ''}positive")
        si = value.si
        if not math.isfinite(si):
            raise UnitError(f"{value.text!r} is out of range")
        if dim == "fraction" and (si if value.high is None else value.high) > 1 + 1e-12:
            raise UnitError(f"{value.text!r} is more than 100 %")
        return value
    except _LongFormError as exc:   # located at the mapping of the long form
        raise PydanticCustomError("quantity_self", "{msg}", {"msg": str(exc)}) from None
    except UnitError as exc:
        where = "value" if isinstance(raw, dict) else "self"
        raise PydanticCustomError("quantity_" + where, "{msg}", {"msg": str(exc)}) from None


_VALUE_PATTERN = r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?\s*\S.*$"
#: A dimensionless value's text: a number, a unit optional ('0.23', '1', '23 %').
_PLAIN_PATTERN = r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?\s*(\S.*)?$"


def _schema_for(dim: str, unit: Optional[str] = None) -> dict[str, Any]:
    """JSON Schema of a value of dimension ``dim``: a '<number> <unit>' string (a plain number for a
    dimensionless one) or the long form; ``unit``: its example's unit (default: the dimension's)."""
    if dim == "c_rate":
        pattern, example, label = _C_RATE_RE.pattern, "2 C", "C-rate (charge current / capacity)"
    else:
        d = units.DIMENSIONS[dim]
        example = {"specific_energy": "350 Wh/kg", "energy_density": "700 Wh/L", "fraction": "80 %"}.get(
            dim, f"1 {unit or d.example}".strip())
        pattern, label = (_PLAIN_PATTERN if dim in ("number", "count", "fraction") else _VALUE_PATTERN), d.label
    text: dict[str, Any] = {"type": "string", "pattern": pattern, "description": f"{label}, e.g. '{example}'",
                            "examples": [example]}
    if dim == "fraction":
        text = {"anyOf": [text, {"type": "number", "minimum": 0, "maximum": 1}]}
    elif dim in ("number", "count"):
        text = {"anyOf": [{"type": "number"}, text]}
    long_form = {"type": "object", "additionalProperties": False, "required": ["value"],
                 "properties": {"value": text,
                                "source": {"type": "string", "pattern": r"\S", "description": "id of a source"},
                                "note": {"type": "string"},
                                "assumption": {"type": "string", "pattern": r"\S",
                                               "description": "why, when no source gives it (not blank)"}}}
    return {"x-dimension": dim, "description": f"{label} with its unit, e.g. '{example}'",
            "anyOf": [text, long_form]}


class _Quantity:
    """Pydantic marker of a :class:`Value` field of dimension ``dim``: its core schema is one plain
    validator calling :func:`_make_value` (no schema is generated for the Value class itself), its JSON
    Schema is :func:`_schema_for`."""

    __slots__ = ("dim", "positive", "allow_zero", "ranged", "example")

    def __init__(self, dim: str, positive: bool, allow_zero: bool, ranged: bool = False,
                 example: Optional[str] = None):
        self.dim, self.positive, self.allow_zero, self.ranged = dim, positive, allow_zero, ranged
        self.example = example

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        dim, positive, allow_zero, ranged, example = self.dim, self.positive, self.allow_zero, self.ranged, self.example
        return core_schema.no_info_plain_validator_function(
            lambda raw: _make_value(raw, dim, positive, allow_zero, ranged, example))

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict[str, Any]:
        return _schema_for(self.dim, self.example)


def Q(dim: str, positive: bool = True, allow_zero: bool = False, ranged: bool = False,
      example: Optional[str] = None) -> _Quantity:
    """The marker of a :class:`Value` field of dimension ``dim``: ``x: Annotated[Value, Q("mass")]``
    (``positive``: above zero, or at least zero with ``allow_zero``; ``ranged``: a range
    ``'LOW to HIGH unit'`` is read too; ``example``: the unit its errors and schema show in an example
    where the dimension's would mislead, ``km`` for a range, ``kWh`` for a pack; see the module doc)."""
    return _Quantity(dim, positive, allow_zero, ranged, example)


def Qty(dim: str, positive: bool = True, allow_zero: bool = False) -> Any:
    """``Annotated[Value, Q(dim, ...)]`` built at run time (for models made with ``create_model``)."""
    return Annotated[Value, _Quantity(dim, positive, allow_zero)]


class Strict(BaseModel):
    """Base model: unknown keys are errors, Values allowed as field types."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True, frozen=True,
                              str_strip_whitespace=True)


Grade = Literal["datasheet", "press", "reference"]


class Source(Strict):
    """Where numbers come from: a datasheet (maker's sheet, lab test, teardown), the press, or a reference
    (a standard, a regulation, a peer model such as FASTSim, a routing provider's published default)."""

    id: str = Field(pattern=ID_PATTERN, description="short id cited by values' `source:`")
    title: str = Field(min_length=1)
    url: Optional[str] = Field(None, description="address of the document")
    document: Optional[str] = Field(None, description="a document without a URL")
    publisher: Optional[str] = None
    date: Optional[Union[str, int]] = Field(None, description="publication date: YYYY-MM-DD, YYYY-MM or YYYY")
    grade: Grade = Field(description="datasheet (maker's sheet, independent lab or teardown) or press")
    note: Optional[str] = None

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: Any) -> Any:
        if v is not None and not (isinstance(v, (str, int)) and _DATE_RE.match(str(v))):
            raise ValueError("date must be YYYY-MM-DD, YYYY-MM or YYYY")
        if isinstance(v, str) and len(v) == 10:          # a day the month has (not 2024-02-30, 2023-02-29)
            import datetime

            try:
                datetime.date.fromisoformat(v)
            except ValueError:
                raise ValueError(f"date {v} is not a real date ({v[:7]} has no day {v[8:]})") from None
        return None if v is None else str(v)

    @model_validator(mode="after")
    def _where(self) -> "Source":
        if not (self.url or self.document):
            raise ValueError("a source needs a url or a document")
        return self


class Sourced(Strict):
    """Base of groups of numbers that may cite one source for all of them."""

    source: Optional[str] = Field(None, description="id of the source for the numbers in this group")
    note: Optional[str] = None


Fraction = Annotated[Value, Q("fraction", allow_zero=True)]


def check_table(xs: list[float], what: str, quantity: str, start: Optional[float] = None) -> None:
    """Refuse a table whose ``quantity`` column (SoC, load, temperature) does not rise strictly, or does not
    start at ``start`` when one is required (a one-line ValueError naming ``what``)."""
    if start is not None and (not xs or xs[0] != start):
        raise ValueError(f"the first point of {what} must be at {start * 100:g} % {quantity}")
    if any(b <= a for a, b in zip(xs, xs[1:], strict=False)):
        raise ValueError(f"the {quantity} of {what}'s points must rise")


class VoltagePoint(Strict):
    soc: Annotated[Value, Q("fraction", allow_zero=True)] = Field(description="state of charge, e.g. '50 %'")
    voltage: Annotated[Value, Q("voltage")] = Field(description="the cell's voltage there, e.g. '3.7 V'")


class VoltageCurve(Sourced):
    """The cell's voltage against state of charge (linear between points; for the pack's voltage while
    charging)."""

    points: tuple[VoltagePoint, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _rising(self) -> "VoltageCurve":
        check_table([p.soc.si for p in self.points], "a voltage curve", "SoC")
        return self


class Electrical(Strict):
    nominal_voltage: Optional[Annotated[Value, Q("voltage")]] = None
    voltage_curve: Optional[VoltageCurve] = Field(
        default=None, description="the cell's voltage against SoC [default: nominal throughout]")
    capacity: Optional[Annotated[Value, Q("charge")]] = Field(default=None, description="nominal capacity")
    energy: Optional[Annotated[Value, Q("energy")]] = Field(default=None,
                                                            description="nominal energy (V x Ah if left out)")


class CellDimensions(Strict):
    diameter: Optional[Annotated[Value, Q("length")]] = None
    height: Optional[Annotated[Value, Q("length")]] = None
    length: Optional[Annotated[Value, Q("length")]] = None
    width: Optional[Annotated[Value, Q("length")]] = None
    thickness: Optional[Annotated[Value, Q("length")]] = None

    @model_validator(mode="after")
    def _shape(self) -> "CellDimensions":
        cyl = self.diameter is not None or self.height is not None
        box = any(v is not None for v in (self.length, self.width, self.thickness))
        if cyl and box:
            raise ValueError("give diameter + height (cylindrical) or length + width + thickness, not both")
        if cyl and (self.diameter is None or self.height is None):
            raise ValueError("a cylindrical cell needs both diameter and height")
        if box and None in (self.length, self.width, self.thickness):
            raise ValueError("a prismatic or pouch cell needs length, width and thickness")
        return self


class Physical(Strict):
    mass: Optional[Annotated[Value, Q("mass")]] = None
    volume: Optional[Annotated[Value, Q("volume")]] = None
    dimensions: Optional[CellDimensions] = None


class EnergyDensity(Strict):
    level: Literal["cell", "pack"] = Field(default="cell", description="what the figures describe: cell or pack")
    gravimetric: Optional[Annotated[Value, Q("specific_energy")]] = None
    volumetric: Optional[Annotated[Value, Q("energy_density")]] = None


class ChargeClaim(Sourced):
    from_soc: Optional[Fraction] = Field(None, description="start SoC; leave out when the source does not say")
    to_soc: Fraction
    time: Annotated[Value, Q("time")]

    @model_validator(mode="after")
    def _window(self) -> "ChargeClaim":
        start = self.from_soc.si if self.from_soc is not None else 0.0
        if self.to_soc.si <= start:
            raise ValueError(f"to_soc ({self.to_soc.text}) must be above from_soc "
                             f"({self.from_soc.text if self.from_soc else '0 %'})")
        return self


class ChargeCurvePoint(Strict):
    """One point of a cell's own charge curve: its C-rate limit, or its power limit per cell, at a SoC."""

    soc: Annotated[Value, Q("fraction", allow_zero=True)] = Field(description="state of charge, e.g. '50 %'")
    c_rate: Optional[Annotated[Value, Q("c_rate", allow_zero=True)]] = Field(
        None, description="the cell's charge C-rate limit there, e.g. '4 C'")
    power: Optional[Annotated[Value, Q("power", allow_zero=True)]] = Field(
        None, description="or its charge power limit per cell there, e.g. '1.2 kW' (C-rate = power / cell energy)")

    @model_validator(mode="after")
    def _one_limit(self) -> "ChargeCurvePoint":
        if (self.c_rate is None) == (self.power is None):
            raise ValueError("give c_rate or power at each point, not both or neither")
        return self


class ChargeCurveSpec(Sourced):
    """A cell's own charge curve (replaces the default taper of its chemistry): SoC -> C-rate or power."""

    shape: Literal["step", "linear"] = Field("linear", description="step: constant up to the next point; linear")
    points: tuple[ChargeCurvePoint, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _rising(self) -> "ChargeCurveSpec":
        check_table([p.soc.si for p in self.points], "a charge curve", "SoC", start=0.0)
        if len({p.c_rate is None for p in self.points}) > 1:
            raise ValueError("a charge curve gives c_rate at every point or power at every point, not a mix")
        if not any((p.c_rate or p.power).si > 0 for p in self.points):    # type: ignore[union-attr]
            raise ValueError("a charge curve needs a limit above zero somewhere")
        return self


class Charging(Strict):
    max_c_rate: Optional[Annotated[Value, Q("c_rate")]] = Field(
        default=None, description="max continuous charge C-rate, e.g. '3 C'")
    # default= by keyword: without pydantic's mypy plugin, mypy reads Field(None, ...) as no default
    taper: Optional[str] = Field(
        default=None, pattern=ID_PATTERN,
        description="id of a taper in specs/tapers.yaml [default: the one for the cell's chemistry]")
    charge_curve: Optional[ChargeCurveSpec] = Field(
        default=None, description="the cell's own charge limit against SoC (instead of a taper)")
    claims: tuple[ChargeClaim, ...] = ()

    @field_validator("taper")
    @classmethod
    def _known_taper(cls, v: Optional[str]) -> Optional[str]:
        """A taper of specs/tapers.yaml (a misspelt id loaded, then stopped ``batcalc charge`` unlocated).
        Its module is imported here, as the other kinds' are (:data:`_KIND_MODULES`): it reads this one."""
        if v is not None:
            known = importlib.import_module("batcalc.spec.tapers").taper_ids()
            if v not in known:
                hint = difflib.get_close_matches(v, known, n=1)
                raise ValueError(f"no taper {v!r} in specs/tapers.yaml" + (f"; did you mean {hint[0]!r}?" if hint
                                                                           else f"; known: {', '.join(known)}"))
        return v

    @model_validator(mode="after")
    def _curve_or_taper(self) -> "Charging":
        if self.taper is not None and self.charge_curve is not None:
            raise ValueError("give taper or charge_curve, not both (a charge curve is the cell's own taper)")
        return self


def cycles_not_bool(v: Any) -> Any:
    """Refuse YAML booleans where a count is expected (pydantic would read true as 1), and a number
    below 1000 written with a point: YAML reads ``10.000`` as 10.0, which pydantic would take as 10
    cycles, most likely a thousands separator (``1000.0`` and ``1e3`` stay 1000); so is the same number
    written as text (``'100.000'``, quoted in a file or given on the command line)."""
    if isinstance(v, bool):
        raise ValueError(f"expected a number of cycles, got {str(v).lower()}")
    if isinstance(v, str) and re.fullmatch(r"\s*[0-9]{1,3}\.[0-9]{3}\s*", v):
        cycles_not_bool(float(v))
    if isinstance(v, float) and 0 < v < 1000:
        meant = f"; if you mean {v:g}, write it without the point" if v.is_integer() else ""
        raise ValueError(f"{v:g} cycles written with a decimal point: if '.' separates thousands, write "
                         f"{v * 1000:.0f}{meant}")
    return v


#: Fewer cycles than this is no cycle-life figure: most likely a thousands separator read as a
#: decimal point (YAML reads 1.000 as 1).
MIN_CYCLES = 10


def _plausible_cycles(v: int) -> int:
    if v < MIN_CYCLES:
        raise ValueError(f"{v} cycles is not a cycle life (at least {MIN_CYCLES}); a typo? 1.000 is one, "
                         f"not a thousand: write 1000")
    return v


def whole_cycles(number: float, written: Any) -> int:
    """A number of cycles (a count read by :func:`batcalc.units.parse_value`) as a whole number of at
    least :data:`MIN_CYCLES`, the rule of every cycle count (a cell's ``cycle_life.cycles``, a lifetime
    claim's ``cycles``); ``written`` is the value's text (:attr:`batcalc.units.Parsed.text`), for the message."""
    if not float(number).is_integer():
        raise ValueError(f"{_clip(written)} is not a whole number of cycles")
    return _plausible_cycles(int(number))


def _cycle_count(v: Any) -> Any:
    """A cell's ``cycle_life.cycles`` as the file gives it, read as every count is: the value grammar of
    :func:`batcalc.units.parse_value` (``1e3`` and ``'1000'`` are 1000; ``1_000``, ``1:20``, ``0x1F``,
    ``1000 %`` and other scripts' digits are refused in its words), after :func:`cycles_not_bool`; then
    :func:`whole_cycles`. An empty key or text is left to pydantic, which words it ("is empty: give a whole
    number")."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return v
    v = cycles_not_bool(v)
    try:
        p = units.parse_value(v, "count")
    except UnitError as exc:
        raise ValueError(str(exc)) from None
    return whole_cycles(p.si, p.text)


class CycleLife(Sourced):
    cycles: Annotated[int, BeforeValidator(_cycle_count)] = Field(gt=0, lt=10_000_000)
    retention: Optional[Fraction] = Field(None, description="capacity left at end of life, e.g. '80 %'")
    conditions: Optional[str] = None


#: The ratings a published range is quoted on, as the spec files spell them.
TEST_CYCLES = ("CLTC", "NEDC", "WLTP", "EPA", "unknown")
_TEST_CYCLE_BY_FOLDED = {name.casefold(): name for name in TEST_CYCLES}


def _test_cycle_name(value: Any) -> Any:
    """A rating named in any case (``wltp``, as the command line's ``--from`` takes it) as the spec
    files spell it (``WLTP``); anything else is left for the Literal to refuse, naming the choices."""
    if isinstance(value, str):
        return _TEST_CYCLE_BY_FOLDED.get(value.strip().casefold(), value)
    return value


def _any_case(name: str) -> str:
    """A regular expression (ECMA 262, as JSON Schema's ``pattern``) matching ``name`` in any case."""
    return "".join(f"[{ch.upper()}{ch.lower()}]" if ch.isalpha() else re.escape(ch) for ch in name)


#: The schema of a rating: the spellings for an editor to offer, and any case, as the loader reads it.
_TEST_CYCLE_SCHEMA = {"anyOf": [{"type": "string", "enum": list(TEST_CYCLES)},
                                {"type": "string",
                                 "pattern": rf"^\s*({'|'.join(map(_any_case, TEST_CYCLES))})\s*$"}]}
TestCycle = Annotated[Literal["CLTC", "NEDC", "WLTP", "EPA", "unknown"], BeforeValidator(_test_cycle_name),
                      WithJsonSchema(_TEST_CYCLE_SCHEMA)]


class RangeClaim(Sourced):
    distance: Annotated[Value, Q("length", example="km")]
    test_cycle: TestCycle = "unknown"
    pack_energy: Optional[Annotated[Value, Q("energy", example="kWh")]] = None
    vehicle: Optional[str] = None


class CellSpec(Strict):
    """A battery cell as published: identity, electrical, physical, density, charging, life, range."""

    #: value location -> cited source id, filled by :func:`resolve_sources` (not a field)
    _cited: Optional[dict[Loc, Optional[str]]] = PrivateAttr(default=None)

    kind: Literal["cell"]
    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    maker: Optional[str] = None
    chemistry: Optional[str] = None
    format: Literal["cylindrical", "prismatic", "pouch", "blade", "unknown"] = "unknown"
    status: Literal["production", "sample", "announced", "target"] = "announced"
    electrical: Electrical = Electrical()
    physical: Physical = Physical()
    energy_density: EnergyDensity = EnergyDensity()
    charging: Charging = Charging()
    cycle_life: Optional[CycleLife] = None
    ranges: tuple[RangeClaim, ...] = ()
    notes: Optional[str] = None
    sources: tuple[Source, ...] = ()


# --------------------------------------------------------------------------- loading and errors

def _models_in(tp: Any) -> list[type[BaseModel]]:
    """The model classes behind an annotation (Optional[X], list[X], tuple[X, ...], Annotated[X, ...], unions)."""
    origin = typing.get_origin(tp)
    if origin is Annotated:
        return _models_in(typing.get_args(tp)[0])
    if origin in (Union, types.UnionType, list, tuple):
        return [m for arg in typing.get_args(tp) for m in _models_in(arg)]
    return [tp] if isinstance(tp, type) and issubclass(tp, BaseModel) else []


def _tag_of(model: type[BaseModel]) -> Any:
    """The ``kind`` literal of a member of a discriminated union (claims), or None."""
    field = model.model_fields.get("kind")
    args = typing.get_args(field.annotation) if field is not None else ()
    return args[0] if len(args) == 1 else None


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model at ``loc`` (pydantic's loc, in which a discriminated union's tag follows the index)."""
    candidates = [model]
    for part in loc:
        if isinstance(part, int):
            continue
        tagged = [m for m in candidates if _tag_of(m) == part]
        if len(candidates) > 1 and tagged:
            candidates = tagged
            continue
        field = candidates[0].model_fields.get(part) if candidates else None
        if field is None:
            return None
        candidates = _models_in(field.annotation)
    return candidates[0] if candidates else None


def _data_loc(loc: tuple[str | int, ...], data: Any) -> Loc:
    """``loc`` as a path into the file's data: a discriminated union's tag (pydantic puts the claim's
    ``kind`` into the loc) is dropped, so that errors point at the right line. The file itself is no
    union member: a claims file's missing ``claims`` (its kind is 'claims') is a key, not a tag."""
    out: list[str | int] = []
    cur = data
    for part in loc:
        if isinstance(cur, dict) and part not in cur and cur.get("kind") == part and cur is not data:
            continue
        if isinstance(part, str) and not isinstance(cur, dict):    # a union member: 'float', 'constrained-str'
            continue
        out.append(part)
        cur = _child(cur, part)
    return tuple(out)


def _child(data: Any, part: str | int) -> Any:
    """What the file's ``data`` (a mapping, a list or a scalar read from YAML) holds at key or index ``part``,
    or None."""
    if isinstance(data, dict):
        return data.get(part)
    if isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
        return data[part]
    return None


#: Longest message a validation error prints.
_MESSAGE_LIMIT = 400


class SpecErrors(SpecError):
    """Every problem found in one file (``validate_document(..., all_errors=True)``): ``errors`` is the
    list of one-line located :class:`SpecError`; the exception reads as the first, and ``str()``
    gives one ``file:line:col: message`` line per error."""

    def __init__(self, errors: list[SpecError]) -> None:
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(first.message, first.path, first.line, first.col)

    def __str__(self) -> str:
        return "\n".join(SpecError.__str__(e) for e in self.errors)


def _first_error(exc: ValidationError, model: type[BaseModel], doc: Document) -> SpecError:
    """Turn pydantic's first error into a one-line located SpecError (with a did-you-mean hint),
    saying how many more there are (a required key left out by its misspelling is one mistake with the
    misspelling, as ``lint`` lists it: :func:`_every_error`)."""
    errors = exc.errors(include_url=False)
    misspelt = _misspellings(errors)
    count = len(errors) - len(misspelt)
    more = f" (+{count - 1} more)" if count > 1 else ""
    # a misspelt required key first: "unknown key 'nmae'; did you mean 'name'?" at the key the user wrote says
    # more than "missing required key 'name'" at the top of the mapping, which is what pydantic lists first
    return _located_error(next(iter(misspelt.values()), errors[0]), errors, model, doc, more)


def _misspellings(errors: list[Any]) -> dict[tuple[Any, ...], Any]:
    """Of pydantic's ``errors``, each unknown key that is a misspelling of a required key missing beside it,
    by the model location of the missing key: ``{('name',): <the error of 'nmae'>}``, in the errors' order."""
    missing: dict[tuple[Any, ...], list[str]] = {}
    for err in errors:
        if err["type"] == "missing":
            loc = _model_loc(err)
            missing.setdefault(loc[:-1], []).append(str(loc[-1]))
    found: dict[tuple[Any, ...], Any] = {}
    for err in errors:
        loc = _model_loc(err)
        if err["type"] == "extra_forbidden" and loc[:-1] in missing:
            near = difflib.get_close_matches(str(loc[-1]), missing[loc[:-1]], n=1)
            if near:
                found.setdefault(loc[:-1] + (near[0],), err)
    return found


def _every_error(exc: ValidationError, model: type[BaseModel], doc: Document) -> list[SpecError]:
    """Each of pydantic's errors as a located SpecError, one per place in the file (the members of a
    union that all refused one value are one error), in the order of the file (line, column). A missing
    required key whose misspelling is in the file is said once, at the misspelt key (:func:`_misspellings`)."""
    errors = exc.errors(include_url=False)
    misspelt = _misspellings(errors)
    out: dict[tuple[Any, ...], SpecError] = {}
    for err in errors:
        if err["type"] == "missing" and _model_loc(err) in misspelt:
            continue
        key = _data_loc(_model_loc(err), doc.data)
        if key not in out:
            out[key] = _located_error(err, errors, model, doc, "")
    return sorted(out.values(), key=lambda e: (e.line or 0, e.col or 0))       # in the file's order


def _near_key(mapping: Any, key: str) -> str | None:
    """The key of ``mapping`` (a dict read from YAML, or anything else: None) that looks like a misspelling of
    ``key``, which it lacks ('knd' or 'kinds' for 'kind'), or None. The cut-off is above difflib's 0.6, so that
    a real key of the mapping is not taken for one ('id' is 0.67 like 'kind')."""
    if not isinstance(mapping, dict) or key in mapping:
        return None
    near = difflib.get_close_matches(key, [k for k in mapping if isinstance(k, str)], n=1, cutoff=0.75)
    return near[0] if near else None


def _model_loc(err: Any) -> tuple[Any, ...]:
    """Where in the model one of pydantic's errors is: its ``loc`` without the validator steps
    (``function-after[...]``) pydantic adds."""
    return tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))


def _located_error(err: Any, errors: list[Any], model: type[BaseModel], doc: Document, more: str) -> SpecError:
    """Turn one of pydantic's errors into a one-line located SpecError (with a did-you-mean hint).

    What the file gave is quoted clipped to a few dozen characters, and control characters in keys
    or messages are escaped, so that the message stays one readable line whatever the input.
    """
    model_loc = _model_loc(err)
    loc = _data_loc(model_loc, doc.data)
    dotted = printable(".".join(str(p) for p in loc), 160) or "(top level)"
    kind = err["type"]
    if kind == "extra_forbidden":
        parent = _model_at(model, model_loc[:-1])
        choices = list(parent.model_fields) if parent else []
        field = parent.model_fields.get(str(loc[-1])) if parent else None
        if field is not None and field.alias:       # the field's name and its alias both given
            return doc.error(loc, f"{dotted!r} and {field.alias!r} are the same key: give one{more}", key=True)
        hint = difflib.get_close_matches(str(loc[-1]), choices, n=1)
        tip = (f"; did you mean {hint[0]!r}?" if hint else
               f"; expected one of: {', '.join(choices)}" if choices else "")
        return doc.error(loc, f"unknown key {dotted!r}{tip}{more}", key=True)
    if kind == "union_tag_not_found":
        disc = str(err.get("ctx", {}).get("discriminator", "kind")).strip("'")
        mapping: Any = doc.data
        for part in loc:
            mapping = _child(mapping, part)
        near = _near_key(mapping, disc)
        if near is not None:                # 'knd: ratio': the key written, not the top of the claim
            written = printable(".".join(str(p) for p in (*loc, near)), 160)
            return doc.error(loc + (near,), f"unknown key {written!r}; did you mean {disc!r}?{more}", key=True)
        return doc.error(loc, f"{dotted}: missing {disc!r} (what kind of claim it is, e.g. 'ratio'; "
                              f"'batcalc claim --help' lists the kinds){more}")
    if kind == "union_tag_invalid":
        ctx = err.get("ctx", {})
        tags = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",") if t.strip()]
        hint = difflib.get_close_matches(str(ctx.get("tag")), tags, n=1)
        tip = f"; did you mean {hint[0]!r}?" if hint else f"; expected one of: {', '.join(tags)}"
        return doc.error(loc + (ctx.get("discriminator", "kind").strip("'"),),
                         f"{dotted}: unknown claim kind {ctx.get('tag')!r}{tip}{more}")
    if kind == "missing":
        # the keys missing beside this one are named with it (a claim's inputs: 'a', 'a_cycle', 'b_cycle'),
        # not counted in "(+N more)"; every error is its own line in lint (_every_error: more is "")
        siblings = [e for e in errors if e["type"] == "missing" and _model_loc(e)[:-1] == model_loc[:-1]] \
            if more else [err]
        if len(siblings) > 1:
            keys = [repr(printable(".".join(str(p) for p in _data_loc(_model_loc(e), doc.data)), 160))
                    for e in siblings]
            rest = len(errors) - len(siblings)
            return doc.error(loc[:-1], f"missing required keys {word_list(keys)}"
                                       + (f" (+{rest} more)" if rest else ""))
        return doc.error(loc[:-1], f"missing required key {dotted!r}{more}")
    msg = err["msg"]
    members = [e["loc"][-1] for e in errors if model_loc and len(e["loc"]) == len(model_loc)
               and e["loc"][:-1] == model_loc[:-1] and _data_loc(e["loc"], doc.data) == loc]
    if len(members) > 1:                    # every member of a union refused it: say what would do
        names = {"str": "a string", "constrained-str": "a string", "float": "a number", "int": "a number"}
        wanted = " or ".join(dict.fromkeys(names.get(str(m), str(m)) for m in members))
        got = type(err["input"]).__name__
        return doc.error(loc, printable(f"{dotted}: expected {wanted}, got a {got}", _MESSAGE_LIMIT))
    if kind in _LENGTH_ERRORS:
        return doc.error(loc, printable(f"{dotted} {_length_problem(err, model, model_loc)}{more}", _MESSAGE_LIMIT))
    given = err.get("input")
    empty = given is None or (isinstance(given, str) and not given.strip())    # 'name:'; a command line's 'start_year='
    if kind in _SHAPE_WANTED and (empty or kind not in _NUMBER_TYPES):
        wanted = _SHAPE_WANTED[kind]
        if empty:                           # a key with nothing after it ('name:', 'electrical:')
            text = f"{dotted} is empty: give {wanted}{_optional_hint(model, model_loc)}"
        else:
            got = _clip(given) if type(given) in (str, int, float) else _SHAPE_GOT.get(type(given), "something else")
            text = f"{dotted}: expected {wanted}, got {got}"
        return doc.error(loc, printable(text + more, _MESSAGE_LIMIT))
    if kind == "quantity_value":
        loc = loc + ("value",)
    if kind == "literal_error":
        msg = f"{msg}, got {_clip(err['input'])}"
    elif kind.startswith("string_pattern"):
        msg = (f"invalid {loc[-1] if loc else 'value'} {_clip(err['input'])}: use lowercase letters, digits and "
               f"dashes, at most 64 characters")
    msg = msg.removeprefix("Value error, ")
    texts = getattr(err.get("ctx", {}).get("error"), "by_system", None)
    if texts:                               # a validator's message written in each unit system (error_in_systems)
        return doc.error_in_systems(loc, lambda system: printable(f"{dotted}: {texts.get(system, msg)}{more}",
                                                                  _MESSAGE_LIMIT))
    return doc.error(loc, printable(f"{dotted}: {msg}{more}", _MESSAGE_LIMIT))


#: pydantic's errors of a text or a list too short or too long ("String should have at least 1 character").
_LENGTH_ERRORS = frozenset({"string_too_short", "string_too_long", "too_short", "too_long"})


#: pydantic's errors of a value of the wrong shape ("Input should be a valid dictionary or instance of
#: Electrical"), by what the key wants, and what a value read from YAML is, by its type.
_SHAPE_WANTED = {"string_type": "a text", "list_type": "a list", "tuple_type": "a list",
                 "dict_type": "a mapping (key: value)", "model_type": "a mapping (key: value)",
                 "model_attributes_type": "a mapping (key: value)", "int_type": "a whole number",
                 "int_parsing": "a whole number", "int_from_float": "a whole number"}
#: Of those, the errors of a whole number, worded here only when empty (pydantic's "valid integer, got a
#: number with a fractional part" and the like say what is wrong with a number given).
_NUMBER_TYPES = frozenset({"int_type", "int_parsing", "int_from_float"})
_SHAPE_GOT = {str: "a text", int: "a number", float: "a number", bool: "true or false", list: "a list",
              dict: "a mapping"}


def _optional_hint(model: type[BaseModel], model_loc: tuple[Any, ...]) -> str:
    """'; or leave the key out' when the key at ``model_loc`` is optional (an empty value of it may be left
    out instead), else ''."""
    parent = _model_at(model, model_loc[:-1]) if model_loc and isinstance(model_loc[-1], str) else None
    field = parent.model_fields.get(model_loc[-1]) if parent is not None else None
    return "; or leave the key out" if field is not None and not field.is_required() else ""


def _length_problem(err: Any, model: type[BaseModel], model_loc: tuple[Any, ...]) -> str:
    """What is wrong with a text or a list of the wrong length, in words following its key: "is empty: give
    a text", "is an empty list: give at least 1 entry", "is too long (250 characters, at most 200)"; an empty
    value of an optional key may be left out instead."""
    kind, ctx, given = err["type"], err.get("ctx", {}), err.get("input")
    optional = _optional_hint(model, model_loc)
    if kind.startswith("string"):
        size = len(given.strip()) if isinstance(given, str) else 0
        if kind == "string_too_long":
            return f"is too long ({size} characters, at most {ctx.get('max_length')})"
        if size == 0:
            blank = "blank" if isinstance(given, str) and given else "empty"
            return f"is {blank}: give a text{optional}"
        return f"is too short ({size} characters, at least {ctx.get('min_length')})"
    size = ctx.get("actual_length", len(given) if isinstance(given, (list, tuple)) else 0)
    if kind == "too_long":
        return f"has too many entries ({size}, at most {ctx.get('max_length')})"
    least = ctx.get("min_length")
    entries = f"{least} entr{'y' if least == 1 else 'ies'}"
    if not size:
        return f"is an empty list: give at least {entries}{optional}"
    return f"has too few entries ({size}, at least {least})"


def _value_fields(model: type) -> tuple[tuple[str, ...], bool]:
    """Names of a model's fields that can hold Values (directly, in a sub-model or in a list), and
    whether the model is a :class:`Sourced` group; cached per model class. A sub-model that can hold
    none (a claim's two figures, a source) is not named: the walk would visit it for nothing."""
    cached = _VALUE_FIELDS.get(model)
    if cached is None:
        names: list[str] = []
        sourced = False
        if isinstance(model, type) and issubclass(model, BaseModel):
            _VALUE_FIELDS[model] = ((), False)      # while its fields are looked at (a model that holds itself)
            for name, f in model.model_fields.items():
                if "Value" in repr(f.annotation) or any(_value_fields(m)[0] for m in _models_in(f.annotation)):
                    names.append(name)
            sourced = issubclass(model, Sourced)
        cached = _VALUE_FIELDS[model] = (tuple(names), sourced)
    return cached


_VALUE_FIELDS: dict[type, tuple[tuple[str, ...], bool]] = {}


def _walk_values(obj: Any, loc: Loc = (), group: Optional[str] = None) -> list[tuple[Loc, Value, Optional[str]]]:
    """(loc, value, group source) for every Value inside a validated model; the group source is the
    ``source:`` of the nearest enclosing :class:`Sourced` group."""
    out: list[tuple[Loc, Value, Optional[str]]] = []

    def walk(obj: Any, loc: Loc, group: Optional[str]) -> None:
        kind = type(obj)
        if kind is Value:
            out.append((loc, obj, group))
        elif kind is list or kind is tuple:     # a spec's sequences are tuples (shared catalogue specs)
            for i, item in enumerate(obj):
                walk(item, loc + (i,), group)  # noqa: F821  (deleted below, see there)
        else:                                   # a model (type checks, not isinstance: this runs per value)
            names, sourced = _value_fields(kind)
            if sourced and obj.source is not None:
                group = obj.source
            for name in names:
                child = getattr(obj, name)
                if child is not None:
                    walk(child, loc + (name,), group)  # noqa: F821

    walk(obj, loc, group)
    # `walk` refers to itself: left alone, the cycle (and `out`) waits for the garbage collector
    del walk
    return out


def unknown_source(doc: Document, loc: Loc, sid: str, ids: list[str]) -> SpecError:
    """The error of a value (or a claim) at ``loc`` citing source ``sid``, which the file's sources (their
    ``ids``) do not list: the closest id, else the ids there are (each once)."""
    hint = difflib.get_close_matches(sid, ids, n=1)
    return doc.error(loc, f"unknown source {sid!r}" + (f"; did you mean {hint[0]!r}?" if hint else
                                                       f"; sources are: {', '.join(dict.fromkeys(ids)) or 'none'}"))


def raw_source_problems(doc: Document) -> list[SpecError]:
    """The unknown sources cited in a file whose schema does not hold (``batcalc lint`` reports them with its
    schema errors, not after they are fixed): every ``source:`` given as text in the raw data, outside the
    ``sources`` list, that no entry of that list has as its ``id`` (:func:`unknown_source`); none when the
    list is not a list of entries with text ids (its own errors come first)."""
    data = doc.data
    sources = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(sources, list):
        return []
    ids = [s.get("id") for s in sources if isinstance(s, dict)]
    if len(ids) != len(sources) or not all(isinstance(i, str) for i in ids):
        return []
    known: list[str] = [i for i in ids if isinstance(i, str)]
    problems: list[SpecError] = []
    stack: list[tuple[Loc, Any]] = [((k,), v) for k, v in data.items() if k != "sources"]
    while stack:
        loc, node = stack.pop()
        if isinstance(node, dict):
            sid = node.get("source")
            if isinstance(sid, str) and sid not in known:
                problems.append(unknown_source(doc, loc + ("source",), sid, known))
            stack += [(loc + (k,), v) for k, v in node.items()]
        elif isinstance(node, list):
            stack += [(loc + (i,), v) for i, v in enumerate(node)]
    return problems


def resolve_sources(spec: BaseModel, doc: Document, require: bool = False,
                    all_errors: bool = False) -> dict[Loc, str | None]:
    """Map each value's location to the id of the source it cites; check the ids exist.

    A value cites its own ``source:``, else its group's (charge claim, cycle life, range claim),
    else the file's only source. With ``require`` (the catalogue), an uncited value is an error
    unless it states an ``assumption:``. The first problem is a located :class:`SpecError`; with
    ``all_errors``, a :class:`SpecErrors` holds every one, in the file's order (``batcalc lint``).
    """
    cached = cited_sources(spec)
    if cached is not None and not require:
        return cached
    problems: list[SpecError] = []

    def problem(exc: SpecError) -> None:
        if not all_errors:
            raise exc
        problems.append(exc)

    sources = getattr(spec, "sources", [])
    ids = [s.id for s in sources]
    for i, sid in enumerate(ids):
        if sid in ids[:i]:
            problem(doc.error(("sources", i, "id"), f"duplicate source id {sid!r}"))
    cited: dict[Loc, str | None] = {}
    for loc, value, group_source in _walk_values(spec):
        sid = value.source
        if sid is None:
            sid = group_source if group_source is not None else ids[0] if len(ids) == 1 else None
        if sid is not None and sid not in ids:
            sid_loc = loc + ("source",)
            if value.source is None:                        # cited by its group: point at the group's
                for depth in range(len(loc) - 1, 0, -1):
                    group = _get(spec, loc[:depth])
                    if isinstance(group, Sourced) and group.source is not None:
                        sid_loc = loc[:depth] + ("source",)
                        break
            problem(unknown_source(doc, sid_loc, sid, ids))
            continue
        if sid is None and require and value.assumption is None:
            problem(doc.error(loc, f"{'.'.join(map(str, loc))}: no source for {value.text!r} "
                              f"(cite one with 'source:' or mark it 'assumption:')"))
            continue
        cited[loc] = sid
    if problems:                            # all_errors: every one, once each (a group's source once)
        unique = list({str(e): e for e in problems}.values())
        raise SpecErrors(sorted(unique, key=lambda e: (e.line or 0, e.col or 0)))
    if _keeps_cited(spec):
        keeper: Any = spec                  # a model with the private attribute (mypy sees a BaseModel)
        keeper._cited = cited
    return cited


def cited_sources(spec: BaseModel) -> dict[Loc, str | None] | None:
    """The map :func:`resolve_sources` left on ``spec`` (value location -> source id), or None (not
    resolved yet, or a model without the private attribute)."""
    cited: dict[Loc, str | None] | None = getattr(spec, "_cited", None) if _keeps_cited(spec) else None
    return cited


def sourced_values(spec: BaseModel) -> list[tuple[Loc, Value, Optional[str]]]:
    """Every value inside a validated spec, ``(location, value, id of the source it cites)``: its own
    ``source:``, else its group's, else the file's only source, else None (:func:`resolve_sources`'s rules;
    its map when the spec keeps one, else resolved again, without positions)."""
    cited = cited_sources(spec)
    if cited is None:
        cited = resolve_sources(spec, Document("<memory>", None))
    return [(loc, value, cited.get(loc)) for loc, value, _ in _walk_values(spec)]


_KEEPS_CITED: dict[type, bool] = {}


def _keeps_cited(spec: BaseModel) -> bool:
    """Whether ``spec``'s model keeps the map of :func:`resolve_sources` (a private ``_cited``), asked
    once per model class: on a model without it (claims, vehicles) each look costs a failed lookup
    through pydantic's ``__getattr__``, twice a file."""
    kind = type(spec)
    found = _KEEPS_CITED.get(kind)
    if found is None:
        found = _KEEPS_CITED[kind] = hasattr(spec, "_cited")
    return found


def _get(obj: Any, loc: Loc) -> Any:
    for part in loc:
        obj = obj[part] if isinstance(part, int) else getattr(obj, part)
    return obj


#: The spec file format this batcalc reads. A file may say which it was written for (``format_version: 1``);
#: a change of format comes with a migration note in docs/spec-format.md.
FORMAT_VERSION = 1

KINDS: dict[str, type[BaseModel]] = {"cell": CellSpec}
#: The modules that register the other kinds (imported when a file of that kind is read).
_KIND_MODULES = {"vehicle": "batcalc.spec.vehicle", "claims": "batcalc.spec.claims",
                 "chargers": "batcalc.spec.chargers", "tapers": "batcalc.spec.tapers",
                 "rating-bands": "batcalc.spec.ratings", "climate": "batcalc.spec.climate",
                 "assumptions": "batcalc.spec.assumptions"}


def register_kind(kind: str, model: type[BaseModel]) -> None:
    """Make ``kind:`` values of another spec model loadable by :func:`load_spec`."""
    KINDS[kind] = model


def validate_document(doc: Document, expect: str | None = None, require_sources: bool = False,
                      all_errors: bool = False) -> Any:
    """Validate a parsed :class:`Document` into the model its ``kind:`` names (a model of
    :data:`KINDS`; typed Any: the kind is known only at run time, and callers read its fields).

    Raises a one-line located :class:`SpecError` at the first problem; with ``all_errors``, a
    :class:`SpecErrors` holding every schema error of the file (then the sources are checked only
    when the schema holds: a source check needs the validated values)."""
    data = doc.data
    if not isinstance(data, dict):
        raise doc.error((), "expected a YAML mapping starting with 'kind:'")
    kind = data.get("kind")
    names = sorted(set(KINDS) | set(_KIND_MODULES))
    if kind is None:
        near = _near_key(data, "kind")
        if near is not None:                # 'knd: cell': the key written, not the top of the file
            raise doc.error((near,), f"unknown key {printable(near, 60)!r}; did you mean 'kind'? "
                                     f"(one of: {', '.join(names)})", key=True)
        raise doc.error((), f"missing 'kind:' (one of: {', '.join(names)})")
    if not isinstance(kind, str):
        raise doc.error(("kind",), f"'kind' must be a name (one of: {', '.join(names)})")
    if kind not in KINDS and kind in _KIND_MODULES:
        importlib.import_module(_KIND_MODULES[kind])           # registers its model
    if kind not in KINDS:
        hint = difflib.get_close_matches(str(kind), names, n=1)
        raise doc.error(("kind",), f"unknown kind {kind!r}" + (f"; did you mean {hint[0]!r}?" if hint else
                                                              f"; expected one of: {', '.join(names)}"))
    if expect is not None and kind != expect:
        at = doc.error(("kind",), f"expected a {expect} spec, got kind {kind!r}")
        raise WrongKindError(at.message, at.path, at.line, at.col, found=kind)
    if "format_version" in data:
        version = data["format_version"]
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise doc.error(("format_version",), f"format_version must be a whole number such as "
                                                 f"{FORMAT_VERSION}, got {version!r}")
        if version > FORMAT_VERSION:
            raise doc.error(("format_version",), f"written for spec format {version}; this batcalc reads format "
                                                 f"{FORMAT_VERSION} (upgrade batcalc: docs/spec-format.md lists "
                                                 f"the formats)")
        data = {k: v for k, v in data.items() if k != "format_version"}
    model = KINDS[kind]
    try:
        spec = model.model_validate(data)
    except ValidationError as exc:
        if all_errors:
            raise SpecErrors(_every_error(exc, model, doc)) from None
        raise _first_error(exc, model, doc) from None
    resolve_sources(spec, doc, require=require_sources, all_errors=all_errors)
    return spec


def load_spec(path: str | Path, expect: str | None = None, require_sources: bool = False,
              all_errors: bool = False) -> Any:
    """Load and validate a spec file; every problem is a one-line ``path:line:col`` SpecError (with
    ``all_errors``, a :class:`SpecErrors` listing every schema error)."""
    return validate_document(load_yaml(path), expect, require_sources, all_errors)


def parse_spec(text: str, path: str = "<string>", expect: str | None = None, require_sources: bool = False,
               all_errors: bool = False) -> Any:
    """Validate spec YAML given as text (for tests and tools)."""
    return validate_document(parse_yaml(text, path), expect, require_sources, all_errors)
