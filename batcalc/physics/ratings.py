"""Range ratings from simulated cycles, and what published pairs of ratings say about their ratios.

- WLTP combined range = range on WLTC class 3b (UN GTR No. 15).
- EPA label range (two-cycle method) = 0.7 x (0.55 R_UDDS + 0.45 R_HWFET): the city and highway
  ranges weighted 55/45 and multiplied by the 0.7 adjustment factor (the derived five-cycle method
  lets makers use factors near 0.73-0.74 instead). Sources: the references in
  docs/ratings.md (FASTSim ``simdrivelabel.rs``; the Model S/X label derivation published on Tesla
  Motors Club).

Ranges in metres.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from batcalc.errors import BatcalcError
from batcalc.physics.energy import range_from_energy

if TYPE_CHECKING:
    from batcalc.physics.vehicle import Vehicle
    from batcalc.spec.ratings import Band

EPA_CITY_WEIGHT = 0.55
EPA_HIGHWAY_WEIGHT = 0.45
#: EPA's two-cycle adjustment factor for battery-electric vehicles.
EPA_ADJUSTMENT = 0.7


def epa_label_range(range_udds: float, range_hwfet: float, adjustment: float = EPA_ADJUSTMENT) -> float:
    """EPA label range, m, from the unadjusted UDDS (city) and HWFET (highway) ranges, m:
    ``R = adjustment x (0.55 R_city + 0.45 R_highway)``."""
    if not (range_udds > 0 and range_hwfet > 0):
        raise BatcalcError("ranges must be positive")
    if not 0 < adjustment <= 1:
        raise BatcalcError("the adjustment factor must be above 0 and at most 1")
    return adjustment * (EPA_CITY_WEIGHT * range_udds + EPA_HIGHWAY_WEIGHT * range_hwfet)


def ratio_between(range_from: float, range_to: float) -> float:
    """How a range on one cycle converts to another for the same vehicle: ``R_to / R_from``."""
    if not (range_from > 0 and range_to > 0):
        raise BatcalcError("ranges must be positive")
    return range_to / range_from


#: Vehicle classes the light-duty car ratings (WLTP, EPA label, CLTC, NEDC) are defined for.
CAR_CLASSES = ("car", "suv")
#: The constant speed messages give a truck as an example of a cycle of its own, m/s (80 km/h, about 50 mph:
#: the heavy trucks' default cycle, :data:`batcalc.physics.tradeoff.DEFAULT_CYCLES`), shown in the unit
#: system asked for.
EXAMPLE_TRUCK_SPEED = 80 / 3.6

#: The ratings batcalc simulates, and the cycles behind them (EPA: UDDS and HWFET with the label formula).
RATING_CYCLES = {"wltp": ("wltc-3b",), "epa": ("udds", "hwfet"), "cltc": ("cltc-p",), "nedc": ("nedc",)}
#: How each rating is labelled in reports.
RATING_LABELS = {"wltp": "WLTP rating (WLTC class 3b)", "epa": "EPA label (two-cycle)", "cltc": "CLTC rating (CLTC-P)",
                 "nedc": "NEDC rating"}


def rating_key(name: str) -> str:
    """The rating a name means: ``wltp``, ``epa``, ``cltc`` or ``nedc`` (aliases of their cycles too:
    ``wltc``, ``cltc-p``, ...), else the cycle id of any other cycle batcalc runs (a trace, a file, a
    constant speed); raises a one-line error for an unknown name."""
    from batcalc.physics.cycles import ALIASES, get_cycle

    key = name.strip().lower()
    if key in RATING_CYCLES:
        return key
    cycle_id = ALIASES.get(key)
    for rating, cycles in RATING_CYCLES.items():
        if cycles == (cycle_id,):
            return rating
    if key in ("epa-label", "epa-2cycle"):
        return "epa"
    return get_cycle(name).id if not key.endswith(".csv") else name.strip()


def measured_rating(vehicle: Vehicle) -> Optional[str]:
    """The rating (:func:`rating_key`) the vehicle's measured consumption was measured on, when its spec
    gives one and names a cycle batcalc knows (``cycle: WLTP``), else None."""
    measured = vehicle.spec.measured_consumption
    if measured is None or not measured.cycle:
        return None
    try:
        return rating_key(measured.cycle)
    except BatcalcError:
        return None


def rated_on(vehicle: Vehicle, ratings: tuple[str, ...]) -> tuple[str, ...]:
    """Those of ``ratings`` (keys of :data:`RATING_CYCLES`) that :func:`rating_consumption` can give for
    ``vehicle``: all of them, except for a vehicle that gives only a measured consumption (no road load to
    drive a cycle with), rated only on the rating it was measured on."""
    if not vehicle.measured_only:
        return ratings
    return tuple(r for r in ratings if r == measured_rating(vehicle))


def unrated_note(vehicle: Vehicle, unrated: list[str]) -> str:
    """Why the ratings ``unrated`` are not given for ``vehicle`` (left out by :func:`rated_on`)."""
    measured = vehicle.spec.measured_consumption
    on = f" (on {measured.cycle})" if measured is not None and measured.cycle else \
        " (on a cycle it does not state: 'cycle: WLTP' under measured_consumption rates it on the WLTP)"
    names = "ratings (WLTP, EPA label, CLTC, NEDC)" if len(unrated) == len(RATING_CYCLES) else \
        ", ".join(RATING_LABELS.get(r, r) for r in unrated)
    return (f"{names} not given: {vehicle.id} gives only a measured consumption{on}; to simulate "
            f"{'it' if len(unrated) == 1 else 'them'}, give its drag_coefficient, frontal_area and rolling_resistance "
            f"(or coast_down)")


def not_a_car_note(vehicle: Vehicle) -> str:
    """That the light-duty car ratings (WLTP, EPA label, CLTC, NEDC) do not fit ``vehicle``, a truck (its class
    not in :data:`CAR_CLASSES`): the start of a note, which each use ends with its advice (a ratings or range
    claim, ``batcalc normalise``)."""
    return (f"the WLTP, EPA label, CLTC and NEDC ratings are light-duty car ratings and {vehicle.id} is a "
            f"{vehicle.spec.vehicle_class}")


def anchor_note(vehicle: Vehicle) -> Optional[str]:
    """What a report says of ratings anchored to the vehicle's measured consumption
    (:func:`rating_consumption`), or None when they are not."""
    anchor = measured_rating(vehicle)
    if anchor is None:
        return None
    label = RATING_LABELS.get(anchor, anchor)
    if vehicle.measured_only:
        return f"the {label} is {vehicle.id}'s measured consumption at this mass"
    return (f"ratings anchored to {vehicle.id}'s measured consumption on the {label}: that rating is the measured "
            f"figure at this mass, the others scale it by the road-load model's ratio between the cycles")


def rating_consumption(vehicle: Vehicle, rating: str, mass: float) -> float:
    """The consumption, J/m, that gives a rating's range as ``R = E_usable / c`` for ``vehicle`` at total
    mass ``mass`` kg: the cycle's consumption at the battery, or for ``epa`` the label formula's
    ``c = 1 / (0.7 (0.55 / c_UDDS + 0.45 / c_HWFET))`` (:func:`epa_label_range` with ``E = 1``).

    A vehicle with a measured consumption on a rating (:func:`measured_rating`) is anchored to it: on that
    rating the measured figure at this mass (``c0 + s (m - m0) / 100 kg``), on any other the road-load
    model's ratio to it, ``c_k = c_measured c_sim,k / c_sim,measured``, so that its ratings agree with
    the range its measured figure gives, and the ratios between ratings stay the simulation's."""
    key = rating_key(rating)
    anchor = measured_rating(vehicle)
    if anchor is None:
        return _simulated(vehicle, key, mass)
    measured = float(vehicle.consumption_model(None)(mass))
    if key == anchor:
        return measured
    return measured * _simulated(vehicle, key, mass) / _simulated(vehicle, anchor, mass)


