"""Charging maths: average C-rate, power at the battery and from the grid, range added, chargers.

Plain SI numbers in and out (fractions 0..1, seconds, joules, watts, metres). Formulas (docs/formulas.md):
``C_avg = dSoC / t[h]``; energy into the battery ``E = dSoC * E_pack``; ``P_batt = E / t`` (SoC over
the gross pack energy, so this is the upper estimate); ``P_grid = P_batt / eta_charger``; ``range
added = dSoC * E_usable / c``; charge speed (km of range per hour of charging, as EV databases quote
it) = range added / t.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from batcalc.errors import BatcalcError, InputsError, literal
from batcalc.physics.energy import range_from_energy, usable_energy
from batcalc.physics.pack import DEFAULT_F_USABLE

#: Start SoCs shown when a charge claim leaves the start open: from empty and the common 10 %.
ASSUMED_STARTS = (0.0, 0.10)
#: Charger (grid -> battery) efficiency, a stated assumption: DC fast chargers and the car's
#: high-voltage path lose ~5-10 % (the charger-efficiency default 0.9, docs/assumptions.md).
DEFAULT_CHARGER_EFFICIENCY = 0.90


def average_c_rate(from_soc: float, to_soc: float, seconds: float) -> float:
    """Average C-rate, in 1/h (= C), of charging from ``from_soc`` to ``to_soc`` in ``seconds``.

    ``C_avg = (to - from) / (t / 3600 s)``; e.g. 0 -> 80 % in 12 min = 0.8 / 0.2 h = 4 C.
    """
    if seconds <= 0:
        raise BatcalcError("charge time must be positive")
    return (to_soc - from_soc) / (seconds / 3600.0)


def charge_energy(from_soc: float, to_soc: float, pack_energy_j: float) -> float:
    """Energy into the battery, J, charging from ``from_soc`` to ``to_soc``: ``E = (to - from) * E_pack``
    (SoC over the gross pack energy ``E_pack``, J)."""
    return (to_soc - from_soc) * pack_energy_j


def average_power(from_soc: float, to_soc: float, seconds: float, pack_energy_j: float) -> float:
    """Average power at the battery, W: ``P = (to - from) * E_pack / t`` (E in J, t in s)."""
    if seconds <= 0:
        raise BatcalcError("charge time must be positive")
    return charge_energy(from_soc, to_soc, pack_energy_j) / seconds


def grid_power(battery_power_w: float, charger_efficiency: float) -> float:
    """Power drawn from the grid, W: ``P_grid = P_batt / eta_charger`` (``eta_charger``: the charger's and
    the car's losses together; a charger's rating is at its DC output, :func:`delivered_power`)."""
    return battery_power_w / charger_efficiency


def charge_time(from_soc: float, to_soc: float, power_w: float, pack_energy_j: float) -> float:
    """Time, s, to charge ``from -> to`` at a constant ``power_w`` at the battery: ``t = dSoC E / P``."""
    if power_w <= 0:
        raise BatcalcError("charge power must be positive")
    if pack_energy_j <= 0:
        raise BatcalcError("pack energy must be positive")
    return charge_energy(from_soc, to_soc, pack_energy_j) / power_w


#: Pack voltage when neither a vehicle nor --pack-voltage gives one: the common 400 V class (stated).
DEFAULT_PACK_VOLTAGE = 400.0


@dataclass(frozen=True)
class ChargerLimits:
    """A charger's limits at its DC output (None where the catalogue gives none): SI, W, A, V."""

    id: str
    name: str
    power: Optional[float]                 # W
    current: Optional[float]               # A
    max_voltage: Optional[float]           # V
    min_voltage: Optional[float] = None    # V


