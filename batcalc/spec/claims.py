"""The claims-file model (``kind: claims``): each claim kind's inputs, the asserted value and qualifier.

The file format is documented in docs/claims.md; evaluation lives in :mod:`batcalc.claims.check`.
"""

from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BeforeValidator, Field

from batcalc.spec.model import ID_PATTERN, Qty, Source, Strict, TestCycle, register_kind

#: Vehicle used to turn energy into range when a claim names none (a stated assumption).
DEFAULT_VEHICLE = "mid-sedan"

# ------------------------------------------------------------------------------------- the models

def _number_not_bool(v: Any) -> Any:
    """Refuse YAML booleans where a number or figure is expected (pydantic would read true as 1)."""
    if isinstance(v, bool):
        raise ValueError(f"expected a number or '<number> <unit>', got {str(v).lower()}")
    return v


Figure = Annotated[Union[str, float], BeforeValidator(_number_not_bool)]


class ClaimBase(Strict):
    id: str = Field(pattern=ID_PATTERN)
    quote: str = Field(min_length=1, description="the claim as published, word for word")
    source: Optional[str] = Field(None, description="id of the source in the file's `sources:`")
    asserted: Figure = Field(description="the value the claim asserts, with its unit")
    qualifier: Literal["about", "at-least", "at-most"] = Field(
        "about", description="about: within tolerance; at-least: 'over', 'more than'; at-most: 'up to'")
    tolerance: Optional[Qty("fraction", allow_zero=True)] = Field(None, description="relative tolerance, default 5 %")
    note: Optional[str] = None


class CellPair(Strict):
    a: Optional[str] = Field(None, description="cell id or path (the before / reference)")
    b: Optional[str] = Field(None, description="cell id or path (the after / new)")
    a_density: Optional[Qty("specific_energy")] = None
    b_density: Optional[Qty("specific_energy")] = None


class SameWeightInputs(CellPair):
    reading: Literal["energy", "range", "battery-life"] = Field(
        "energy", description="what the factor is of: energy or range per charge, or 'battery life' "
                              "(ambiguous: tested as energy per charge; cycle and calendar life noted)")


class SameRangeInputs(Strict):
    a: str = Field(description="cell id or path (the reference)")
    b: str = Field(description="cell id or path (the new cell)")
    vehicle: str = DEFAULT_VEHICLE
    cycle: Optional[str] = None
    range: Optional[Qty("length")] = None
    pack_mass: Optional[Qty("mass")] = None


class RangeInputs(Strict):
    cell: Optional[str] = None
    pack_energy: Optional[Qty("energy")] = None
    pack_mass: Optional[Qty("mass")] = None
    usable_fraction: Optional[Qty("fraction")] = None
    consumption: Optional[Qty("consumption")] = None
    vehicle: Optional[str] = None
    cycle: Optional[str] = None
    test_cycle: TestCycle = Field("unknown", description="the cycle the claim's range is quoted on")


class ConsumptionInputs(Strict):
    pack_energy: Qty("energy")
    range: Qty("length")
    usable_fraction: Optional[Qty("fraction")] = None


class ChargeInputs(Strict):
    cell: Optional[str] = None
    from_soc: Optional[Qty("fraction", allow_zero=True)] = None
    to_soc: Optional[Qty("fraction")] = None
    time: Optional[Qty("time")] = None
    pack_energy: Optional[Qty("energy")] = None
    vehicle: Optional[str] = None
    range: Optional[Qty("length")] = Field(None, description="size the pack for this range in the vehicle")
    cycle: Optional[str] = None
    charger_efficiency: Optional[Qty("fraction")] = None
    power_kind: Optional[Literal["peak", "average"]] = Field(
        None, description="an asserted power is the peak or the average [default: peak with at-most ('up to'), "
                          "else average]")


class RangeAddedInputs(Strict):
    time: Qty("time")
    power: Optional[Qty("power")] = Field(None, description="average power at the battery")
    from_soc: Optional[Qty("fraction", allow_zero=True)] = None
    to_soc: Optional[Qty("fraction")] = None
    pack_energy: Optional[Qty("energy")] = None
    usable_fraction: Optional[Qty("fraction")] = Field(None, description="usable share of the pack energy in "
                                                                         "the SoC window (default 93 %)")
    consumption: Optional[Qty("consumption")] = None
    vehicle: Optional[str] = None
    cycle: Optional[str] = None
    range: Optional[Qty("length")] = Field(None, description="the full range of pack_energy, instead of a "
                                                             "consumption: c = pack_energy x usable_fraction / range")
    power_kind: Optional[Literal["peak", "average"]] = Field(None, description="'power' is the peak or the average "
                                                                               "at the battery [default: average]")


class TwoFigures(Strict):
    a: str = Field(description="the first figure, with its unit (the base of the comparison)")
    b: str = Field(description="the second figure, with its unit")


class ProductInputs(Strict):
    factors: list[Figure] = Field(min_length=2)


class GrowthInputs(Strict):
    start: str
    end: str
    start_year: int = Field(ge=1800, le=2300)
    end_year: int = Field(ge=1800, le=2300)


def _claim(kind: str, inputs: type) -> type:
    from pydantic import create_model

    return create_model(f"{kind.title().replace('-', '')}Claim", __base__=ClaimBase, __module__=__name__,
                        kind=(Literal[kind], ...), inputs=(inputs, ...))


KIND_INPUTS: dict[str, type] = {
    "same-weight": SameWeightInputs, "same-energy": CellPair, "same-range": SameRangeInputs,
    "range": RangeInputs, "consumption": ConsumptionInputs, "charge": ChargeInputs,
    "range-added": RangeAddedInputs, "ratio": TwoFigures, "difference": TwoFigures,
    "product": ProductInputs, "growth": GrowthInputs,
}
CLAIM_MODELS = {k: _claim(k, v) for k, v in KIND_INPUTS.items()}
AnyClaim = Annotated[Union[tuple(CLAIM_MODELS.values())], Field(discriminator="kind")]


class ClaimsFile(Strict):
    """A file of claims with their sources."""

    kind: Literal["claims"]
    title: Optional[str] = None
    claims: list[AnyClaim] = Field(min_length=1)
    sources: list[Source] = Field(default_factory=list)


register_kind("claims", ClaimsFile)