def _simulated(vehicle: Vehicle, key: str, mass: float) -> float:
    """:func:`rating_consumption` of the road-load model alone, J/m (``key`` from :func:`rating_key`)."""
    from batcalc.physics.cycles import get_cycle

    if key == "epa":
        c_city = vehicle.consumption_model("udds")(mass)
        c_highway = vehicle.consumption_model("hwfet")(mass)
        return 1.0 / epa_label_range(1.0 / c_city, 1.0 / c_highway)
    cycle = RATING_CYCLES[key][0] if key in RATING_CYCLES else key
    get_cycle(cycle)                     # a clear error for a bad name before the vehicle's own checks
    return float(vehicle.consumption_model(cycle)(mass))


def rating_range(vehicle: Vehicle, rating: str, usable_energy: float, mass: float) -> float:
    """A rating's range, m, of ``usable_energy`` J in ``vehicle`` at total mass ``mass`` kg:
    ``R = E_usable / c_rating`` (:func:`rating_consumption`): WLTP = WLTC 3b, EPA label =
    0.7 (0.55 R_UDDS + 0.45 R_HWFET), CLTC = CLTC-P, NEDC = NEDC."""
    if not usable_energy > 0:
        raise BatcalcError("usable energy must be positive")
    return range_from_energy(usable_energy, rating_consumption(vehicle, rating, mass))