@lru_cache(maxsize=1)
def charger_catalogue() -> dict[str, ChargerLimits]:
    """Charger classes and stations of ``specs/chargers.yaml`` by id (every limit sourced there; a station
    without its own current or voltage takes its connector's: :func:`batcalc.spec.chargers.limits`)."""
    from batcalc.spec.catalog import specs_root
    from batcalc.spec.chargers import limits
    from batcalc.spec.model import load_spec

    spec = load_spec(specs_root() / "chargers.yaml", expect="chargers", require_sources=True)
    out = {}
    for c in spec.chargers:
        lim = limits(spec, c.id)
        out[c.id] = ChargerLimits(c.id, c.name, lim.power, lim.current, lim.max_voltage, lim.min_voltage)
    return out


def charger(charger_id: str) -> ChargerLimits:
    """The charger ``charger_id`` from the catalogue; an unknown id names the known ones."""
    known = charger_catalogue()
    if charger_id not in known:
        import difflib

        hint = difflib.get_close_matches(charger_id, list(known), n=3, cutoff=0.5)
        raise BatcalcError(f"no charger {charger_id!r}" + (f"; did you mean {', '.join(hint)}?" if hint else
                                                           f"; known: {', '.join(sorted(known))}"))
    return known[charger_id]


@lru_cache(maxsize=1)
def chargers() -> tuple[ChargerLimits, ...]:
    """Every charger class and station of ``specs/chargers.yaml``, by rated power (sorted once: the
    catalogue is read once per process, :func:`charger_catalogue`)."""
    return tuple(sorted(charger_catalogue().values(), key=lambda c: math.inf if c.power is None else c.power))


def is_ac(station: ChargerLimits) -> bool:
    """Whether ``station`` is an AC class (the catalogue's ``ac-...`` ids): its voltage and current are AC
    RMS at the car's on-board charger, not at the pack, so only its power limits the charge."""
    return station.id.startswith("ac-")


def ac_battery_power(station_power: float, charger_efficiency: float) -> float:
    """The most power, W, an AC class of ``station_power`` W puts into the battery: ``P_AC x eta_charger``.
    An AC rating (230 V x 32 A = 7.4 kW) is what the car draws from the grid, before its on-board charger
    and high-voltage path lose their share (``eta_charger``); a DC station's rating is at its DC output,
    the battery side, and is not scaled."""
    return station_power * charger_efficiency


def charger_limits_at(power: Optional[float], current: Optional[float], voltage: Any) -> tuple[Any, Any]:
    """A DC charger's two limits on the power into a pack at ``voltage`` V (a number, or an array against
    SoC), W: its power rating ``P_charger`` and its current rating at the pack's voltage ``I_charger x V``
    (``power`` W, ``current`` A; a limit not known is ``inf``, not applied). The one home of this rule: the
    charge curve (:class:`batcalc.physics.charge_curve.ChargeCurve`) and :func:`delivered_power`."""
    return (math.inf if power is None else power), (math.inf if current is None else current * voltage)


def delivered_power(station: ChargerLimits, pack_voltage: float,
                    charger_efficiency: float = DEFAULT_CHARGER_EFFICIENCY) -> float:
    """The most power, W, ``station`` delivers into a pack of ``pack_voltage`` V, at its DC output (the
    power at the battery: the car's own high-voltage path, a few percent, is not modelled):
    ``min(P_charger, I_charger x V_pack)`` (:func:`charger_limits_at`); an AC class by its power alone, drawn
    from the grid, so ``P_AC x eta_charger`` at the battery (:func:`is_ac`, :func:`ac_battery_power`); 0
    when the pack's voltage is outside the charger's range (above its highest or below its lowest voltage,
    where the charge curve refuses it); ``inf`` when no limit is known."""
    if is_ac(station):
        return math.inf if station.power is None else ac_battery_power(station.power, charger_efficiency)
    if station.max_voltage is not None and pack_voltage > station.max_voltage * (1 + 1e-9):
        return 0.0
    if station.min_voltage is not None and pack_voltage < station.min_voltage:
        return 0.0
    return float(min(charger_limits_at(station.power, station.current, pack_voltage)))


