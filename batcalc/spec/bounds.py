"""The bounds outside which a vehicle figure is a typo, not a vehicle: one home for the vehicle spec's check
(:mod:`batcalc.spec.vehicle`) and for the default assumptions that stand in for those figures when a spec is
silent (``--assume``, a claims file's ``assumptions:``; :mod:`batcalc.spec.assumptions`)."""

from __future__ import annotations

from typing import Optional

from batcalc.errors import UnitError
from batcalc.units import error_in_systems, format_number, shown

#: Bounds outside which a vehicle value is a typo, not a vehicle: (low, high, dimension), SI (kg, m^2, W;
#: fractions). Auxiliaries: a car's 0.2-1 kW to an electric bus's air conditioning, ~30 kW; a battery's one-way
#: efficiency: Li-ion cells lose a few percent (FASTSim's stock cars 98.5 %); motors: from an urban microcar's
#: ~10 kW to a mining truck's few MW.
PLAUSIBLE: dict[str, tuple[float, float, str]] = {
    "drag_coefficient": (0.1, 1.5, ""), "rolling_resistance": (0.001, 0.05, ""),
    "frontal_area": (0.5, 20.0, "area"), "mass_without_battery": (100.0, 100_000.0, "mass"),
    "drivetrain_efficiency": (0.3, 1.0, "fraction"), "rotational_mass_factor": (0.0, 0.5, ""),
    "auxiliary_power": (0.0, 100_000.0, "power"), "battery_efficiency": (0.7, 1.0, "fraction"),
    "transmission_efficiency": (0.5, 1.0, "fraction"), "motor_rated_power": (1_000.0, 5_000_000.0, "power")}

#: The vehicle figure each default assumption (specs/assumptions.yaml) stands in for, where it has bounds.
ASSUMED_FIGURES: dict[str, str] = {
    "aux-power": "auxiliary_power", "transmission-efficiency": "transmission_efficiency",
    "battery-efficiency": "battery_efficiency", "drive-efficiency": "drivetrain_efficiency",
    "rotating-mass-factor": "rotational_mass_factor"}


def check_plausible(si: float, text: Optional[str], name: str) -> None:
    """Refuse ``si`` (the value written ``text``; None: the caller names it) for vehicle figure ``name`` outside
    its :data:`PLAUSIBLE` bounds, in one line naming them in the unit system's units (``'30-100 %'``,
    ``'220.5-220462 lb'``)."""
    low, high, dim = PLAUSIBLE[name]
    if low <= si <= high:
        return

    def bounds(system: str) -> str:
        if not dim:
            return f"{low:g}-{high:g}"
        ends = shown(low, dim, system), shown(high, dim, system)
        return f"{format_number(ends[0].value)}-{format_number(ends[1].value)} {ends[1].unit}"
    value = f"{text.strip()!r} is not" if text is not None else "not"
    raise error_in_systems(lambda system: f"{value} plausible for {name} (expected {bounds(system)}); a typo?",
                           UnitError)
