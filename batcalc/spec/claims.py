"""The claims-file model (``kind: claims``): each claim kind's inputs, the asserted value and qualifier.

The file format is documented in docs/claims.md; evaluation lives in :mod:`batcalc.claims.check`.
"""

from typing import TYPE_CHECKING, Annotated, Any, Literal, Optional, Union, get_args

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema, field_validator

from batcalc import units
from batcalc.errors import UnitError
from batcalc.spec import CLAIM_KINDS
from batcalc.spec.model import (
    ID_PATTERN,
    Q,
    Source,
    Strict,
    TestCycle,
    Value,
    cycles_not_bool,
    register_kind,
    whole_cycles,
)

#: Vehicle used to turn energy into range when a claim names none (a stated assumption).
DEFAULT_VEHICLE = "mid-sedan"

#: The qualifiers a claim may take (docs/claims.md has the table of what each means).
Qualifier = Literal["about", "at-least", "at-most", "over", "under", "up-to", "between"]
QUALIFIERS: tuple[str, ...] = get_args(Qualifier)

# ------------------------------------------------------------------------------------- the models

def _number_not_bool(v: Any) -> Any:
    """Refuse YAML booleans where a number or figure is expected (pydantic would read true as 1)."""
    if isinstance(v, bool):
        raise ValueError(f"expected a number or '<number> <unit>', got {str(v).lower()}")
    return v


Figure = Annotated[Union[str, float], BeforeValidator(_number_not_bool)]


def _asserted(v: Any) -> Any:
    """An asserted value: a figure (a string or a number), or for 'between' a list [low, high] of them."""
    if isinstance(v, list):
        if len(v) != 2:
            raise ValueError(f"a list asserts [low, high] (qualifier 'between'): two figures, got {len(v)}")
        return [_one_asserted(x) for x in v]
    return _one_asserted(v)


def _one_asserted(x: Any) -> Any:
    """One asserted figure: a string, or a number (a float)."""
    if type(x) is str:                        # the common case, without the checks below
        return x
    x = _number_not_bool(x)
    if isinstance(x, int):
        return float(x)
    if not isinstance(x, (str, float)):
        raise ValueError(f"expected a string or a number, got {_type_name(x)}")
    return x


def _plausible(v: Any) -> Any:
    """A plausible range: the list ``[low, high]``, or the text ``'LOW to HIGH unit'`` as its two ends
    (:func:`batcalc.units.range_ends`, as ``batcalc claim --plausible`` reads it)."""
    if isinstance(v, str):
        from batcalc.units import range_ends

        ends = range_ends(v)
        if not ends:
            raise ValueError(f"a plausible range is [low, high] or 'LOW to HIGH unit' ('500 to 750 Wh/L'), got {v!r}")
        return ends
    if v is not None and not isinstance(v, (list, tuple)):      # a number, true/false, a mapping: say both forms
        got = ("true or false" if isinstance(v, bool) else repr(v) if isinstance(v, (int, float)) else _type_name(v))
        raise ValueError(f"a plausible range is [low, high] or 'LOW to HIGH unit' ('500 to 750 Wh/L'), got {got}")
    return v


def _type_name(x: Any) -> str:
    return {dict: "a mapping", list: "a list", type(None): "nothing"}.get(type(x), type(x).__name__)


_FIGURE_SCHEMA = {"anyOf": [{"type": "string"}, {"type": "number"}]}
Asserted = Annotated[Any, BeforeValidator(_asserted), WithJsonSchema(
    {"anyOf": [*_FIGURE_SCHEMA["anyOf"], {"type": "array", "items": _FIGURE_SCHEMA, "minItems": 2, "maxItems": 2}]})]