def chargers_for(power_w: float, pack_voltage: float = DEFAULT_PACK_VOLTAGE,
                 charger_efficiency: float = DEFAULT_CHARGER_EFFICIENCY) -> list[ChargerLimits]:
    """Charger classes and stations that deliver ``power_w`` W into a pack of ``pack_voltage`` V
    (:func:`delivered_power` at least ``power_w``; an AC class's grid-side rating scaled by
    ``charger_efficiency``), least delivered power first (ties by rated power)."""
    found = [(delivered_power(c, pack_voltage, charger_efficiency), c) for c in chargers()]
    return [c for p, c in sorted((x for x in found if x[0] >= power_w * (1 - 1e-9)), key=lambda x: x[0])]


def check_charge_inputs(pack_energy: Optional[float], charger_efficiency: float, usable_fraction: float = 1.0) -> None:
    """Refuse a pack energy (J) that is not positive and efficiencies or fractions outside (0, 1]."""
    if pack_energy is not None and not pack_energy > 0:
        raise BatcalcError(f"pack energy must be positive, got {pack_energy / 3.6e6:g} kWh")
    for name, x in (("charger efficiency", charger_efficiency), ("usable fraction", usable_fraction)):
        if not 0 < x <= 1:
            raise BatcalcError(f"{name} must be above 0 and at most 100 %, got {x * 100:g} %")


@dataclass(frozen=True)
class Window:
    """One charge from ``from_soc`` to ``to_soc`` in ``seconds`` of a pack of ``pack_energy`` J."""

    from_soc: float
    to_soc: float
    seconds: float
    pack_energy: Optional[float] = None          # J, gross
    usable_fraction: float = DEFAULT_F_USABLE
    consumption: Optional[float] = None          # J/m at the battery
    charger_efficiency: float = DEFAULT_CHARGER_EFFICIENCY
    max_c_rate: Optional[float] = None           # 1/h, the cell's rating
    start_stated: bool = True
    pack_voltage: float = DEFAULT_PACK_VOLTAGE   # V, nominal: what the chargers deliver at it

    def __post_init__(self) -> None:
        """Refuse a SoC window outside 0-100 % or not rising, a time that is not positive and finite, a
        pack energy that is not positive and efficiencies or fractions outside (0, 1]: what the command
        line's options and a claims file's schema refuse, for every front end (an
        :class:`~batcalc.errors.InputsError` naming the input)."""
        if not self.from_soc >= 0:
            raise InputsError(f"{{from_soc}} must be at least 0 %, got {self.from_soc * 100:g} %")
        if not self.to_soc <= 1:
            raise InputsError(f"{{to_soc}} must be at most 100 %, got {self.to_soc * 100:g} %")
        if not self.to_soc > self.from_soc:
            raise InputsError(f"{{to_soc}} must be above {{from_soc}} ({self.from_soc * 100:g} % -> "
                              f"{self.to_soc * 100:g} %)")
        if not (self.seconds > 0 and math.isfinite(self.seconds)):
            raise InputsError(f"{{time}} must be positive and finite, got {self.seconds:g} s")
        check_charge_inputs(self.pack_energy, self.charger_efficiency, self.usable_fraction)
        check_pack_voltage(self.pack_voltage)

    @property
    def delta(self) -> float:
        """SoC added, a fraction: ``to - from``."""
        return self.to_soc - self.from_soc

    @property
    def c_rate(self) -> float:
        """Average C-rate, 1/h."""
        return average_c_rate(self.from_soc, self.to_soc, self.seconds)

    @property
    def battery_power(self) -> Optional[float]:
        """Average power at the battery, W (None without a pack energy)."""
        return None if self.pack_energy is None else average_power(self.from_soc, self.to_soc, self.seconds,
                                                                   self.pack_energy)

    @property
    def grid_power(self) -> Optional[float]:
        """Average power drawn from the grid, W: ``P_batt / eta_charger``."""
        p = self.battery_power
        return None if p is None else grid_power(p, self.charger_efficiency)

    @property
    def energy_added(self) -> Optional[float]:
        """Energy into the battery, J: ``dSoC * E_pack``."""
        return None if self.pack_energy is None else charge_energy(self.from_soc, self.to_soc, self.pack_energy)

    @property
    def range_added(self) -> Optional[float]:
        """Range added, m: ``dSoC * E_pack * f_usable / c`` (:mod:`batcalc.physics.energy`)."""
        e = self.energy_added
        if e is None or self.consumption is None:
            return None
        return range_from_energy(usable_energy(e, self.usable_fraction), self.consumption)

    @property
    def range_per_minute(self) -> Optional[float]:
        """Range added per minute of charging, m/min: ``range added / (t / 60 s)``."""
        r = self.range_added
        return None if r is None else r / (self.seconds / 60.0)

    @property
    def charge_speed(self) -> Optional[float]:
        """Range added per hour of charging, m/s (shown as km/h, as EV databases quote it)."""
        r = self.range_added
        return None if r is None else r / self.seconds

    @property
    def exceeds_cell_rating(self) -> Optional[bool]:
        """True when the average C-rate is above the cell's max charge C-rate (None when unknown)."""
        if self.max_c_rate is None:
            return None
        return self.c_rate > self.max_c_rate * (1 + 1e-9)

    def chargers(self) -> list[ChargerLimits]:
        """Charger classes and stations that deliver the average power at the battery into a pack of
        ``pack_voltage`` V: ``min(P_charger, I_charger x V_pack) >= P_batt`` (:func:`chargers_for`; a DC
        charger's limits are at its DC output, an AC class's power at the grid, ``P_AC x eta_charger`` at
        the battery; the grid power is ``P_batt / eta_charger``)."""
        p = self.battery_power
        return [] if p is None else chargers_for(p, self.pack_voltage, self.charger_efficiency)


