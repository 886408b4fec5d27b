"""Cell listings, single-cell reports and side-by-side comparisons, as rows and as JSON data.

Ratios at the same mass / energy / volume follow from energy densities (docs/formulas.md):
at fixed mass ``E_b / E_a = rho_b / rho_a``; at fixed energy ``m_b / m_a = rho_a / rho_b``
(gravimetric), and the same with volumetric density for volume.
"""

from __future__ import annotations

from typing import NamedTuple, Optional

from batcalc.physics.cells import FIGURES, CellFigures
from batcalc.units import format_number


class Ratio(NamedTuple):
    """``value`` = b / a; ``percent`` = (b / a - 1) * 100. None when undefined (missing or mixed levels).

    (A named tuple, like :class:`~batcalc.cells.Figure`: immutable and cheap to create.)
    """

    value: Optional[float]
    why_missing: Optional[str] = None

    @property
    def percent(self) -> Optional[float]:
        """``(b / a - 1) * 100``, or None when undefined."""
        return None if self.value is None else (self.value - 1.0) * 100.0

    def text(self) -> str:
        """``x1.167 (+16.7 %)``, or ``n/a (why)`` when undefined; a change that rounds to zero shows as
        ``+0.0 %``, whichever side of 1 the ratio is on (a range held to 1e-9 is not ``-0.0 %``)."""
        if self.value is None:
            return f"n/a ({self.why_missing})"
        return f"x{format_number(self.value)} ({(self.value - 1.0) * 100.0:+z.1f} %)"

    def inline(self) -> str:
        """Short form for a table cell next to a value: ``x1.167, +16.7 %`` (only for a defined ratio)."""
        if self.value is None:
            raise ValueError("an undefined ratio has no inline form")
        return f"x{format_number(self.value)}, {(self.value - 1.0) * 100.0:+z.1f} %"

    def json(self) -> dict[str, Optional[float | str]]:
        """The ratio and percent for JSON output (rounded), or why it is missing."""
        if self.value is None:
            return {"ratio": None, "percent": None, "why_missing": self.why_missing}
        return {"ratio": round(self.value, 12), "percent": round((self.value - 1.0) * 100.0, 10)}


def _density_ratio(a: CellFigures, b: CellFigures, key: str, inverse: bool) -> Ratio:
    """``rho_b / rho_a`` (or ``rho_a / rho_b`` when ``inverse``) of figure ``key``; undefined when either
    is missing or the two are at different levels (cell vs pack)."""
    ra, rb = a.get(key), b.get(key)
    if ra is None or rb is None:
        missing = a.id if ra is None else b.id
        return Ratio(None, f"no {FIGURES[key][0]} for {missing}")
    if a.level != b.level:
        return Ratio(None, f"{a.id} is {a.level}-level, {b.id} is {b.level}-level")
    return Ratio(ra / rb if inverse else rb / ra)


def energy_at_same_mass(a: CellFigures, b: CellFigures) -> Ratio:
    """Energy of b's cells over a's at equal cell mass: ``E_b / E_a = rho_grav_b / rho_grav_a``."""
    return _density_ratio(a, b, "gravimetric", inverse=False)


def mass_at_same_energy(a: CellFigures, b: CellFigures) -> Ratio:
    """Mass of b's cells over a's for equal energy: ``m_b / m_a = rho_grav_a / rho_grav_b``."""
    return _density_ratio(a, b, "gravimetric", inverse=True)


def energy_at_same_volume(a: CellFigures, b: CellFigures) -> Ratio:
    """Energy of b over a at equal cell volume: ``E_b / E_a = rho_vol_b / rho_vol_a``."""
    return _density_ratio(a, b, "volumetric", inverse=False)


def volume_at_same_energy(a: CellFigures, b: CellFigures) -> Ratio:
    """Volume of b over a for equal energy: ``V_b / V_a = rho_vol_a / rho_vol_b``."""
    return _density_ratio(a, b, "volumetric", inverse=True)


TRADEOFFS = (
    ("energy_at_same_mass", "energy at the same mass", energy_at_same_mass),
    ("mass_at_same_energy", "mass at the same energy", mass_at_same_energy),
    ("energy_at_same_volume", "energy at the same volume", energy_at_same_volume),
    ("volume_at_same_energy", "volume at the same energy", volume_at_same_energy),
)