class ClaimBase(Strict):
    id: str = Field(pattern=ID_PATTERN)
    quote: str = Field(min_length=1, description="the claim as published, word for word")
    source: Optional[str] = Field(None, description="id of the source in the file's `sources:`")
    asserted: Asserted = Field(
        description="the value the claim asserts, with its unit; for 'between' a list [low, high] or "
                    "'LOW to HIGH unit' ('300 to 400 km')")
    qualifier: Qualifier = Field(
        "about", description="about, at-least, at-most, over ('more than'), under ('less than'), up-to, "
                             "between (asserted: [low, high]); table in docs/claims.md")
    tolerance: Optional[Annotated[Value, Q("fraction", allow_zero=True)]] = Field(
        None, description="relative tolerance; default: the precision stated (half a unit in the last digit), "
                          "at least 5 % for about and up-to")
    plausible: Annotated[Optional[list[Figure]], BeforeValidator(_plausible), WithJsonSchema(
        {"anyOf": [{"type": "array", "items": _FIGURE_SCHEMA, "minItems": 2, "maxItems": 2},
                   {"type": "string", "pattern": "\\sto\\s"}, {"type": "null"}]})] = Field(
        None, min_length=2, max_length=2, description="[low, high] or 'LOW to HIGH unit': a plausible range for "
                                                      "a figure left as '?'")
    note: Optional[str] = None


class CellPair(Strict):
    a: Optional[str] = Field(None, description="cell id or path (the before / reference)")
    b: Optional[str] = Field(None, description="cell id or path (the after / new)")
    a_density: Optional[Annotated[Value, Q("specific_energy", ranged=True)]] = None
    b_density: Optional[Annotated[Value, Q("specific_energy", ranged=True)]] = None


class SameWeightInputs(CellPair):
    reading: Literal["energy", "range", "battery-life"] = Field(
        "energy", description="what the factor is of: energy or range per charge, or 'battery life' "
                              "(ambiguous: tested as energy per charge; cycle and calendar life noted)")


class VolumePair(Strict):
    a: Optional[str] = Field(None, description="cell id or path (the before / reference)")
    b: Optional[str] = Field(None, description="cell id or path (the after / new)")
    a_density: Optional[Annotated[Value, Q("energy_density", ranged=True)]] = Field(
        None, description="volumetric density of a, e.g. 620 Wh/L")
    b_density: Optional[Annotated[Value, Q("energy_density", ranged=True)]] = None


class SameVolumeInputs(VolumePair):
    reading: Literal["energy", "range"] = Field(
        "energy", description="what the factor is of: energy per charge, or range (holds only at a fixed pack "
                              "volume and consumption)")


class SameRangeInputs(Strict):
    a: str = Field(description="cell id or path (the reference)")
    b: str = Field(description="cell id or path (the new cell)")
    vehicle: str = DEFAULT_VEHICLE
    cycle: Optional[str] = None
    range: Optional[Annotated[Value, Q("length", ranged=True, example="km")]] = None
    pack_mass: Optional[Annotated[Value, Q("mass", ranged=True)]] = None


class RangeInputs(Strict):
    cell: Optional[str] = None
    pack_energy: Optional[Annotated[Value, Q("energy", ranged=True, example="kWh")]] = None
    pack_mass: Optional[Annotated[Value, Q("mass", ranged=True)]] = None
    usable_fraction: Optional[Annotated[Value, Q("fraction", ranged=True)]] = None
    consumption: Optional[Annotated[Value, Q("consumption", ranged=True)]] = None
    vehicle: Optional[str] = None
    cycle: Optional[str] = None
    test_cycle: TestCycle = Field("unknown", description="the cycle the claim's range is quoted on: CLTC, NEDC, "
                                                         "WLTP, EPA or unknown (any case)")


def _claim_cycles(v: Value) -> Value:
    """A lifetime claim's cycles obey the rule of a cell's cycle life (:func:`batcalc.spec.model.whole_cycles`):
    each end a whole number of at least 10 cycles."""
    for number in ((v.si,) if v.low is None or v.high is None else (v.low, v.high)):
        whole_cycles(number, v.text)
    return v


class LifetimeInputs(Strict):
    cell: Optional[str] = Field(None, description="cell id or path: its cycle life and end-of-life retention")
    cycles: Optional[Annotated[Value, Q("count", ranged=True), BeforeValidator(cycles_not_bool),
                               AfterValidator(_claim_cycles)]] = Field(
        None, description="full equivalent cycles, e.g. 1000")
    retention: Optional[Annotated[Value, Q("fraction", ranged=True)]] = Field(
        None, description="capacity left after those cycles, e.g. 80 %")
    range: Optional[Annotated[Value, Q("length", ranged=True, example="km")]] = Field(
        None, description="range per charge when new")
    pack_energy: Optional[Annotated[Value, Q("energy", ranged=True, example="kWh")]] = None
    usable_fraction: Optional[Annotated[Value, Q("fraction", ranged=True)]] = None
    consumption: Optional[Annotated[Value, Q("consumption", ranged=True)]] = None
    vehicle: Optional[str] = None
    cycle: Optional[str] = None