def starts_of(from_soc: Optional[float], to_soc: float) -> list[float]:
    """The starts (SoC fractions) a charge ending at ``to_soc`` is shown from: ``from_soc`` when stated,
    else each of :data:`ASSUMED_STARTS` below ``to_soc``."""
    return [from_soc] if from_soc is not None else [s for s in ASSUMED_STARTS if s < to_soc]


def open_start_text(to_soc: float) -> str:
    """Which assumed starts are shown for an open start SoC ending at ``to_soc`` (for notes)."""
    starts = [f"{s * 100:.0f} %" for s in starts_of(None, to_soc)]
    dropped = [f"{s * 100:.0f} %" for s in ASSUMED_STARTS if s >= to_soc]
    text = " and ".join(starts) + (" starts" if len(starts) > 1 else " start")
    return text + (f" ({', '.join(dropped)} is not below the end SoC {to_soc * 100:g} %)" if dropped else "")


def windows_for(from_soc: Optional[float], to_soc: float, seconds: float, **kwargs: Any) -> list[Window]:
    """The windows to show for a charge: the stated one, or 0 % and 10 % starts when ``from_soc`` is None."""
    return [Window(s, to_soc, seconds, start_stated=from_soc is not None, **kwargs)
            for s in starts_of(from_soc, to_soc)]


def check_cycle_needs_vehicle(cycle: Optional[str], has_vehicle: bool) -> None:
    """Refuse a drive cycle given for a charge without a vehicle: the cycle only gives the vehicle's
    consumption (for the range added), so without one it would be ignored (None and ``'default'`` are
    no cycle given)."""
    if cycle not in (None, "default") and not has_vehicle:
        raise InputsError("{cycle} is the vehicle's drive cycle: give {vehicle} or drop {cycle}")


def check_pack_voltage(volts: Optional[float]) -> None:
    """Refuse a pack voltage, V, that is given and not positive and finite."""
    if volts is not None and not (volts > 0 and math.isfinite(volts)):
        raise InputsError(f"{{pack_voltage}} must be positive, got {volts:g} V")


