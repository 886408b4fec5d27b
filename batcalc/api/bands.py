"""Bands in the Python API: results over the plausible range of each default assumption
(:mod:`batcalc.physics.bands`, docs/assumptions.md), as pint Quantities."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Optional

from batcalc.api.quantities import as_quantity


def _dim(key: str) -> str:
    """The dimension a banded figure is given in (:data:`batcalc.report.bands.FIGURES`): a range is a
    ``distance`` (km)."""
    from batcalc.report.bands import FIGURES

    _label, dim, category = FIGURES[key]
    return "distance" if category == "distance" else dim


def _quantity(si: float, dim: str) -> Any:
    """A banded figure as a Quantity in the unit the point results use (:class:`batcalc.api.RangeResult`):
    energies in kWh, other figures in their metric display unit (a range in km)."""
    return as_quantity(si, dim, "kWh" if dim == "energy" else None)


@dataclass(frozen=True)
class Band:
    """One figure over the box of plausible assumptions: ``low <= central <= high`` (Quantities)."""

    low: Any
    central: Any
    high: Any


def ranges_with(assume: Optional[Mapping[str, str]] = None) -> Mapping[str, Any]:
    """The plausible ranges (specs/assumptions.yaml) with ``assume`` ({id: 'LOW to HIGH'}) applied."""
    from batcalc.physics.bands import check_overridden
    from batcalc.spec.assumptions import plausible_ranges, with_overrides

    if assume is None:
        return plausible_ranges()
    if not isinstance(assume, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in assume.items()):
        raise TypeError("assume takes a dict of assumption id -> range as text, e.g. "
                        "{'cell-to-pack-mass': '0.75 to 0.85'} (ids in docs/assumptions.md)")
    ranges = with_overrides(plausible_ranges(), assume)
    check_overridden(ranges)                # a value the physics refuses, named as 'assume' gave it
    return ranges


@dataclass(frozen=True, repr=False)
class RangeBands:
    """A range result over the plausible assumptions: ``result['range']`` is a :class:`Band` of
    Quantities in the units of :class:`~batcalc.api.RangeResult` (also ``pack_mass`` in kg,
    ``pack_energy`` and ``usable_energy`` in kWh, ``vehicle_mass`` in kg, ``consumption`` in Wh/km);
    :meth:`ranking` the assumptions by how far each alone moves a figure; ``axes`` the ids of the
    assumptions the result rests on; ``warnings`` those of the central result; ``raw`` the
    :class:`batcalc.physics.bands.Bands`."""

    raw: Any

    def _known(self, key: Any) -> str:
        """``key`` if it is a banded figure, else :class:`~batcalc.errors.UnknownKeyError` naming those there are."""
        if not isinstance(key, str) or key not in self.raw.bands:
            from batcalc.errors import UnknownKeyError

            raise UnknownKeyError(f"no banded figure {key!r}: choose {', '.join(self.raw.bands)}")
        return key

    def __getitem__(self, key: str) -> Band:
        """The band of figure ``key`` (one of :meth:`keys`); another key is an
        :class:`~batcalc.errors.UnknownKeyError` (a :class:`KeyError` and a :class:`~batcalc.errors.BatcalcError`)."""
        dim = _dim(self._known(key))
        b = self.raw.bands[key]
        return Band(*(_quantity(x, dim) for x in (b.low, b.central, b.high)))

    def keys(self) -> list[str]:
        """The figures banded."""
        return list(self.raw.bands)

    @property
    def warnings(self) -> list[str]:
        """The warnings of the result at the central point (an overweight vehicle or pack, a motor that
        cannot follow the cycle), as :attr:`batcalc.api.RangeResult.warnings` and ``batcalc range --bands``
        give them."""
        central = self.raw.result
        return [] if central is None else list(central.warnings)

    @property
    def axes(self) -> list[str]:
        """The ids of the assumptions the result rests on (the axes of its box)."""
        return [a.id for a in self.raw.axes]

    def ranking(self, key: str = "range") -> list[tuple[str, Any, Any]]:
        """``(assumption id, figure at its low end, at its high end)``, the others central, largest swing first;
        ``key`` one of :meth:`keys` (another is an :class:`~batcalc.errors.UnknownKeyError`)."""
        dim = _dim(self._known(key))
        return [(s.axis.id, _quantity(s.at_low[key], dim), _quantity(s.at_high[key], dim))
                for s in self.raw.ranking(key)]

    def __repr__(self) -> str:
        r = self["range"]
        return f"<RangeBands range {r.low:.4g} .. {r.central:.4g} .. {r.high:.4g} over {len(self.axes)} assumptions>"


def range_bands(cell: Any, vehicle: Any, *, pack_mass: Any = None, pack_energy: Any = None,
                cycle: Optional[str] = "default", assume: Optional[Mapping[str, str]] = None,
                f_mass: Any = None, f_volume: Any = None, f_usable: Any = None) -> RangeBands:
    """:func:`batcalc.range_of` over the box of plausible assumptions (docs/assumptions.md): every
    figure's low, central and high value and which assumption moves it most. ``assume``: ranges
    narrowed or widened, ``{'cell-to-pack-mass': '0.75 to 0.85'}``. ``pack_mass`` or ``pack_energy``
    may be a range too (``'400 to 500 kg'``: one more axis, named ``pack_mass``); ``f_mass``,
    ``f_volume``, ``f_usable`` fix a pack fraction (then it is no axis; an ``assume`` of the same
    assumption is refused), as ``batcalc range --bands`` does."""
    from batcalc.api.cells import figures_of
    from batcalc.api.quantities import si_of
    from batcalc.api.vehicles import _cycle, pack_mass_of, vehicle_of
    from batcalc.errors import UnitError
    from batcalc.physics.bands import InputAxis
    from batcalc.physics.bands import range_bands as physics_range_bands
    from batcalc.physics.pack import check_fractions_apply
    from batcalc.spec.assumptions import check_not_assumed_twice
    from batcalc.spec.model import parse_range_value
    from batcalc.units import RANGE_TO, shown_text, temperature_text

    fractions = {name: si_of(value, "fraction", name) for name, value in
                 (("f_mass", f_mass), ("f_volume", f_volume), ("f_usable", f_usable))}
    figures = figures_of(cell)
    check_fractions_apply([figures], f_mass is not None, f_volume is not None)    # as range_of and --bands
    v = vehicle_of(vehicle)
    temperature, altitude, _climate = v.ambient              # set by Vehicle.with_conditions, else None
    check_not_assumed_twice(assume or {}, {k: x for k, x in (("f_mass", f_mass), ("f_volume", f_volume),
                                                             ("f_usable", f_usable),
                                                             ("ambient", None if temperature is None else
                                                              temperature_text(temperature)),
                                                             ("altitude", None if altitude is None else
                                                              shown_text(altitude, "length", category="altitude",
                                                                         fmt="g")))})
    ranges = dict(ranges_with(assume))

    def ranged(value: Any, dim: str, name: str, unit: str) -> Any:
        if isinstance(value, str) and RANGE_TO.search(value.strip()):
            try:
                parsed = parse_range_value(value, dim)
            except UnitError as exc:           # named as si_of names a one-value input's error
                raise UnitError(f"{name}: {exc}") from None
            ranges[name] = InputAxis.of(name, parsed, value.strip())
            return name
        return pack_mass_of(value) if name == "pack_mass" else si_of(value, dim, name, unit)
    return RangeBands(physics_range_bands(figures, v, ranges,
                                          pack_mass=ranged(pack_mass, "mass", "pack_mass", "kg"),
                                          pack_energy=ranged(pack_energy, "energy", "pack_energy", "kWh"),
                                          cycle=_cycle(cycle),
                                          given={k: v for k, v in fractions.items() if v is not None}))