class ConsumptionInputs(Strict):
    pack_energy: Annotated[Value, Q("energy", ranged=True, example="kWh")]
    range: Annotated[Value, Q("length", ranged=True, example="km")]
    usable_fraction: Optional[Annotated[Value, Q("fraction", ranged=True)]] = None


class ChargeInputs(Strict):
    cell: Optional[str] = None
    from_soc: Optional[Annotated[Value, Q("fraction", allow_zero=True, ranged=True)]] = None
    to_soc: Optional[Annotated[Value, Q("fraction", ranged=True)]] = None
    time: Optional[Annotated[Value, Q("time", ranged=True)]] = None
    pack_energy: Optional[Annotated[Value, Q("energy", ranged=True, example="kWh")]] = None
    vehicle: Optional[str] = None
    range: Optional[Annotated[Value, Q("length", ranged=True, example="km")]] = Field(
        None, description="size the pack for this range in the vehicle")
    cycle: Optional[str] = None
    charger_efficiency: Optional[Annotated[Value, Q("fraction", ranged=True)]] = None
    power_kind: Optional[Literal["peak", "average"]] = Field(
        None, description="an asserted power is the peak or the average [default: peak with up-to or at-most "
                          "('up to'), else average]")


class RangeAddedInputs(Strict):
    time: Annotated[Value, Q("time", ranged=True)]
    power: Optional[Annotated[Value, Q("power", ranged=True)]] = Field(None, description="average power at the battery")
    from_soc: Optional[Annotated[Value, Q("fraction", allow_zero=True, ranged=True)]] = None
    to_soc: Optional[Annotated[Value, Q("fraction", ranged=True)]] = None
    pack_energy: Optional[Annotated[Value, Q("energy", ranged=True, example="kWh")]] = None
    usable_fraction: Optional[Annotated[Value, Q("fraction", ranged=True)]] = Field(
        None, description="usable share of the pack energy in "
        "the SoC window or a peak power's charge curve (default 93 %)")
    consumption: Optional[Annotated[Value, Q("consumption", ranged=True)]] = None
    vehicle: Optional[str] = None
    cycle: Optional[str] = None
    range: Optional[Annotated[Value, Q("length", ranged=True, example="km")]] = Field(
        None, description="the full range of pack_energy, instead of a "
        "consumption: c = pack_energy x usable_fraction / range")
    power_kind: Optional[Literal["peak", "average"]] = Field(None, description="'power' is the peak or the average "
                                                                               "at the battery [default: average]")


class TwoFigures(Strict):
    a: Figure = Field(description="the first figure, with its unit (the base of the comparison); '?' if unknown")
    b: Figure = Field(description="the second figure, with its unit; '?' if unknown")


class RatingsInputs(Strict):
    a: Figure = Field(description="the range on a_cycle, e.g. '700 km'")
    a_cycle: str = Field(description="the rating of a: wltp, epa, cltc, nedc (or a cycle id)")
    b_cycle: str = Field(description="the rating of the asserted range")
    vehicle: Optional[str] = Field(None, description="the vehicle whose simulated ratio decides [default: the "
                                                     "published band decides]")


class ExpressionInputs(Strict):
    expr: str = Field(min_length=1, max_length=200,
                      description="arithmetic over figures and spec references, e.g. '75 kWh / (400 Wh/kg)'")
    cycle: Optional[str] = Field(None, description="drive cycle of vehicle references without '@cycle'")


class ProductInputs(Strict):
    factors: list[Figure] = Field(min_length=2)


#: The years a growth claim may name.
FIRST_YEAR, LAST_YEAR = 1800, 2300