def ratings_of(vehicle: Vehicle, usable_energy: float, mass: float) -> dict[str, float]:
    """The four ratings' ranges, m (keys ``wltp``, ``epa``, ``cltc``, ``nedc``; :func:`rating_range`); of a
    vehicle that gives only a measured consumption, the rating it was measured on alone (:func:`rated_on`;
    none when it names no rating)."""
    return {key: rating_range(vehicle, key, usable_energy, mass) for key in rated_on(vehicle, tuple(RATING_CYCLES))}


def simulated_ratio(vehicle: Vehicle, from_rating: str, to_rating: str, mass: float) -> float:
    """Range on ``to_rating`` / range on ``from_rating`` for ``vehicle`` at total mass ``mass`` kg: the same
    energy on both, so ``R_to / R_from = c_from / c_to`` (:func:`rating_consumption`)."""
    return ratio_between(1.0 / rating_consumption(vehicle, from_rating, mass),
                         1.0 / rating_consumption(vehicle, to_rating, mass))


@dataclass(frozen=True)
class PublishedBand:
    """A band of range ratios ``R_to / R_from`` that published pairs of ratings show (``specs/rating_bands.yaml``),
    in the direction asked (``inverted`` when the file gives ``to -> from``: then ``low = 1 / high_file``)."""

    from_rating: str
    to_rating: str
    low: float
    high: float
    source: str
    inverted: bool

    def contains(self, ratio: float) -> bool:
        """Whether ``low <= ratio <= high``."""
        return self.low <= ratio <= self.high


def published_band(from_rating: str, to_rating: str) -> Optional[PublishedBand]:
    """The published band for ``R_to / R_from``, read from ``specs/rating_bands.yaml`` in either
    direction (inverted when needed), or None when the file has none for the pair."""
    for band in _bands():
        if (band.from_rating, band.to_rating) == (from_rating, to_rating):
            return PublishedBand(from_rating, to_rating, float(band.low.si), float(band.high.si),
                                 band.source or "", False)
        if (band.from_rating, band.to_rating) == (to_rating, from_rating):
            return PublishedBand(from_rating, to_rating, 1.0 / float(band.high.si), 1.0 / float(band.low.si),
                                 band.source or "", True)
    return None


def band_sources() -> dict[str, str]:
    """Source id -> title and address of the rating bands' sources."""
    from batcalc.spec.catalog import specs_root
    from batcalc.spec.model import load_spec

    spec = load_spec(specs_root() / "rating_bands.yaml", expect="rating-bands")
    return {s.id: f"{s.title} ({s.url or s.document or ''})" for s in spec.sources}


def _bands() -> list[Band]:
    """The bands of ``specs/rating_bands.yaml`` (validated)."""
    from batcalc.spec.catalog import specs_root
    from batcalc.spec.model import load_spec

    return list(load_spec(specs_root() / "rating_bands.yaml", expect="rating-bands").bands)