def pack_voltage_for(vehicle: Any, given: Optional[float], assumed: Any) -> tuple[float, str]:
    """The pack's nominal voltage, V, for a charge, and how it was chosen: ``given`` (refused unless
    positive and finite), else ``vehicle``'s reference pack's (a physics :class:`Vehicle` or None), else
    the ``pack-voltage`` assumption of ``assumed`` (:class:`batcalc.physics.bands.Assumed`: 400 V). ``how``
    is ``'given'``, ``'reference'`` or ``'default'``; the front ends word it."""
    if given is not None:
        check_pack_voltage(given)
        return given, "given"
    ref = vehicle.spec.reference_pack if vehicle is not None else None
    if ref is not None and ref.nominal_voltage is not None:
        return float(ref.nominal_voltage.si), "reference"
    return float(assumed["pack-voltage"]), "default"


def check_curve_request(seconds: Any, power: Any) -> None:
    """Refuse a charge time or an average power given (not None, in any form) for a charge along the curve
    (a charger, a peak C-rate or a taper): the curve gives the time, so either would be ignored (an
    :class:`~batcalc.errors.InputsError` each front end spells in its own names)."""
    if seconds is not None or power is not None:
        raise InputsError("{time} and {power} are for the average-rate charge; on a charge curve ({charger}, "
                          "{peak_c_rate}, {taper}) the curve gives the time")


def requested_windows(cell: Any, from_soc: Optional[float], to_soc: Optional[float], seconds: Optional[float],
                      power: Optional[float], curve: bool = False, **kwargs: Any) -> list[Window]:
    """The charge windows a charge request asks for (SoC as fractions, ``seconds`` s, ``power`` W at the
    battery): ``to_soc`` in ``seconds``, or at ``power`` in :func:`charge_time`, from ``from_soc`` or, when
    it is left open, from each of :data:`ASSUMED_STARTS` below ``to_soc``; with none of ``to_soc``,
    ``seconds`` and ``power``, the charge claims of ``cell`` (:class:`~batcalc.physics.cells.CellFigures`).
    ``kwargs``: the rest of each :class:`Window` (``pack_energy``, ``consumption``, ...). The one home of
    these rules for the command line and the Python API: what is missing or contradictory is an
    :class:`~batcalc.errors.InputsError`, which each spells in its own names; ``curve``: the front end
    can also charge along a charger's curve, which the messages then offer."""
    if power is not None and seconds is not None:
        raise InputsError("give {time} or {power}, not both")
    if to_soc is None:
        if seconds is not None or power is not None:
            raise InputsError("{to_soc} is needed with {time} or {power} (e.g. {to_soc:80 %})")
        if from_soc is not None:
            raise InputsError("{from_soc} without {to_soc}: give {to_soc} too, with {time} or {power}"
                              + (f", or leave out {{from_soc}} for the charge claims of {literal(cell.id)}"
                                 if cell.spec.charging.claims else ""))
        windows = [w for c in cell.spec.charging.claims
                   for w in windows_for(c.from_soc.si if c.from_soc else None, c.to_soc.si, c.time.si, **kwargs)]
        if not windows:
            raise InputsError(f"{literal(cell.id)} has no charge claim: give {{to_soc}} and {{time}} (or {{power}})"
                              + (", or {charger}" if curve else ""))
        return windows
    if (from_soc or 0.0) >= to_soc:
        raise InputsError("{to_soc} must be above {from_soc} " + (
            f"({from_soc * 100:g} % -> {to_soc * 100:g} %)" if from_soc is not None else
            f"(an open start is read from 0 %, the end is {to_soc * 100:g} %)"))
    if power is not None:
        energy = kwargs.get("pack_energy")
        if energy is None:
            raise InputsError("{power} needs a pack energy: give {pack_energy} or {vehicle}")
        return [Window(s, to_soc, charge_time(s, to_soc, power, energy), start_stated=from_soc is not None, **kwargs)
                for s in starts_of(from_soc, to_soc)]
    if seconds is None:
        raise InputsError("give {time} or {power} with {to_soc}" + (" (or {charger} for the charge curve)" if curve
                                                                     else ""))
    return windows_for(from_soc, to_soc, seconds, **kwargs)