def _year(v: Any) -> Any:
    """A growth claim's year as the file or ``KEY=VALUE`` gives it, read as every count is (the value grammar
    of :func:`batcalc.units.parse_value`: ``2024``, ``'2024'``, ``2.024e3``; not ``2_024``, ``true``, ``'2024 %'``),
    then a whole number from :data:`FIRST_YEAR` to :data:`LAST_YEAR`. An empty key or text is left to pydantic,
    which words it ("is empty: give a whole number")."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return v
    if isinstance(v, bool):
        raise ValueError(f"expected a year such as 2024, got {str(v).lower()}")
    try:
        p = units.parse_value(v, "count")
    except UnitError as exc:
        if isinstance(v, str) and any(ch.isdigit() for ch in v):      # '2_024', '2024 %': the number's own words
            raise ValueError(str(exc)) from None
        # 'true' on the command line (a file's true is a bool, above), a list: no number at all
        got = repr(v)[:60] if isinstance(v, str) else f"a {type(v).__name__}"
        raise ValueError(f"expected a year such as 2024, got {got}") from None
    if not float(p.si).is_integer() or not FIRST_YEAR <= p.si <= LAST_YEAR:
        raise ValueError(f"{p.text!r} is not a year: give a whole year from {FIRST_YEAR} to {LAST_YEAR}, e.g. 2024")
    return int(p.si)


Year = Annotated[int, BeforeValidator(_year)]


class GrowthInputs(Strict):
    start: Figure
    end: Figure
    start_year: Year = Field(ge=FIRST_YEAR, le=LAST_YEAR)
    end_year: Year = Field(ge=FIRST_YEAR, le=LAST_YEAR)


def _claim(kind: str, inputs: type) -> type[ClaimBase]:
    from pydantic import create_model

    # Literal of a runtime string: fine for pydantic, but no static type for mypy, hence Any
    kind_type: Any = Literal[kind]
    return create_model(f"{kind.title().replace('-', '')}Claim", __base__=ClaimBase, __module__=__name__,
                        kind=(kind_type, ...), inputs=(inputs, ...))


_INPUTS: dict[str, type] = {
    "same-weight": SameWeightInputs, "same-energy": CellPair, "same-range": SameRangeInputs,
    "range": RangeInputs, "consumption": ConsumptionInputs, "charge": ChargeInputs,
    "range-added": RangeAddedInputs, "ratio": TwoFigures, "difference": TwoFigures,
    "product": ProductInputs, "growth": GrowthInputs, "expression": ExpressionInputs,
    "same-volume": SameVolumeInputs, "same-energy-volume": VolumePair, "lifetime": LifetimeInputs,
    "ratings": RatingsInputs,
}
if set(_INPUTS) != set(CLAIM_KINDS):              # a kind added in one place only
    raise ImportError(f"claim kinds without an inputs model or with no entry in batcalc.spec.CLAIM_KINDS: "
                      f"{sorted(set(_INPUTS) ^ set(CLAIM_KINDS))}")
#: Each claim kind's inputs model, in the order of :data:`batcalc.spec.CLAIM_KINDS`.
KIND_INPUTS: dict[str, type] = {kind: _INPUTS[kind] for kind in CLAIM_KINDS}
CLAIM_MODELS = {k: _claim(k, v) for k, v in KIND_INPUTS.items()}
if TYPE_CHECKING:
    # the claim models are built at runtime (create_model), so mypy cannot see their union or fields
    AnyClaim = Any
else:
    AnyClaim = Annotated[Union[tuple(CLAIM_MODELS.values())], Field(discriminator="kind")]


class ClaimsFile(Strict):
    """A file of claims with their sources."""

    kind: Literal["claims"]
    title: Optional[str] = None
    claims: list[AnyClaim] = Field(min_length=1)
    sources: list[Source] = Field(default_factory=list)
    assumptions: dict[str, str] = Field(
        default_factory=dict, description="plausible ranges narrowed or widened for this file's claims, by "
        "assumption id (docs/assumptions.md), e.g. {cell-to-pack-mass: '0.75 to 0.85'}; used by check --bands")

    @field_validator("assumptions")
    @classmethod
    def _known_ranges(cls, v: dict[str, str]) -> dict[str, str]:
        from batcalc.errors import BatcalcError
        from batcalc.spec.assumptions import plausible_ranges, with_overrides

        for id, text in v.items():
            if not isinstance(text, str):
                raise ValueError(f"{id}: write a range as text, e.g. '0.75 to 0.85'")
        try:
            with_overrides(plausible_ranges(), v)     # unknown id (with the closest), bad range
        except BatcalcError as exc:
            raise ValueError(str(exc)) from None
        return v


register_kind("claims", ClaimsFile)
